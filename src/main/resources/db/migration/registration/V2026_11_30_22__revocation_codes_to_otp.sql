-- The revocation codes move to the otp module's table (same hash: SHA-256 of "request id:code", same states), so
-- that a code sent before the upgrade still works; the request keeps the certificate, the channel and its time.
INSERT INTO otp_code (id, purpose, binding, owner_id, code_hash, created_at, expires_at, failed_tries, max_tries, state)
SELECT id, 'registration.revocation', id, user_id, code_hash, created_at, expires_at, failed_attempts, 5, state
FROM revocation_request;
ALTER TABLE revocation_request DROP COLUMN code_hash;
ALTER TABLE revocation_request DROP COLUMN failed_attempts;
ALTER TABLE revocation_request DROP COLUMN state;
