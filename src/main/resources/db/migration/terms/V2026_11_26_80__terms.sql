-- The CGU (module terms): published versions, never changed, and each user's acceptance of a version with the
-- hash of the text accepted, the time and the address.
CREATE TABLE terms_version (
    version      INT          PRIMARY KEY,
    text         TEXT         NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by UUID
);
CREATE TABLE terms_acceptance (
    id           UUID         PRIMARY KEY,
    user_id      UUID         NOT NULL,
    version      INT          NOT NULL REFERENCES terms_version (version),
    sha256       VARCHAR(64)  NOT NULL,
    accepted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    address      VARCHAR(64)  NOT NULL,
    CONSTRAINT terms_acceptance_once UNIQUE (user_id, version)
);
-- The version shipped with the platform; its hash is the SHA-256 of this exact UTF-8 text.
INSERT INTO terms_version (version, text, sha256, published_at, published_by)
VALUES (1, 'Conditions générales d’utilisation de Paraphe — version 1. Paraphe permet aux experts-comptables et à leurs collaborateurs de signer et de sceller des documents électroniques. En acceptant ces conditions, vous vous engagez à utiliser votre certificat de signature personnellement, à garder le contrôle de votre compte Comptexpert et à révoquer votre certificat sans délai en cas de doute sur son usage.', 'f9223732860c938824bdd07f35147b6cb8f7c35770dd2106d1ad63e2a324ff23', TIMESTAMP WITH TIME ZONE '2026-11-26 00:00:00+00', NULL);
