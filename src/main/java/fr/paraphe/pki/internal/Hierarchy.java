package fr.paraphe.pki.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificateProfile;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.TimeStampingUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CA's own certificates: created at the first start, read at every start after. Creation runs in one
 * transaction holding the {@code pki_lock 'bootstrap'} row lock, so when several nodes start at once one
 * creates the hierarchy and the others, once the lock is theirs, find it made. A partial hierarchy (a
 * crash between two CAs is impossible inside one transaction, but a newer version may add a role) is
 * completed, never recreated.
 */
public class Hierarchy {

	private static final Logger log = LoggerFactory.getLogger(Hierarchy.class);

	private final Certificates certificates;

	private final KeyStore keyStore;

	private final CertificateMaker maker;

	private final PkiProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile Map<Authority, IssuedCertificate> authorities = Map.of();

	public Hierarchy(Certificates certificates, KeyStore keyStore, CertificateMaker maker, PkiProperties properties,
			TransactionTemplate transactions, Clock clock) {
		this.certificates = certificates;
		this.keyStore = keyStore;
		this.maker = maker;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Creates what is missing of the hierarchy, then loads it. Idempotent.
	 * @param afterCreation runs in the same transaction once every authority exists (the first CRLs)
	 */
	public void bootstrap(Runnable afterCreation) {
		transactions.executeWithoutResult(status -> {
			certificates.lockBootstrap();
			Instant now = clock.instant();
			IssuedCertificate root = certificates.authority(Authority.ROOT).orElseGet(() -> createRoot(now));
			IssuedCertificate personnes = certificates.authority(Authority.PERSONNES)
				.orElseGet(() -> createIssuing(Authority.PERSONNES, root, now));
			IssuedCertificate cachets = certificates.authority(Authority.CACHETS)
				.orElseGet(() -> createIssuing(Authority.CACHETS, root, now));
			certificates.authority(Authority.OCSP_PERSONNES)
				.orElseGet(() -> createResponder(Authority.OCSP_PERSONNES, Authority.PERSONNES, personnes, now));
			certificates.authority(Authority.OCSP_CACHETS)
				.orElseGet(() -> createResponder(Authority.OCSP_CACHETS, Authority.CACHETS, cachets, now));
			certificates.authority(Authority.TSA).orElseGet(() -> createTsa(root, now));
			// Added after the first version: an existing install gets them at its next start.
			IssuedCertificate usageUnique = certificates.authority(Authority.USAGE_UNIQUE)
				.orElseGet(() -> createIssuing(Authority.USAGE_UNIQUE, root, now));
			certificates.authority(Authority.OCSP_USAGE_UNIQUE)
				.orElseGet(() -> createResponder(Authority.OCSP_USAGE_UNIQUE, Authority.USAGE_UNIQUE, usageUnique, now));
			load();
			afterCreation.run();
		});
		// Fail at start, not at the first request, when the keys are not usable (another master key, another
		// token): each authority signs once, and the signature must verify with its certificate.
		for (Map.Entry<Authority, IssuedCertificate> entry : authorities.entrySet()) {
			checkKey(entry.getKey(), entry.getValue());
		}
	}

	private void checkKey(Authority role, IssuedCertificate authority) {
		byte[] probe = ("paraphe-startup-check:" + role + ":" + clock.instant()).getBytes(StandardCharsets.UTF_8);
		KeyAlgorithm algorithm = authority.key().algorithm();
		DigestAlgorithm digest = algorithm.defaultDigest();
		try {
			byte[] signature = keyStore.sign(authority.key(), digest, digest.newMessageDigest().digest(probe));
			Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm(digest), CryptoProviders.BC);
			verifier.initVerify(authority.certificate().getPublicKey());
			verifier.update(probe);
			if (!verifier.verify(signature)) {
				throw new IllegalStateException("The key store's key for " + role.commonName()
						+ " does not match its certificate");
			}
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("Cannot check the key of " + role.commonName(), failure);
		}
		catch (RuntimeException failure) {
			throw new IllegalStateException("The key of " + role.commonName() + " is not usable in the "
					+ keyStore.kind() + " key store (another master key or token than the one that created the CA?): "
					+ failure.getMessage(), failure);
		}
	}

	/**
	 * Replaces the OCSP responder and TSA certificates (new key, new certificate) that expire within
	 * {@code renewBefore}, under the bootstrap lock, then reloads the hierarchy from the database (so a
	 * renewal made by another node is picked up here too). The old certificates stay in the database:
	 * responses and tokens signed with them still verify.
	 * @return the roles renewed by this call
	 */
	public List<Authority> renewExpiring(Duration renewBefore) {
		List<Authority> renewed = transactions.execute(status -> {
			certificates.lockBootstrap();
			Instant now = clock.instant();
			Instant limit = now.plus(renewBefore);
			List<Authority> done = new ArrayList<>();
			for (Authority ca : Authority.certificationAuthorities()) {
				Authority role = ca.ocspResponder().orElse(null);
				if (role != null && certificates.authority(role).orElseThrow().notAfter().isBefore(limit)) {
					createResponder(role, ca, certificates.authority(ca).orElseThrow(), now);
					done.add(role);
				}
			}
			if (certificates.authority(Authority.TSA).orElseThrow().notAfter().isBefore(limit)) {
				createTsa(certificates.authority(Authority.ROOT).orElseThrow(), now);
				done.add(Authority.TSA);
			}
			load();
			return done;
		});
		for (Authority role : renewed) {
			checkKey(role, get(role));
		}
		return renewed;
	}

