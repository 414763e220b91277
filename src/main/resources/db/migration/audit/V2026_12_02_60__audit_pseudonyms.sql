-- Deleted accounts (module audit): the audit entries stay as they were hashed (the chains still verify), and the
-- trail shows their actor, a former user id, as the pseudonym recorded here.
CREATE TABLE audit_pseudonym (
    actor       VARCHAR(64)  PRIMARY KEY,
    pseudonym   VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
