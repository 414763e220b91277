-- The validation endpoints' rate limit: one token bucket per client address, shared by every node.
CREATE TABLE validation_rate_bucket (
    client      VARCHAR(64)      PRIMARY KEY,
    tokens      DOUBLE PRECISION NOT NULL,
    updated_ms  BIGINT           NOT NULL
);
CREATE INDEX validation_rate_bucket_updated ON validation_rate_bucket (updated_ms);
