package fr.paraphe.firm;

import fr.paraphe.shared.UserId;

/**
 * A member of the firm who logged in at least once, as another member sees them (to choose who signs a collection
 * among colleagues): {@code displayName} from the SSO, or null, then {@code invitedAs}, the identifier the owner
 * added them with.
 */
public record Colleague(UserId userId, String displayName, String invitedAs) {
}
