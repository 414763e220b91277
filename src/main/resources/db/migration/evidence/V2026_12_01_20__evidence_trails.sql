-- Evidence trails (dossiers de preuve): one row per trail, its head and the row lock that orders appends.
CREATE TABLE evidence_trail (
    trail_id   UUID PRIMARY KEY,
    firm_id    UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seq   BIGINT NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
CREATE INDEX evidence_trail_last_at ON evidence_trail (last_at);
CREATE INDEX evidence_trail_firm ON evidence_trail (firm_id);

-- The entries, hash-chained: hash = SHA-256 of the entry's canonical JSON (docs/evidence.md), which holds prev_hash.
-- details is that canonical JSON's "details" object as stored; token is an anchor's RFC 3161 TimeStampToken.
CREATE TABLE evidence_entry (
    trail_id   UUID NOT NULL REFERENCES evidence_trail (trail_id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    type       VARCHAR(64) NOT NULL,
    party      VARCHAR(64) NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ip         VARCHAR(45),
    user_agent VARCHAR(512),
    details    TEXT NOT NULL,
    token      BYTEA,
    prev_hash  VARCHAR(64) NOT NULL,
    hash       VARCHAR(64) NOT NULL,
    PRIMARY KEY (trail_id, seq)
);
