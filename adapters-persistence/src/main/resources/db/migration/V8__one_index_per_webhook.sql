-- bh_delivery had three indexes that start with the webhook: (webhook, id) for its log newest first, (webhook,
-- status, id) for its log by status, and (webhook, due time, id) for the claims behind a blocked head. Each
-- delivery wrote all three, and its outcome moved an entry in two of them. One index now serves all three: open
-- deliveries are in due order per webhook (the claims, the park and the resume), closed ones (next_attempt_at
-- NULL) by status and id (the log by status, newest first); the log without a filter merges one range per status,
-- and the webhook's foreign key uses its first column. A delivery writes five index entries instead of seven, and
-- its outcome moves two instead of three (docs/benchmarks.md, third session of 2026-12-06).
ALTER TABLE bh_delivery ADD KEY ix_bh_delivery_webhook_due (webhook_id, next_attempt_at, status, id);
ALTER TABLE bh_delivery DROP KEY ix_bh_delivery_due_by_webhook, DROP KEY ix_bh_delivery_status,
    DROP KEY ix_bh_delivery_webhook;
