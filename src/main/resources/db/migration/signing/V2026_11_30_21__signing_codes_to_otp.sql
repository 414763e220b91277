-- The signing page's one-time codes move to the otp module's table (same hash: SHA-256 of "request id:code"), so
-- that a code sent before the upgrade still works; the request keeps its placement and its result only.
INSERT INTO otp_code (id, purpose, binding, owner_id, code_hash, created_at, expires_at, failed_tries, max_tries, state)
SELECT id, 'signing.personal', id, user_id, code_hash, COALESCE(placed_at, created_at), code_expires, attempts, 5,
       CASE WHEN attempts >= 5 THEN 'BURNED' ELSE 'PENDING' END
FROM signing_request WHERE code_hash IS NOT NULL AND code_expires IS NOT NULL AND signed IS NULL;
ALTER TABLE signing_request DROP COLUMN code_hash;
ALTER TABLE signing_request DROP COLUMN code_expires;
ALTER TABLE signing_request DROP COLUMN attempts;
