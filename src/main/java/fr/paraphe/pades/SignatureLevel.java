package fr.paraphe.pades;

import java.util.Locale;
import java.util.Optional;

/** The PAdES baseline levels of ETSI EN 319 142-1 §6, each one including the previous. */
public enum SignatureLevel {

	/** Basic signature: CMS with signing-certificate-v2, claimed time in /M. */
	B_B,

	/** B-B with a signature time-stamp from the platform's TSA (§6.3 B-T). */
	B_T,

	/** B-T with a DSS dictionary holding every certificate, OCSP response and CRL needed offline (§6.4 B-LT). */
	B_LT,

	/** B-LT followed by a document time-stamp (§6.5 B-LTA). */
	B_LTA;

	/** {@code B-LT}, {@code b_lt}, {@code BLT}…; empty if none matches. */
	public static Optional<SignatureLevel> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String normal = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
		for (SignatureLevel level : values()) {
			if (level.name().replace("_", "").equals(normal)) {
				return Optional.of(level);
			}
		}
		return Optional.empty();
	}

	/** The name used in ETSI documents and in the API: {@code B-LT}. */
	public String etsiName() {
		return name().replace('_', '-');
	}

	public boolean atLeast(SignatureLevel other) {
		return compareTo(other) >= 0;
	}

}
