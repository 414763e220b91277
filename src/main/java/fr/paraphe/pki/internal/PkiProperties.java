package fr.paraphe.pki.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;

import fr.paraphe.pki.KeyAlgorithm;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paraphe.pki.*}: the key store, the CA's names and URLs, and one profile (key algorithm, validity)
 * per kind of certificate.
 *
 * @param masterKey base64 of the 32-byte AES key that encrypts software keys (env
 * {@code PARAPHE_PKI_MASTER_KEY}); empty outside {@code prod} means "read or create {@code masterKeyFile}"
 * @param masterKeyFile where the default profile keeps a generated master key
 * @param keyStore {@code software} (keys encrypted in the database) or {@code pkcs11}
 * @param pkcs11 the token, when {@code keyStore} is {@code pkcs11}
 * @param publicBaseUrl the public URL of this application, for CRL distribution points and AIA
 * @param policyOid the certificate policy OID put in every end-entity and CA certificate (RFC 5280 §4.2.1.4)
 * @param organization the CA's organizationName
 * @param country the CA's and holders' default country (ISO 3166-1 alpha-2)
 * @param crlValidity nextUpdate − thisUpdate of each CRL
 * @param crlRefresh a CRL older than this is produced again, revocation or not
 * @param ocspResponseValidity nextUpdate − thisUpdate of a pre-produced OCSP response (RFC 5019 §2.2.4)
 * @param keyPoolSize how many key pairs per end-entity algorithm are generated ahead of need (0: none)
 * @param renewBefore OCSP responder and TSA certificates expiring within this are replaced by new ones
 * @param oneTimePolicyOid the certificate policy OID of one-time certificates ("certificats à usage unique") and of
 * their issuing CA "Paraphe Usage Unique": a policy of its own, so relying parties tell them apart
 * @param oneTimeValidity how long a one-time certificate is valid: it signs once, right after issuance
 * @param keyCache with the {@code software} key store, how many unwrapped private keys stay in memory
 * ({@code max-keys}, default 1000) and for how long unused ({@code idle}, default 10m)
 */
@ConfigurationProperties("paraphe.pki")
public record PkiProperties(String masterKey, @DefaultValue("./data/master.key") Path masterKeyFile,
		@DefaultValue("software") String keyStore, @DefaultValue Pkcs11 pkcs11,
		@DefaultValue("http://localhost:8080") URI publicBaseUrl, @DefaultValue("2.999.1.1") String policyOid,
		@DefaultValue("Paraphe") String organization, @DefaultValue("FR") String country,
		@DefaultValue("EC_P256") KeyAlgorithm rootAlgorithm, @DefaultValue("20y") Period rootValidity,
		@DefaultValue("EC_P256") KeyAlgorithm issuingAlgorithm, @DefaultValue("10y") Period issuingValidity,
		@DefaultValue("EC_P256") KeyAlgorithm personAlgorithm, @DefaultValue("3y") Period personValidity,
		@DefaultValue("EC_P256") KeyAlgorithm sealAlgorithm, @DefaultValue("3y") Period sealValidity,
		@DefaultValue("EC_P256") KeyAlgorithm ocspAlgorithm, @DefaultValue("2y") Period ocspValidity,
		@DefaultValue("EC_P256") KeyAlgorithm tsaAlgorithm, @DefaultValue("5y") Period tsaValidity,
		@DefaultValue("48h") Duration crlValidity, @DefaultValue("12h") Duration crlRefresh,
		@DefaultValue("1h") Duration ocspResponseValidity, @DefaultValue("10") int keyPoolSize,
		@DefaultValue("90d") Duration renewBefore, @DefaultValue SoftwareKeyStore.KeyCache keyCache,
		@DefaultValue("2.999.1.3") String oneTimePolicyOid, @DefaultValue("1h") Duration oneTimeValidity) {

	public PkiProperties {
		if (oneTimeValidity.isNegative() || oneTimeValidity.isZero() || oneTimeValidity.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException("paraphe.pki.one-time-validity must be between 1 second and 1 day");
		}
		if (oneTimePolicyOid.equals(policyOid)) {
			throw new IllegalArgumentException("paraphe.pki.one-time-policy-oid must differ from paraphe.pki.policy-oid: "
					+ "one-time certificates have their own policy");
		}
	}

	/**
	 * A PKCS#11 token through SunPKCS11.
	 * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
	 * @param slot the slot id; negative means {@code slotListIndex} 0
	 * @param pin the user PIN (from the environment in production)
	 */
	public record Pkcs11(String library, @DefaultValue("-1") long slot, String pin) {
	}

	/** The base URL without a trailing slash. */
	public String baseUrl() {
		String url = publicBaseUrl.toString();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
