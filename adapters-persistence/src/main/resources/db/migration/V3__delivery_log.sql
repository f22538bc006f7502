-- The delivery log and retention. One statement per change: the column is added instantly on both servers,
-- where combined with an index it would rebuild the table.

-- Attempts made before the last redelivery: the retry schedule counts from there, the attempt log goes on.
ALTER TABLE bh_delivery ADD COLUMN schedule_start INT NOT NULL DEFAULT 0;

-- A webhook's log filtered by status, newest first, without walking the rest of the log.
ALTER TABLE bh_delivery ADD KEY ix_bh_delivery_status (webhook_id, status, id);

-- Retention walks closed deliveries oldest first; created_at never changes, so claims and records pay nothing.
ALTER TABLE bh_delivery ADD KEY ix_bh_delivery_created (created_at);

-- Retention walks events oldest first; an event is never updated, so only its insert pays for this.
ALTER TABLE bh_event ADD KEY ix_bh_event_occurred (occurred_at);
