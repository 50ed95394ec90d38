-- The worker asks for the oldest unprocessed events and for the events a claim holds. The old index on
-- "ProcessedAt" made both read every unprocessed row (a webhook burst leaves tens of thousands); these
-- partial indexes hold only the rows those queries want, in the order they want them.

DROP INDEX "IX_WebhookEvents_ProcessedAt";
CREATE INDEX "IX_WebhookEvents_Unprocessed" ON "WebhookEvents" ("ReceivedAt") WHERE "ProcessedAt" IS NULL;
CREATE INDEX "IX_WebhookEvents_ClaimedBy" ON "WebhookEvents" ("ClaimedBy") WHERE "ClaimedBy" IS NOT NULL;
