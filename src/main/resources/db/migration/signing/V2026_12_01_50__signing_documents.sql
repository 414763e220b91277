-- The firm's documents (module signing, page /documents): every PDF the firm signed, sealed or extended, from the
-- pages and the API. The row is the firm's history and stays; the PDF itself is kept until retained_until
-- (paraphe.signing.document-retention at the time of signing), then the purge job sets it to NULL and purged_at.
-- Before this table the signing page kept a signed PDF 7 days (signing_request) and a sealed PDF was not kept.
CREATE TABLE signing_document (
    id              UUID                     PRIMARY KEY,
    firm_id         UUID                     NOT NULL,
    kind            VARCHAR(10)              NOT NULL,
    channel         VARCHAR(10)              NOT NULL,
    actor_id        UUID                     NOT NULL,
    actor_name      VARCHAR(255)             NOT NULL,
    file_name       VARCHAR(255)             NOT NULL,
    level           VARCHAR(8)               NOT NULL,
    certified       BOOLEAN                  NOT NULL,
    price_cents     BIGINT                   NOT NULL,
    sha256          CHAR(64)                 NOT NULL,
    size_bytes      BIGINT                   NOT NULL,
    document        BYTEA,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retained_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    purged_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX signing_document_firm ON signing_document (firm_id, created_at);
CREATE INDEX signing_document_retained ON signing_document (retained_until);
