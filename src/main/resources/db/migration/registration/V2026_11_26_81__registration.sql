-- Registrations of signers (module registration): the declared identity, the decision, and the identity
-- documents, encrypted (AES-256-GCM), deleted some time after the decision while the decision stays.
CREATE TABLE registration (
    id                   UUID         PRIMARY KEY,
    user_id              UUID         NOT NULL,
    status               VARCHAR(10)  NOT NULL,
    civility             VARCHAR(10)  NOT NULL,
    given_names          VARCHAR(64)  NOT NULL,
    surname              VARCHAR(64)  NOT NULL,
    birth_date           DATE         NOT NULL,
    birth_place          VARCHAR(100) NOT NULL,
    nationality          CHAR(2)      NOT NULL,
    mobile               VARCHAR(20)  NOT NULL,
    email                VARCHAR(254) NOT NULL,
    document_type        VARCHAR(20)  NOT NULL,
    terms_version        INT          NOT NULL,
    submitted_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at           TIMESTAMP WITH TIME ZONE,
    decided_by           UUID,
    rejection_reason     VARCHAR(500),
    certificate_serial   VARCHAR(64),
    documents_deleted_at TIMESTAMP WITH TIME ZONE,
    expiry_reminded_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX registration_user_ix ON registration (user_id, submitted_at);
CREATE INDEX registration_status_ix ON registration (status, submitted_at);
CREATE TABLE registration_document (
    id              UUID         PRIMARY KEY,
    registration_id UUID         NOT NULL REFERENCES registration (id),
    side            VARCHAR(5)   NOT NULL,
    media_type      VARCHAR(40)  NOT NULL,
    size            BIGINT       NOT NULL,
    content         BYTEA        NOT NULL
);
CREATE INDEX registration_document_registration_ix ON registration_document (registration_id);
-- Revocation by the holder: one request per one-time code, sent by e-mail or SMS. Only the code's hash is kept.
CREATE TABLE revocation_request (
    id                 UUID         PRIMARY KEY,
    user_id            UUID         NOT NULL,
    certificate_serial VARCHAR(64)  NOT NULL,
    channel            VARCHAR(5)   NOT NULL,
    code_hash          VARCHAR(64)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_attempts    INT          NOT NULL,
    state              VARCHAR(10)  NOT NULL
);
CREATE INDEX revocation_request_user_ix ON revocation_request (user_id, created_at);
