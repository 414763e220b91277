-- Signature collections (module collection): a firm's draft, then launched to its signers, who sign each document
-- in turn (PAdES incremental updates on the document's latest version), until it completes, is declined, expires or
-- is cancelled. Signers' links are kept only as SHA-256 of their token (the signing link, and the link of the
-- completion's e-mail to the signed documents).
CREATE TABLE collection (
    id                UUID                     PRIMARY KEY,
    firm_id           UUID                     NOT NULL,
    title             VARCHAR(200)             NOT NULL,
    message           VARCHAR(2000),
    status            VARCHAR(12)              NOT NULL,
    signing_order     VARCHAR(12)              NOT NULL,
    deadline          TIMESTAMP WITH TIME ZONE,
    reminder_days     VARCHAR(100)             NOT NULL,
    seal              BOOLEAN                  NOT NULL DEFAULT FALSE,
    prepared_by       UUID                     NOT NULL,
    launched_by       UUID,
    comment           VARCHAR(1000),
    create_key        VARCHAR(100),
    launch_key        VARCHAR(100),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    launched_at       TIMESTAMP WITH TIME ZONE,
    ended_at          TIMESTAMP WITH TIME ZONE,
    completing_at     TIMESTAMP WITH TIME ZONE,
    documents_purged  BOOLEAN                  NOT NULL DEFAULT FALSE
);
CREATE INDEX collection_firm ON collection (firm_id, created_at);
CREATE INDEX collection_status ON collection (status, deadline);
CREATE UNIQUE INDEX collection_create_key ON collection (firm_id, create_key);

-- Each document with its current version: every signature replaces current (version + 1) if version is unchanged.
CREATE TABLE collection_document (
    id             UUID                     PRIMARY KEY,
    collection_id  UUID                     NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    number         INTEGER                  NOT NULL,
    file_name      VARCHAR(255)             NOT NULL,
    original       BYTEA,
    current_pdf    BYTEA,
    version        INTEGER                  NOT NULL,
    sha256         VARCHAR(64)              NOT NULL,
    UNIQUE (collection_id, number)
);

CREATE TABLE collection_signer (
    id               UUID                     PRIMARY KEY,
    collection_id    UUID                     NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    position         INTEGER                  NOT NULL,
    step             INTEGER                  NOT NULL,
    kind             VARCHAR(8)               NOT NULL,
    civility         VARCHAR(8),
    given_name       VARCHAR(100),
    surname          VARCHAR(100),
    email            VARCHAR(254),
    phone            VARCHAR(20),
    user_id          UUID,
    channel          VARCHAR(8)               NOT NULL,
    status           VARCHAR(10)              NOT NULL,
    token_hash       VARCHAR(64),
    download_hash    VARCHAR(64),
    invited_at       TIMESTAMP WITH TIME ZONE,
    reminded_at      TIMESTAMP WITH TIME ZONE,
    reminders        INTEGER                  NOT NULL DEFAULT 0,
    consented_at     TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    decline_reason   VARCHAR(1000),
    certificate      VARCHAR(64),
    reservation_id   UUID,
    reservation_cents BIGINT,
    UNIQUE (collection_id, position)
);
CREATE UNIQUE INDEX collection_signer_token ON collection_signer (token_hash);
CREATE UNIQUE INDEX collection_signer_download ON collection_signer (download_hash);
CREATE INDEX collection_signer_user ON collection_signer (user_id, status);

-- Where each signer signs: a box on a page of a document, in PDF points from the page's lower-left corner.
CREATE TABLE collection_place (
    signer_id        UUID                     NOT NULL REFERENCES collection_signer (id) ON DELETE CASCADE,
    document_number  INTEGER                  NOT NULL,
    page             INTEGER                  NOT NULL,
    box_x            REAL                     NOT NULL,
    box_y            REAL                     NOT NULL,
    box_width        REAL                     NOT NULL,
    box_height       REAL                     NOT NULL
);
CREATE INDEX collection_place_signer ON collection_place (signer_id);

-- The collection's timeline, for the firm's pages (the evidence trail, in module evidence, keeps the proof).
CREATE TABLE collection_event (
    id             UUID                     PRIMARY KEY,
    collection_id  UUID                     NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    signer_id      UUID,
    type           VARCHAR(40)              NOT NULL,
    detail         VARCHAR(1000),
    at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX collection_event_collection ON collection_event (collection_id, at);
