-- The seal page's placement step: the uploaded PDF and its options wait here while the member places the seal
-- on a picture of the page; deleted once sealed, or after a day.
CREATE TABLE signing_seal_draft (
    id          UUID                     PRIMARY KEY,
    user_id     UUID                     NOT NULL,
    firm_id     UUID                     NOT NULL,
    file_name   VARCHAR(255)             NOT NULL,
    document    BYTEA                    NOT NULL,
    level       VARCHAR(8)               NOT NULL,
    reason      VARCHAR(200),
    certify     BOOLEAN                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX signing_seal_draft_created ON signing_seal_draft (created_at);
