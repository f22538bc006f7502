-- A base's webhooks revision: raised in the transaction of every change to one of its webhooks (created, changed,
-- deleted, its secret rotated, its endpoint's health or auto-disable recorded), and every such change holds the
-- base's lock first, like every content write. A write reads it with that lock and takes the base's webhooks from
-- this instance's cache while the revision is the one they were read at, instead of reading them for every write.
-- Added instantly on both servers (a column with a default, no index).
ALTER TABLE bh_base ADD COLUMN webhooks_revision BIGINT NOT NULL DEFAULT 0;
