-- A seal draft is claimed while it is being sealed (a second submission of the same placement waits for nothing and
-- seals nothing) and then remembers the document it became, so that Back or a reload after sealing lands on the
-- confirmation instead of sealing (and charging) again. Purged after a day as before.
ALTER TABLE signing_seal_draft ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE signing_seal_draft ADD COLUMN document_id UUID;
