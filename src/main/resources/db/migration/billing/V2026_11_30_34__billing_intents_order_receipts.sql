-- A credit's payment intent, recorded before the payment provider is called (outside any transaction) and
-- keyed by the credit form's submission token: posting one form twice pays once.
CREATE TABLE billing_payment_intent (
    id           UUID PRIMARY KEY,
    firm_id      UUID         NOT NULL,
    submission   VARCHAR(64)  NOT NULL,
    amount_cents BIGINT       NOT NULL,
    status       VARCHAR(10)  NOT NULL,
    reference    VARCHAR(200),
    entry_id     UUID,
    actor        VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT billing_payment_intent_uk UNIQUE (firm_id, submission)
);

-- Ledger order: each firm's entries numbered under the account's lock, so that "Solde après" follows from
-- the entry before. Entries written before this migration are numbered in the order of their time.
ALTER TABLE billing_entry ADD COLUMN seq BIGINT;
UPDATE billing_entry SET seq = (SELECT COUNT(*) FROM billing_entry x WHERE x.firm_id = billing_entry.firm_id
    AND (x.created_at < billing_entry.created_at OR (x.created_at = billing_entry.created_at AND x.id <= billing_entry.id)));
ALTER TABLE billing_entry ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX billing_entry_seq_uk ON billing_entry (firm_id, seq);
ALTER TABLE billing_account ADD COLUMN last_seq BIGINT DEFAULT 0 NOT NULL;
UPDATE billing_account SET last_seq = (SELECT COUNT(*) FROM billing_entry x WHERE x.firm_id = billing_account.firm_id);

-- A receipt as issued: the firm's name and address and the VAT rate of that day, never rewritten.
CREATE TABLE billing_receipt (
    receipt_number   BIGINT PRIMARY KEY,
    firm_id          UUID         NOT NULL,
    entry_id         UUID         NOT NULL,
    firm_name        VARCHAR(255) NOT NULL,
    siren            VARCHAR(9)   NOT NULL,
    ordre_number     VARCHAR(40),
    address_line     VARCHAR(255),
    postal_code      VARCHAR(5),
    city             VARCHAR(120),
    vat_basis_points INT          NOT NULL,
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
