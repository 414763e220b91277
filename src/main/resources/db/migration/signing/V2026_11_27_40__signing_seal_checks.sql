-- A registration officer's check of a firm before the CA issues its seal certificate: what the owner asked for
-- (a snapshot of the firm's details at the time), and the officer's decision. pending_siren is the SIREN while
-- the check is pending and NULL once decided, so that a firm has at most one check pending (a UNIQUE column
-- accepts many NULLs in H2 and PostgreSQL alike, where a partial index would not be portable).
CREATE TABLE signing_seal_check (
    id                 UUID                     PRIMARY KEY,
    firm_id            UUID,
    siren              VARCHAR(9)               NOT NULL,
    firm_name          VARCHAR(255)             NOT NULL,
    ordre_number       VARCHAR(40),
    address            VARCHAR(400),
    requested_by       UUID,
    requested_by_name  VARCHAR(255)             NOT NULL,
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status             VARCHAR(10)              NOT NULL,
    pending_siren      VARCHAR(9)               UNIQUE,
    decided_by         UUID,
    decided_at         TIMESTAMP WITH TIME ZONE,
    reason             VARCHAR(500),
    certificate_serial VARCHAR(80)
);

CREATE INDEX signing_seal_check_siren ON signing_seal_check (siren, requested_at);
CREATE INDEX signing_seal_check_status ON signing_seal_check (status, requested_at);
