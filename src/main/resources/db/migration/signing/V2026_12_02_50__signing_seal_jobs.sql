-- Bulk sealing jobs (module signing, POST /api/v1/seal-jobs and /cachet): up to 1,000 PDFs sealed in the
-- background by any node. The whole job's price is reserved at submission (one billing_reservation per document,
-- keyed sealjob:<job>:<index>); each document is claimed under a lease (lease_token, lease_until), sealed with no
-- lock held, then its sealed PDF is stored and its reservation settled in ONE transaction, guarded by the lease
-- token: a node killed before that commit left nothing recorded and nothing charged (the lease expires and another
-- node seals the document again); a node killed after it left the document SEALED, never claimed again. The job's
-- files (source, sealed, manifest) are kept until expires_at (the documents' retention), then set to NULL.
CREATE TABLE seal_job (
    id              UUID                     PRIMARY KEY,
    firm_id         UUID                     NOT NULL,
    actor_id        UUID                     NOT NULL,
    channel         VARCHAR(10)              NOT NULL,
    idempotency_key VARCHAR(100),
    fingerprint     CHAR(64)                 NOT NULL,
    level           VARCHAR(8)               NOT NULL,
    reason          VARCHAR(200),
    certify         BOOLEAN                  NOT NULL,
    visible         BOOLEAN                  NOT NULL,
    box_page        INTEGER,
    box_x           REAL,
    box_y           REAL,
    box_width       REAL,
    box_height      REAL,
    status          VARCHAR(10)              NOT NULL,
    total           INTEGER                  NOT NULL,
    price_cents     BIGINT                   NOT NULL,
    manifest        BYTEA,
    manifest_pdf    BYTEA,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    purged_at       TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX seal_job_idempotency ON seal_job (firm_id, idempotency_key);
CREATE INDEX seal_job_status ON seal_job (status);
CREATE INDEX seal_job_expires ON seal_job (expires_at);

CREATE TABLE seal_job_document (
    job_id          UUID                     NOT NULL REFERENCES seal_job (id),
    idx             INTEGER                  NOT NULL,
    file_name       VARCHAR(255)             NOT NULL,
    source          BYTEA,
    source_sha256   CHAR(64)                 NOT NULL,
    status          VARCHAR(10)              NOT NULL,
    reservation_id  UUID                     NOT NULL,
    lease_token     UUID,
    lease_until     TIMESTAMP WITH TIME ZONE,
    attempts        INTEGER                  NOT NULL,
    sealed          BYTEA,
    sealed_sha256   CHAR(64),
    serial          VARCHAR(64),
    error_key       VARCHAR(100),
    sealed_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX seal_job_document_pending ON seal_job_document (status, lease_until);
