-- Reserve, work, settle (module billing): a paid operation reserves its price in a short transaction (a
-- RESERVATION entry lowers the balance), runs with no lock and no connection held, then settles in the
-- transaction that records its result (RELEASE + DEBIT, the debit keyed by what was paid for) or releases
-- (RELEASE). A reservation left ACTIVE by a crash is released by the housekeeping job.
CREATE TABLE billing_reservation (
    id              UUID PRIMARY KEY,
    firm_id         UUID         NOT NULL,
    idempotency_key VARCHAR(180) NOT NULL,
    operation       VARCHAR(30)  NOT NULL,
    amount_cents    BIGINT       NOT NULL,
    net_cents       BIGINT       NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    actor           VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX billing_reservation_active_ix ON billing_reservation (status, created_at);
CREATE INDEX billing_reservation_key_ix ON billing_reservation (firm_id, idempotency_key);
