-- Prepaid firm accounts (module billing): tariffs, an append-only ledger, receipts.

-- A tariff applies from its date until the next one's. Amounts are net (HT) in euro cents.
CREATE TABLE billing_tariff (
    id                      UUID PRIMARY KEY,
    effective_from          TIMESTAMP WITH TIME ZONE NOT NULL,
    signature_cents         BIGINT  NOT NULL CHECK (signature_cents >= 0),
    seal_cents              BIGINT  NOT NULL CHECK (seal_cents >= 0),
    collection_signer_cents BIGINT  NOT NULL CHECK (collection_signer_cents >= 0),
    vat_basis_points        INT     NOT NULL CHECK (vat_basis_points BETWEEN 0 AND 10000),
    created_by              VARCHAR(64) NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT billing_tariff_from_uk UNIQUE (effective_from)
);
INSERT INTO billing_tariff (id, effective_from, signature_cents, seal_cents, collection_signer_cents, vat_basis_points, created_by, created_at)
VALUES ('00000000-0000-0000-0000-000000000001', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+01', 150, 100, 200, 2000, 'system', CURRENT_TIMESTAMP);

-- The balance is the sum of the ledger; kept here too, under the row lock every movement takes.
CREATE TABLE billing_account (
    firm_id                     UUID PRIMARY KEY,
    balance_cents               BIGINT NOT NULL,
    low_balance_threshold_cents BIGINT,
    updated_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT billing_account_balance_ck CHECK (balance_cents >= 0)
);

-- Append-only. amount_cents is what the balance moves by (VAT included); the key makes a retry a no-op.
CREATE TABLE billing_entry (
    id                   UUID PRIMARY KEY,
    firm_id              UUID         NOT NULL,
    kind                 VARCHAR(12)  NOT NULL,
    amount_cents         BIGINT       NOT NULL CHECK (amount_cents > 0),
    net_cents            BIGINT       NOT NULL,
    vat_cents            BIGINT       NOT NULL,
    balance_after_cents  BIGINT       NOT NULL CHECK (balance_after_cents >= 0),
    idempotency_key      VARCHAR(200) NOT NULL,
    operation            VARCHAR(30),
    description          VARCHAR(255),
    receipt_number       BIGINT,
    actor                VARCHAR(64)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT billing_entry_key_uk UNIQUE (firm_id, idempotency_key),
    CONSTRAINT billing_entry_receipt_uk UNIQUE (receipt_number)
);
CREATE INDEX billing_entry_firm_ix ON billing_entry (firm_id, created_at);

-- Receipt numbers without gaps: taken under this row's lock, in the credit's own transaction.
CREATE TABLE billing_receipt_sequence (
    id          INT PRIMARY KEY,
    last_number BIGINT NOT NULL
);
INSERT INTO billing_receipt_sequence (id, last_number) VALUES (1, 0);
