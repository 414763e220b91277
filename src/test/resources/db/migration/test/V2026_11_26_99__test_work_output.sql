-- Tests only (src/test/resources): what a paid operation under test writes, to check that it commits or
-- rolls back together with its debit.
CREATE TABLE test_work_output (
    id   UUID PRIMARY KEY,
    firm UUID NOT NULL,
    note VARCHAR(200) NOT NULL
);
