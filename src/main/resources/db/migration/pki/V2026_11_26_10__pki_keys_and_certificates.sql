-- Software key store: private keys as PKCS#8 wrapped with AES-256-GCM (IV || ciphertext || tag).
CREATE TABLE pki_key (
    id                  UUID PRIMARY KEY,
    algorithm           VARCHAR(20) NOT NULL,
    public_key          BYTEA NOT NULL,
    wrapped_private_key BYTEA NOT NULL,
    master_key_id       VARCHAR(16) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every certificate the CA ever issued, its own included (RFC 5280 §5.3.1 reasons as names).
CREATE TABLE pki_certificate (
    serial            VARCHAR(42) PRIMARY KEY,
    authority         VARCHAR(20) NOT NULL,
    profile           VARCHAR(20) NOT NULL,
    holder            VARCHAR(80),
    subject           VARCHAR(600) NOT NULL,
    key_id            UUID NOT NULL,
    key_algorithm     VARCHAR(20) NOT NULL,
    der               BYTEA NOT NULL,
    not_before        TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after         TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at        TIMESTAMP WITH TIME ZONE,
    revocation_reason VARCHAR(30)
);
CREATE INDEX pki_certificate_holder ON pki_certificate (holder);
CREATE INDEX pki_certificate_authority ON pki_certificate (authority, revoked_at);

-- The CA's own certificates by role (ROOT, PERSONNES, CACHETS, OCSP_PERSONNES, OCSP_CACHETS, TSA).
-- The primary key makes bootstrap idempotent; the row is also the lock that orders CRL numbers.
CREATE TABLE pki_authority (
    name       VARCHAR(20) PRIMARY KEY,
    serial     VARCHAR(42) NOT NULL REFERENCES pki_certificate (serial),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- CRLs as published (RFC 5280 §5.2.3: the CRL number increases monotonically per issuer).
CREATE TABLE pki_crl (
    authority   VARCHAR(20) NOT NULL,
    crl_number  BIGINT NOT NULL,
    this_update TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update TIMESTAMP WITH TIME ZONE NOT NULL,
    entries     INTEGER NOT NULL,
    der         BYTEA NOT NULL,
    PRIMARY KEY (authority, crl_number)
);

-- Rows locked (SELECT ... FOR UPDATE) to serialise work across nodes: 'bootstrap' guards CA creation.
CREATE TABLE pki_lock (
    name VARCHAR(40) PRIMARY KEY
);
INSERT INTO pki_lock (name) VALUES ('bootstrap');
