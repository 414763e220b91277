package fr.paraphe.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a firm (cabinet). Every read of firm data takes one.
 */
public record FirmId(UUID value) implements java.io.Serializable {

	public FirmId {
		Objects.requireNonNull(value, "value");
	}

	public static FirmId random() {
		return new FirmId(UUID.randomUUID());
	}

	/** Parses an identifier from a URL or a form. @throws IllegalArgumentException if it is not a UUID */
	public static FirmId parse(String text) {
		return new FirmId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
