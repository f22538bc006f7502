-- The claim skips webhooks that already have their share in flight (webhook_id NOT IN …). With webhook_id in
-- the due index, the rows of such a webhook (a slow endpoint's backlog) are passed over inside the index instead
-- of being fetched one by one, so a slow endpoint no longer slows the claims of the others.
ALTER TABLE bh_delivery ADD KEY ix_bh_delivery_due_webhook (next_attempt_at, id, webhook_id);
ALTER TABLE bh_delivery DROP KEY ix_bh_delivery_due;
