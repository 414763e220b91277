-- Every charged seal is kept a day under its document's id (the id of its debit, seal:<id>), with or without an
-- Idempotency-Key, so that a client whose response was lost fetches it again (GET /api/v1/seals/{id}), finding
-- the id by the SHA-256 of the PDF it sent (source_sha256). Rows kept before this migration have no id: they stay
-- replayable by their key until they expire.
ALTER TABLE signing_idempotent_seal ADD COLUMN document_id UUID;
ALTER TABLE signing_idempotent_seal ADD COLUMN source_sha256 CHAR(64);
ALTER TABLE signing_idempotent_seal DROP CONSTRAINT signing_idempotent_seal_pk;
ALTER TABLE signing_idempotent_seal ALTER COLUMN idempotency_key DROP NOT NULL;
ALTER TABLE signing_idempotent_seal ALTER COLUMN fingerprint DROP NOT NULL;
ALTER TABLE signing_idempotent_seal ADD CONSTRAINT signing_idempotent_seal_key UNIQUE (firm_id, idempotency_key);
CREATE UNIQUE INDEX signing_idempotent_seal_document ON signing_idempotent_seal (document_id);
CREATE INDEX signing_idempotent_seal_source ON signing_idempotent_seal (firm_id, source_sha256);
