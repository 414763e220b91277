-- A user's signature in progress on the signing page: the uploaded PDF and placement until the one-time code
-- sent by e-mail is confirmed, then the signed PDF. Only a hash of the code is kept.
CREATE TABLE signing_request (
    id            UUID                     PRIMARY KEY,
    user_id       UUID                     NOT NULL,
    firm_id       UUID                     NOT NULL,
    file_name     VARCHAR(255)             NOT NULL,
    document      BYTEA                    NOT NULL,
    level         VARCHAR(8)               NOT NULL,
    reason        VARCHAR(200),
    page          INTEGER,
    box_x         REAL,
    box_y         REAL,
    box_width     REAL,
    box_height    REAL,
    code_hash     VARCHAR(64),
    code_expires  TIMESTAMP WITH TIME ZONE,
    attempts      INTEGER                  NOT NULL DEFAULT 0,
    signed        BYTEA,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX signing_request_user ON signing_request (user_id);
