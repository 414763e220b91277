-- A closed firm's refund of its remaining balance (asked at its closing, firm.balance_choice = 'REFUND'), once a
-- platform administrator has made the transfer out of Paraphe and marked it paid: one per firm (the primary key),
-- with the ledger entry that took the balance out (kind REFUND, key 'refund:<firm>').
CREATE TABLE billing_refund (
    firm_id       UUID PRIMARY KEY,
    entry_id      UUID         NOT NULL,
    amount_cents  BIGINT       NOT NULL CHECK (amount_cents > 0),
    reference     VARCHAR(100) NOT NULL,
    paid_on       DATE         NOT NULL,
    paid_by       UUID         NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
