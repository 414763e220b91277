-- The last verification of the audit chains (module audit), made by one node on a schedule or by an
-- administrator, read by every node's health indicator.
CREATE TABLE audit_check (
    id           INT PRIMARY KEY,
    checked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    broken_chain UUID,
    broken_seq   BIGINT
);
