-- The audit trail (module audit): append-only, each entry chained to the previous one by its SHA-256.
CREATE TABLE audit_entry (
    seq          BIGINT PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    firm_id      UUID,
    actor        VARCHAR(64)  NOT NULL,
    action       VARCHAR(80)  NOT NULL,
    details      TEXT         NOT NULL,
    prev_hash    CHAR(64)     NOT NULL,
    hash         CHAR(64)     NOT NULL
);
CREATE INDEX audit_entry_firm_ix ON audit_entry (firm_id, seq);

-- One row: the end of the chain, locked by each append so that entries are chained one at a time.
CREATE TABLE audit_chain_head (
    id        INT PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
