-- What a signer of a collection is asked beyond signing (module collection, SignerOptions): initials on every page,
-- a mention to type, "Fait à …, le …", and the documents to provide (pièces justificatives).
CREATE TABLE collection_signer_option (
    signer_id        UUID                     PRIMARY KEY REFERENCES collection_signer (id) ON DELETE CASCADE,
    initials         BOOLEAN                  NOT NULL,
    mention          VARCHAR(100),
    place_and_date   BOOLEAN                  NOT NULL
);

-- The documents a signer must provide, in order; types: comma-separated PDF, JPEG, PNG.
CREATE TABLE collection_attachment_request (
    signer_id        UUID                     NOT NULL REFERENCES collection_signer (id) ON DELETE CASCADE,
    number           INTEGER                  NOT NULL,
    label            VARCHAR(80)              NOT NULL,
    types            VARCHAR(40)              NOT NULL,
    PRIMARY KEY (signer_id, number)
);

-- What the signers provided: deleted with the signed documents by the retention purge (content set to NULL,
-- the SHA-256 kept for the firm's page; the evidence trail has it too).
CREATE TABLE collection_attachment (
    id               UUID                     PRIMARY KEY,
    collection_id    UUID                     NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    signer_id        UUID                     NOT NULL REFERENCES collection_signer (id) ON DELETE CASCADE,
    number           INTEGER                  NOT NULL,
    file_name        VARCHAR(255)             NOT NULL,
    media_type       VARCHAR(40)              NOT NULL,
    size_bytes       BIGINT                   NOT NULL,
    sha256           VARCHAR(64)              NOT NULL,
    content          BYTEA,
    uploaded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (signer_id, number)
);
CREATE INDEX collection_attachment_collection ON collection_attachment (collection_id);
