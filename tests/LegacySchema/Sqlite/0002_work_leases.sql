-- Claims on background work, so several instances never process the same row at once; and the
-- acquirer-led flow's lookup of orders by the acquirer's payment id.

ALTER TABLE "WebhookEvents" ADD COLUMN "ClaimedBy" TEXT NULL;
ALTER TABLE "WebhookEvents" ADD COLUMN "ClaimedUntil" INTEGER NULL;
ALTER TABLE "PendingAuthorizations" ADD COLUMN "ClaimedBy" TEXT NULL;
ALTER TABLE "PendingAuthorizations" ADD COLUMN "ClaimedUntil" INTEGER NULL;

CREATE INDEX "IX_Orders_AcquirerPaymentId" ON "Orders" ("AcquirerPaymentId");
