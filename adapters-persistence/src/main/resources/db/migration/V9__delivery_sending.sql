-- Whether a delivery's lease is a send in progress (a claim or a hand-off), so the log shows it as sending until the
-- lease ends. Set and cleared by the statements that already lease, record and release a delivery; in no index, so
-- they move no more index entries than before. Added on its own, the column is instant on both servers.
ALTER TABLE bh_delivery ADD COLUMN sending BOOLEAN NOT NULL DEFAULT FALSE;
