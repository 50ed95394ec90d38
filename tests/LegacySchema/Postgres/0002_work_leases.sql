-- Claims on background work, so several instances never process the same row at once; and the
-- acquirer-led flow's lookup of orders by the acquirer's payment id.

ALTER TABLE "WebhookEvents" ADD "ClaimedBy" character varying(200);
ALTER TABLE "WebhookEvents" ADD "ClaimedUntil" timestamp with time zone;
ALTER TABLE "PendingAuthorizations" ADD "ClaimedBy" character varying(200);
ALTER TABLE "PendingAuthorizations" ADD "ClaimedUntil" timestamp with time zone;

CREATE INDEX "IX_Orders_AcquirerPaymentId" ON "Orders" ("AcquirerPaymentId");
