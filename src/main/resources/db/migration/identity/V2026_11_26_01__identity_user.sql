-- Users as the single sign-on describes them (module identity).
CREATE TABLE identity_user (
    id            UUID PRIMARY KEY,
    subject       VARCHAR(255) NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    email         VARCHAR(320),
    role          VARCHAR(40)  NOT NULL,
    firm_siren    CHAR(9),
    firm_name     VARCHAR(255),
    language      VARCHAR(5)   NOT NULL DEFAULT 'fr',
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT identity_user_subject_uk UNIQUE (subject)
);

CREATE INDEX identity_user_firm_ix ON identity_user (firm_siren);
