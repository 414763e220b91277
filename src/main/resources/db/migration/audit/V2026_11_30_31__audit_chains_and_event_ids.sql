-- The audit trail becomes one hash chain per firm plus one platform chain (chain_id = the nil UUID), so that
-- appends of different firms never wait on one row; and each entry names the event it records (event_id,
-- unique), so that an event delivered twice is recorded once.
-- Entries written before this migration form the start of the platform chain: their seq and hashes were
-- computed on the single chain, which is what the platform chain continues.
CREATE TABLE audit_entry_chained (
    chain_id     UUID         NOT NULL,
    seq          BIGINT       NOT NULL,
    event_id     UUID,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    firm_id      UUID,
    actor        VARCHAR(64)  NOT NULL,
    action       VARCHAR(80)  NOT NULL,
    details      TEXT         NOT NULL,
    prev_hash    CHAR(64)     NOT NULL,
    hash         CHAR(64)     NOT NULL,
    PRIMARY KEY (chain_id, seq)
);
INSERT INTO audit_entry_chained (chain_id, seq, event_id, occurred_at, firm_id, actor, action, details, prev_hash, hash)
SELECT '00000000-0000-0000-0000-000000000000', seq, NULL, occurred_at, firm_id, actor, action, details, prev_hash, hash
FROM audit_entry;
DROP TABLE audit_entry;
ALTER TABLE audit_entry_chained RENAME TO audit_entry;
CREATE UNIQUE INDEX audit_entry_event_uk ON audit_entry (event_id);
CREATE INDEX audit_entry_firm_ix ON audit_entry (firm_id, occurred_at);

-- The end of each chain, locked by each append to that chain only.
CREATE TABLE audit_chain (
    chain_id  UUID PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_chain (chain_id, last_seq, last_hash)
SELECT '00000000-0000-0000-0000-000000000000', last_seq, last_hash FROM audit_chain_head WHERE id = 1;
DROP TABLE audit_chain_head;
