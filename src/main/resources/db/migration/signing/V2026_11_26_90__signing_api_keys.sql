-- Firms' API keys for POST /api/v1/seals: only the SHA-256 of a key is stored; the key is shown once.
CREATE TABLE signing_api_key (
    id           UUID                     PRIMARY KEY,
    firm_id      UUID                     NOT NULL,
    created_by   UUID                     NOT NULL,
    label        VARCHAR(100)             NOT NULL,
    key_hash     VARCHAR(64)              NOT NULL UNIQUE,
    key_prefix   VARCHAR(16)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX signing_api_key_firm ON signing_api_key (firm_id);
