-- The login name the provider knows the person by (OIDC preferred_username, or the configured claim), when it
-- sends one: an owner may add a collaborator by it (issue 14).
ALTER TABLE identity_user ADD COLUMN login VARCHAR(255);
CREATE INDEX identity_user_login_ix ON identity_user (login);
