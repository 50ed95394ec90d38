-- The schema the first release created (with EnsureCreated); databases made by it are adopted as 0001.

CREATE TABLE "CustomerTokens" (
    "OrderId" TEXT NOT NULL CONSTRAINT "PK_CustomerTokens" PRIMARY KEY,
    "Scope" TEXT NOT NULL,
    "ProtectedToken" TEXT NOT NULL,
    "Reference" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NOT NULL,
    "Xml" TEXT NOT NULL
);

CREATE TABLE "OrderKlarnaLinks" (
    "OrderId" TEXT NOT NULL CONSTRAINT "PK_OrderKlarnaLinks" PRIMARY KEY,
    "PaymentRequestUrl" TEXT NOT NULL,
    "ExpiresAt" INTEGER NULL,
    "LastReadAt" INTEGER NULL
);

CREATE TABLE "Orders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Orders" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "PlanKind" TEXT NOT NULL,
    "AmountDueMinorUnits" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "PaymentRequestId" TEXT NULL,
    "AcquirerPaymentId" TEXT NULL,
    "StatusReason" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "PendingAuthorizations" (
    "OrderId" TEXT NOT NULL CONSTRAINT "PK_PendingAuthorizations" PRIMARY KEY,
    "ProtectedSessionToken" TEXT NOT NULL,
    "SessionTokenReceivedAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL
);

CREATE TABLE "WebhookEvents" (
    "EventId" TEXT NOT NULL CONSTRAINT "PK_WebhookEvents" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "ProtectedBody" TEXT NOT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "ProcessedAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LastError" TEXT NULL
);

CREATE UNIQUE INDEX "IX_DataProtectionKeys_FriendlyName" ON "DataProtectionKeys" ("FriendlyName");

CREATE INDEX "IX_Orders_PaymentRequestId" ON "Orders" ("PaymentRequestId");

CREATE INDEX "IX_Orders_Status" ON "Orders" ("Status");

CREATE INDEX "IX_WebhookEvents_ProcessedAt" ON "WebhookEvents" ("ProcessedAt");
