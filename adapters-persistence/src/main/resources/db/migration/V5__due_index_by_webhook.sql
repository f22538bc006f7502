-- A webhook at its share of requests in flight can have a long backlog of due deliveries (a slow endpoint): a
-- claim that walks the due index in due order has to step over all of it to find the other webhooks' rows. The
-- claim now reads only a bounded head of the due index, and takes what lies behind a blocked head per webhook,
-- through this index: each webhook's due deliveries in claim order.
ALTER TABLE bh_delivery ADD KEY ix_bh_delivery_due_by_webhook (webhook_id, next_attempt_at, id);
