package fr.paraphe.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a Paraphe user (never the SSO subject, which belongs to the identity provider).
 */
public record UserId(UUID value) implements java.io.Serializable {

	public UserId {
		Objects.requireNonNull(value, "value");
	}

	public static UserId random() {
		return new UserId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
