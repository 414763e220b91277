-- Key pairs generated ahead of need (RSA takes seconds), claimed by deleting their row: one claim wins.
CREATE TABLE pki_key_pool (
    key_id     UUID PRIMARY KEY,
    algorithm  VARCHAR(20) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pki_key_pool_algorithm ON pki_key_pool (algorithm, created_at);
