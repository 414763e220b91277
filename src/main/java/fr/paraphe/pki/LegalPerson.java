package fr.paraphe.pki;

import java.util.Objects;

import fr.paraphe.shared.Siren;

/**
 * The identity put in a legal person's seal certificate (ETSI EN 319 412-3 §4.2.1): organizationName,
 * organizationIdentifier built from the SIREN as {@code NTRFR-<SIREN>} (ETSI EN 319 412-1 §5.1.4: national
 * trade register of France), country FR, and a commonName.
 */
public record LegalPerson(Siren siren, String organizationName) {

	public LegalPerson {
		Objects.requireNonNull(siren, "siren");
		organizationName = NaturalPerson.requireText(organizationName, "organizationName");
	}

	/** ETSI EN 319 412-1 §5.1.4: "NTR" + country + "-" + the register's identifier. */
	public String organizationIdentifier() {
		return "NTRFR-" + siren.value();
	}

	/** Legal persons identified by a SIREN are French. */
	public String country() {
		return "FR";
	}

}
