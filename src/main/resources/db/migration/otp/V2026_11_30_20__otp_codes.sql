-- One-time codes of every module (module otp): only SHA-256(binding ":" code) is kept. A code is bound to the id
-- of the request it confirms (binding) and sent to a person (owner_id, kept for per-person send limits).
CREATE TABLE otp_code (
    id            UUID                     PRIMARY KEY,
    purpose       VARCHAR(40)              NOT NULL,
    binding       UUID                     NOT NULL,
    owner_id      UUID,
    code_hash     VARCHAR(64)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_tries  INTEGER                  NOT NULL,
    max_tries     INTEGER                  NOT NULL,
    state         VARCHAR(10)              NOT NULL
);
CREATE INDEX otp_code_binding ON otp_code (purpose, binding);
CREATE INDEX otp_code_owner ON otp_code (purpose, owner_id, created_at);
