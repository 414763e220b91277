package fr.paraphe.pki;

import java.util.Objects;
import java.util.regex.Pattern;

import fr.paraphe.shared.UserId;

/**
 * The identity put in a natural person's certificate (ETSI EN 319 412-2 §4.2.4): given name, surname, a
 * serialNumber that tells homonyms apart (ETSI EN 319 412-1 §5.1.3 semantics, e.g. {@code IDCFR-…} for a
 * French identity card, {@code PASFR-…} for a passport), and the country.
 *
 * @param holder the Paraphe user the certificate belongs to
 * @param country ISO 3166-1 alpha-2, upper case
 */
public record NaturalPerson(UserId holder, String givenName, String surname, String serialNumber,
		String country) {

	private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

	private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9 ._:+/=-]{1,64}");

	public NaturalPerson {
		Objects.requireNonNull(holder, "holder");
		givenName = requireText(givenName, "givenName");
		surname = requireText(surname, "surname");
		if (serialNumber == null || !SERIAL.matcher(serialNumber).matches()) {
			throw new IllegalArgumentException("serialNumber must be 1 to 64 printable characters");
		}
		if (country == null || !COUNTRY.matcher(country).matches()) {
			throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code");
		}
	}

	/** The commonName: "givenName surname" (EN 319 412-2 §4.2.4: a name by which the person is known). */
	public String commonName() {
		return givenName + " " + surname;
	}

	static String requireText(String value, String name) {
		if (value == null || value.isBlank() || value.length() > 64) {
			throw new IllegalArgumentException(name + " must have 1 to 64 characters");
		}
		return value.strip();
	}

}
