package fr.paraphe.identity;

/**
 * A person logged in through the single sign-on; published inside the login's transaction, so a synchronous
 * listener (the firm module attaching them to their firm) commits with it or makes the login fail.
 *
 * @param user the user as stored after this login
 * @param profile what the provider said at this login, delegations claim included
 */
public record UserLoggedIn(User user, SsoProfile profile) {
}
