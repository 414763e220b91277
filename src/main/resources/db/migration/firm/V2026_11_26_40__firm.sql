-- Firms, their members and the delegations in force (module firm).
CREATE TABLE firm (
    id            UUID PRIMARY KEY,
    siren         CHAR(9)      NOT NULL,
    name          VARCHAR(255) NOT NULL,
    ordre_number  VARCHAR(40),
    address_line  VARCHAR(255),
    postal_code   VARCHAR(10),
    city          VARCHAR(120),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT firm_siren_uk UNIQUE (siren)
);

-- A person added to a firm; removed_at set when the owner removes them (the row stays, for the history).
CREATE TABLE firm_member (
    id            UUID PRIMARY KEY,
    firm_id       UUID         NOT NULL REFERENCES firm (id),
    user_id       UUID,
    invited_as    VARCHAR(320) NOT NULL,
    display_name  VARCHAR(255),
    role          VARCHAR(20)  NOT NULL,
    added_by      VARCHAR(64)  NOT NULL,
    added_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    removed_at    TIMESTAMP WITH TIME ZONE,
    removed_by    VARCHAR(64)
);
CREATE INDEX firm_member_firm_ix ON firm_member (firm_id);
CREATE INDEX firm_member_user_ix ON firm_member (user_id);
CREATE INDEX firm_member_invited_ix ON firm_member (invited_as);

-- A delegation; withdrawn_at set when withdrawn (rows are never deleted).
CREATE TABLE firm_delegation (
    id            UUID PRIMARY KEY,
    firm_id       UUID        NOT NULL REFERENCES firm (id),
    member_id     UUID        NOT NULL REFERENCES firm_member (id),
    kind          VARCHAR(10) NOT NULL,
    granted_by    VARCHAR(64) NOT NULL,
    granted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until   TIMESTAMP WITH TIME ZONE,
    withdrawn_at  TIMESTAMP WITH TIME ZONE,
    withdrawn_by  VARCHAR(64)
);
CREATE INDEX firm_delegation_member_ix ON firm_delegation (member_id);

-- "Demander un accès": a collaborator of the firm (per the SSO) without a place in it yet.
CREATE TABLE firm_access_request (
    id            UUID PRIMARY KEY,
    firm_id       UUID         NOT NULL REFERENCES firm (id),
    user_id       UUID         NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    email         VARCHAR(320),
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT firm_access_request_uk UNIQUE (firm_id, user_id)
);
