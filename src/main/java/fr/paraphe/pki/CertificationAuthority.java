package fr.paraphe.pki;

import java.util.List;
import java.util.Optional;

import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

/**
 * The platform's certification authority: it issues natural persons' signing certificates ("Paraphe
 * Personnes") and legal persons' seal certificates ("Paraphe Cachets"), looks them up and revokes them.
 * Its hierarchy exists from the application's first start.
 */
public interface CertificationAuthority {

	/**
	 * Takes a key pair generated in the key store (from the pool of keys generated in the background, or
	 * generated now if the pool is empty) and issues a signing certificate for {@code person} (ETSI EN
	 * 319 412-2). Publishes {@link CertificateIssued}.
	 */
	IssuedCertificate issue(NaturalPerson person);

	/**
	 * Takes a key pair generated in the key store, as {@link #issue(NaturalPerson)}, and issues a seal
	 * certificate for {@code organization} (ETSI EN 319 412-3). Publishes {@link CertificateIssued}.
	 */
	IssuedCertificate issue(LegalPerson organization);

	/**
	 * Issues a one-time certificate ("certificat à usage unique") for a signer without an account: issued by
	 * "Paraphe Usage Unique" under its own certificate policy ({@code paraphe.pki.one-time-policy-oid}), subject
	 * givenName, surname and commonName (ETSI EN 319 412-2), the verified e-mail as rfc822Name and the verified
	 * phone as a {@code tel:} URI in subjectAltName, a validity of {@code paraphe.pki.one-time-validity}, and an
	 * EC P-256 key generated now in the key store. The certificate stays in the CA's records, CRL and OCSP.
	 * Publishes {@link CertificateIssued}. The caller signs once with {@link IssuedCertificate#key()}, then
	 * destroys it with {@link KeyStore#destroy(KeyHandle)}.
	 */
	IssuedCertificate issueOneTime(OneTimeSigner signer);

	/**
	 * The certificate path of a certificate this CA issued: the certificate, its issuing CA, up to the root.
	 */
	List<java.security.cert.X509Certificate> chainOf(IssuedCertificate certificate);

	/** The user's certificates, newest first; empty if none. */
	List<IssuedCertificate> certificatesOf(UserId holder);

	/** The firm's seal certificates, newest first; empty if none. */
	List<IssuedCertificate> certificatesOf(Siren holder);

	/** Any certificate this CA issued, CA certificates included. */
	Optional<IssuedCertificate> find(CertificateSerial serial);

	/**
	 * End-entity certificates whose subject or serial contains {@code text} (case-insensitive), newest first;
	 * a blank text lists the latest ones.
	 */
	List<IssuedCertificate> search(String text, int limit);

	/**
	 * Revokes an end-entity certificate (RFC 5280 §5.3.1 reason): OCSP answers "revoked" as soon as this
	 * returns, and the issuing CA's new CRL is already published. Publishes {@link CertificateRevoked}.
	 * @throws CertificateNotFoundException if no end-entity certificate has this serial
	 * @throws AlreadyRevokedException if it is already revoked (a revocation is final)
	 */
	IssuedCertificate revoke(CertificateSerial serial, RevocationReason reason);

	/** The CA's own certificates, in the order of {@link Authority}: root first. */
	List<IssuedCertificate> hierarchy();

	/** The certificate of one of the CA's roles. */
	IssuedCertificate authority(Authority role);

	/** The TSA key and certificate chain, for the time-stamping module. */
	TimeStampingUnit timeStampingUnit();

	/** No (end-entity) certificate has this serial. */
	final class CertificateNotFoundException extends RuntimeException {

		public CertificateNotFoundException(CertificateSerial serial) {
			super("No certificate with serial " + serial);
		}

	}

	/** The certificate is already revoked. */
	final class AlreadyRevokedException extends IllegalStateException {

		public AlreadyRevokedException(CertificateSerial serial) {
			super("Certificate " + serial + " is already revoked");
		}

	}

}
