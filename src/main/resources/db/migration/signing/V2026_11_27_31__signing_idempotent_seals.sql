-- The sealing API's Idempotency-Key: the sealed document of the first request, kept a day, so that a retry of
-- the same request (same fingerprint: document and parameters) gets the same document, neither sealed nor charged
-- again, and a different request under a used key is refused.
CREATE TABLE signing_idempotent_seal (
    firm_id          UUID                     NOT NULL,
    idempotency_key  VARCHAR(100)             NOT NULL,
    fingerprint      CHAR(64)                 NOT NULL,
    document         BYTEA                    NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT signing_idempotent_seal_pk PRIMARY KEY (firm_id, idempotency_key)
);
CREATE INDEX signing_idempotent_seal_created ON signing_idempotent_seal (created_at);
