package fr.paraphe.pki;

import java.util.regex.Pattern;

import fr.paraphe.shared.Names;

/**
 * The identity of a signer who has no account, as a firm declared it for one signature, with the channels a
 * one-time code verified: what {@link CertificationAuthority#issueOneTime(OneTimeSigner)} puts in a "certificat à
 * usage unique". Every field is checked as hostile input: what reaches a certificate is plain, bounded, and
 * cannot smuggle another name attribute or a second address.
 *
 * @param givenName 1 to 64 characters: letters of one script, spaces, apostrophes, dots and hyphens
 * @param surname as {@code givenName}
 * @param email the e-mail address the code went to, or null: ASCII (the rfc822Name is an IA5String, RFC 5280
 * §4.2.1.6), at most 254 characters; becomes the subjectAltName rfc822Name
 * @param phone the mobile number the code went to, or null: E.164 ({@code +33612345678}; spaces, dots and hyphens
 * between digits are removed); becomes a subjectAltName URI {@code tel:+33612345678} (RFC 3966 global number)
 * @param reference the caller's identifier of this signer (the collection signer's id), kept in the CA's
 * records as the certificate's holder {@code onetime:<reference>} and as the subject's serialNumber (a
 * PrintableString, hence no underscore): 1 to 64 of {@code [A-Za-z0-9.:-]}
 */
public record OneTimeSigner(String givenName, String surname, String email, String phone, String reference) {

	private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} '’.-]{0,63}");

	/** RFC 5321 §4.1.2 dot-atom local part and an LDH domain with at least two labels. */
	private static final Pattern EMAIL = Pattern.compile(
			"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
					+ "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

	private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9.:-]{1,64}");

	public OneTimeSigner {
		givenName = name(givenName, "givenName");
		surname = name(surname, "surname");
		if (email != null) {
			email = email.strip();
			int at = email.indexOf('@');
			if (email.length() > 254 || at < 1 || at > 64 || !EMAIL.matcher(email).matches()) {
				throw new IllegalArgumentException("email is not a plain e-mail address");
			}
		}
		if (phone != null) {
			String digits = phone.strip().replaceAll("(?<=[0-9+])[ .-](?=[0-9])", "");
			if (!E164.matcher(digits).matches()) {
				throw new IllegalArgumentException("phone must be an E.164 number, e.g. +33612345678");
			}
			phone = digits;
		}
		if (email == null && phone == null) {
			throw new IllegalArgumentException("a one-time signer needs a verified e-mail address or phone");
		}
		if (reference == null || !REFERENCE.matcher(reference).matches()) {
			throw new IllegalArgumentException("reference must be 1 to 64 of [A-Za-z0-9.:-]");
		}
	}

	/** The commonName: "givenName surname" (ETSI EN 319 412-2 §4.2.4). */
	public String commonName() {
		return givenName + " " + surname;
	}

	/** The holder recorded with the certificate: {@code onetime:<reference>}. */
	public String holder() {
		return "onetime:" + reference;
	}

	/** The phone as an RFC 3966 URI ({@code tel:+33612345678}), or null. */
	public String telUri() {
		return phone == null ? null : "tel:" + phone;
	}

	private static String name(String raw, String field) {
		String cleaned;
		try {
			cleaned = Names.name(raw, 64);
		}
		catch (Names.InvalidText invalid) {
			throw new IllegalArgumentException(field + " is not an acceptable name", invalid);
		}
		if (cleaned == null || !NAME.matcher(cleaned).matches()) {
			throw new IllegalArgumentException(field + " must be 1 to 64 letters, spaces, apostrophes, dots or hyphens");
		}
		return cleaned;
	}

}
