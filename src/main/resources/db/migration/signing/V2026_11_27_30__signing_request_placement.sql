-- The signing page in two steps: the upload (a draft, no code sent), then the placement on a picture of the page,
-- which sends the one-time code. Requests older than the retention period are deleted (see PersonalSignatures).
ALTER TABLE signing_request ADD COLUMN placed_at TIMESTAMP WITH TIME ZONE;
UPDATE signing_request SET placed_at = created_at;
CREATE INDEX signing_request_created ON signing_request (created_at);
