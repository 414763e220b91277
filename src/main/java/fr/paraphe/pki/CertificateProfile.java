package fr.paraphe.pki;

/**
 * The kinds of certificate the CA issues, each with its profile (extensions, key usage, subject fields).
 */
public enum CertificateProfile {

	ROOT_CA, ISSUING_CA, OCSP_RESPONDER, TIME_STAMPING,

	/** ETSI EN 319 412-2: a natural person's signing certificate. */
	NATURAL_PERSON,

	/** ETSI EN 319 412-3: a legal person's seal certificate. */
	LEGAL_PERSON,

	/**
	 * ETSI EN 319 412-2 as {@link #NATURAL_PERSON}, for one signature of a person without an account: the
	 * "certificat à usage unique" of "Paraphe Usage Unique", under its own certificate policy.
	 */
	ONE_TIME_PERSON;

	/** Whether the holder is a person or a firm, i.e. revocable through the API. */
	public boolean isEndEntity() {
		return this == NATURAL_PERSON || this == LEGAL_PERSON || this == ONE_TIME_PERSON;
	}

}
