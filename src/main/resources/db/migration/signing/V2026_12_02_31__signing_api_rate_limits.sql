-- Per-key rate limits of the API: a key's own quota per minute (null: paraphe.signing.api-rate-limit.per-minute),
-- and the token buckets, one row per key, shared by every node.
ALTER TABLE signing_api_key ADD COLUMN rate_per_minute INTEGER;
CREATE TABLE signing_api_rate_bucket (
    client      VARCHAR(64)      PRIMARY KEY,
    tokens      DOUBLE PRECISION NOT NULL,
    updated_ms  BIGINT           NOT NULL
);
CREATE INDEX signing_api_rate_bucket_updated ON signing_api_rate_bucket (updated_ms);
