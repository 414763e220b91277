-- Scoped API keys: the scopes a key grants (space-separated), an optional expiry and the last use (written at
-- most once a minute per key). The keys made before scopes existed keep working: they get every scope.
ALTER TABLE signing_api_key ADD COLUMN scopes VARCHAR(200);
UPDATE signing_api_key SET scopes = 'seals extensions validations collections:read collections:write webhooks';
ALTER TABLE signing_api_key ALTER COLUMN scopes SET NOT NULL;
ALTER TABLE signing_api_key ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE signing_api_key ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
