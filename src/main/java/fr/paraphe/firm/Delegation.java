package fr.paraphe.firm;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * What a collaborator may do on behalf of the firm ("Gestion des délégations"). The owner has all of them.
 */
public enum Delegation {

	/** Sign personally on behalf of the firm: needs the collaborator's own certificate. */
	SIGN,
	/** Apply the firm's seal. */
	SEAL,
	/** Prepare signature collections: no certificate needed. */
	PREPARE,
	/** Validate and launch signature collections. */
	LAUNCH;

	/**
	 * Reads a delegation from the SSO's claim or a form: the English names and the French words
	 * (signer/signature, sceller/scellement, préparer/préparation, lancer/lancement) in any case, with or
	 * without accents.
	 */
	public static Optional<Delegation> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String word = Normalizer.normalize(text.strip(), Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toUpperCase(Locale.ROOT);
		return switch (word) {
			case "SIGN", "SIGNER", "SIGNATURE" -> Optional.of(SIGN);
			case "SEAL", "SCELLER", "SCELLEMENT", "CACHET" -> Optional.of(SEAL);
			case "PREPARE", "PREPARER", "PREPARATION" -> Optional.of(PREPARE);
			case "LAUNCH", "LANCER", "LANCEMENT" -> Optional.of(LAUNCH);
			default -> Optional.empty();
		};
	}

}
