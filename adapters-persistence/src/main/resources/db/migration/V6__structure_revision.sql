-- A base's structure revision: raised in the transaction of every change to its tables or columns, which holds the
-- base's lock like every content write. A write reads it with that lock and takes its tables from this instance's
-- cache while the revision is the one they were read at, instead of reading them again for every write.
-- Added instantly on both servers (a column with a default, no index).
ALTER TABLE bh_base ADD COLUMN structure_revision BIGINT NOT NULL DEFAULT 0;
