-- The preparer's side of collections: recipients in copy (they receive the signed documents, never sign), models
-- (a draft's signers, places and message kept to be reused on new PDFs with the same page layout) and batches (one
-- collection per client of a CSV, launched together).

-- A recipient in copy: the completion's e-mail carries a download link whose token is kept only as its SHA-256.
CREATE TABLE collection_copy (
    id             UUID                     PRIMARY KEY,
    collection_id  UUID                     NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    position       INTEGER                  NOT NULL,
    name           VARCHAR(200)             NOT NULL,
    email          VARCHAR(254)             NOT NULL,
    download_hash  VARCHAR(64),
    delivered_at   TIMESTAMP WITH TIME ZONE,
    UNIQUE (collection_id, position)
);
CREATE UNIQUE INDEX collection_copy_download ON collection_copy (download_hash);

-- A model: the draft's request as JSON (title, message, order, reminders, seal, signers with their places, copies)
-- and the page sizes its places need (JSON: per document, the width and height of each page in points).
CREATE TABLE collection_model (
    id          UUID                     PRIMARY KEY,
    firm_id     UUID                     NOT NULL,
    name        VARCHAR(200)             NOT NULL,
    request     TEXT                     NOT NULL,
    layout      TEXT                     NOT NULL,
    created_by  UUID                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX collection_model_firm ON collection_model (firm_id, created_at);

-- A batch: the collections made from one CSV, launched together.
CREATE TABLE collection_batch (
    id           UUID                     PRIMARY KEY,
    firm_id      UUID                     NOT NULL,
    title        VARCHAR(200)             NOT NULL,
    created_by   UUID                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    launched_by  UUID,
    launched_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX collection_batch_firm ON collection_batch (firm_id, created_at);

ALTER TABLE collection ADD COLUMN batch_id UUID;
CREATE INDEX collection_batch_member ON collection (batch_id);