	/** Every hour (paraphe.pki.renewal-check-delay): renews what expires within paraphe.pki.renew-before. */
	@Scheduled(initialDelayString = "${paraphe.pki.renewal-check-delay:PT1H}", fixedDelayString = "${paraphe.pki.renewal-check-delay:PT1H}")
	public void renewAndReload() {
		try {
			List<Authority> renewed = renewExpiring(properties.renewBefore());
			if (!renewed.isEmpty()) {
				log.info("Renewed the certificates of {}", renewed);
			}
		}
		catch (RuntimeException failure) {
			log.error("Could not renew the OCSP responder and TSA certificates", failure);
		}
	}

	/** The current authorities; a new map object after each reload, so users may cache what they derive from it. */
	public Map<Authority, IssuedCertificate> snapshot() {
		return authorities;
	}

	private void load() {
		Map<Authority, IssuedCertificate> loaded = new EnumMap<>(Authority.class);
		for (Authority authority : Authority.values()) {
			loaded.put(authority, certificates.authority(authority).orElseThrow());
		}
		authorities = Map.copyOf(loaded);
	}

	/** The authority's certificate and key handle. */
	public IssuedCertificate get(Authority authority) {
		IssuedCertificate found = authorities.get(authority);
		if (found == null) {
			throw new IllegalStateException("The CA hierarchy is not loaded yet");
		}
		return found;
	}

	public CertificateMaker.Issuer issuer(Authority authority) {
		IssuedCertificate certificate = get(authority);
		return new CertificateMaker.Issuer(certificate.certificate(), certificate.key(), authority.publicName());
	}

	public List<IssuedCertificate> all() {
		List<IssuedCertificate> all = new ArrayList<>();
		for (Authority authority : Authority.values()) {
			all.add(get(authority));
		}
		return all;
	}

	public TimeStampingUnit timeStampingUnit() {
		IssuedCertificate tsa = get(Authority.TSA);
		return new TimeStampingUnit(tsa.key(), tsa.certificate(),
				List.of(tsa.certificate(), get(Authority.ROOT).certificate()));
	}

	private IssuedCertificate createRoot(Instant now) {
		KeyHandle key = keyStore.generate(properties.rootAlgorithm());
		X509Certificate certificate = maker.root(key, Authority.ROOT.commonName(), properties.organization(),
				properties.country(), now, properties.rootValidity());
		return save(Authority.ROOT, Authority.ROOT, CertificateProfile.ROOT_CA, certificate, key, now);
	}

	private IssuedCertificate createIssuing(Authority authority, IssuedCertificate root, Instant now) {
		KeyHandle key = keyStore.generate(properties.issuingAlgorithm());
		String policy = authority == Authority.USAGE_UNIQUE ? properties.oneTimePolicyOid() : properties.policyOid();
		X509Certificate certificate = maker.issuingCa(issuerOf(root, Authority.ROOT), key, authority.commonName(),
				properties.organization(), properties.country(), now, properties.issuingValidity(), policy);
		return save(authority, Authority.ROOT, CertificateProfile.ISSUING_CA, certificate, key, now);
	}

	private IssuedCertificate createResponder(Authority authority, Authority caRole, IssuedCertificate ca,
			Instant now) {
		KeyHandle key = keyStore.generate(properties.ocspAlgorithm());
		X509Certificate certificate = maker.ocspResponder(issuerOf(ca, caRole), key,
				authority.commonName(), properties.organization(), properties.country(), now,
				properties.ocspValidity());
		return save(authority, caRole, CertificateProfile.OCSP_RESPONDER, certificate, key, now);
	}

	private IssuedCertificate createTsa(IssuedCertificate root, Instant now) {
		KeyHandle key = keyStore.generate(properties.tsaAlgorithm());
		X509Certificate certificate = maker.timeStamping(issuerOf(root, Authority.ROOT), key,
				Authority.TSA.commonName(), properties.organization(), properties.country(), now,
				properties.tsaValidity());
		return save(Authority.TSA, Authority.ROOT, CertificateProfile.TIME_STAMPING, certificate, key, now);
	}

	private static CertificateMaker.Issuer issuerOf(IssuedCertificate certificate, Authority role) {
		return new CertificateMaker.Issuer(certificate.certificate(), certificate.key(), role.publicName());
	}

	private IssuedCertificate save(Authority role, Authority issuer, CertificateProfile profile,
			X509Certificate certificate, KeyHandle key, Instant now) {
		IssuedCertificate issued = new IssuedCertificate(new CertificateSerial(certificate.getSerialNumber()), issuer,
				profile, null, CertificateMaker.subjectText(certificate), certificate, key,
				certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now, null, null);
		certificates.insert(issued);
		if (certificates.authority(role).isPresent()) {
			certificates.replaceAuthority(role, issued.serial(), now);
		}
		else {
			certificates.insertAuthority(role, issued.serial(), now);
		}
		log.info("Created {} ({}, {} key in the {} key store)", role.commonName(), issued.serial(),
				key.algorithm(), keyStore.kind());
		return issued;
	}

}
