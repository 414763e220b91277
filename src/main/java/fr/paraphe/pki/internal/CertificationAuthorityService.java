package fr.paraphe.pki.internal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificateIssued;
import fr.paraphe.pki.CertificateProfile;
import fr.paraphe.pki.CertificateRevoked;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.LegalPerson;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.pki.OneTimeSigner;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.pki.TimeStampingUnit;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The certification authority. Creates its hierarchy once every bean exists and before the web server
 * opens, so no request ever finds it missing.
 */
public class CertificationAuthorityService implements CertificationAuthority, SmartInitializingSingleton {

	private final Hierarchy hierarchy;

	private final CrlPublisher crls;

	private final Certificates certificates;

	private final KeyStore keyStore;

	private final KeyPool keyPool;

	private final CertificateMaker maker;

	private final PkiProperties properties;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public CertificationAuthorityService(Hierarchy hierarchy, CrlPublisher crls, Certificates certificates,
			KeyStore keyStore, KeyPool keyPool, CertificateMaker maker, PkiProperties properties,
			TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
		this.hierarchy = hierarchy;
		this.crls = crls;
		this.certificates = certificates;
		this.keyStore = keyStore;
		this.keyPool = keyPool;
		this.maker = maker;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		hierarchy.bootstrap(crls::produceMissing);
	}

	@Override
	public IssuedCertificate issue(NaturalPerson person) {
		return issue(Authority.PERSONNES, CertificateProfile.NATURAL_PERSON, IssuedCertificate.holderOf(person.holder()),
				properties.personAlgorithm(),
				key -> maker.naturalPerson(hierarchy.issuer(Authority.PERSONNES), key, person, clock.instant(),
						properties.personValidity()));
	}

	@Override
	public IssuedCertificate issue(LegalPerson organization) {
		return issue(Authority.CACHETS, CertificateProfile.LEGAL_PERSON, IssuedCertificate.holderOf(organization.siren()),
				properties.sealAlgorithm(),
				key -> maker.legalPerson(hierarchy.issuer(Authority.CACHETS), key, organization, clock.instant(),
						properties.sealValidity()));
	}

	private IssuedCertificate issue(Authority issuer, CertificateProfile profile, String holder,
			KeyAlgorithm algorithm, Function<KeyHandle, X509Certificate> make) {
		// A key generated ahead of need (the pool), else generated here, outside the transaction: RSA takes
		// seconds and must not hold a database connection.
		KeyHandle key = keyPool.take(algorithm);
		try {
			return transactions.execute(status -> {
				X509Certificate certificate = make.apply(key);
				Instant now = clock.instant();
				IssuedCertificate issued = new IssuedCertificate(new CertificateSerial(certificate.getSerialNumber()),
						issuer, profile, holder, CertificateMaker.subjectText(certificate), certificate, key,
						certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now, null, null);
				certificates.insert(issued);
				events.publishEvent(new CertificateIssued(issued.serial(), issuer, profile, holder, issued.subject(),
						issued.notAfter(), now));
				return issued;
			});
		}
		catch (RuntimeException failure) {
			keyStore.destroy(key);
			throw failure;
		}
	}

	@Override
	public IssuedCertificate issueOneTime(OneTimeSigner signer) {
		Objects.requireNonNull(signer, "signer");
		// EC P-256 whatever the other profiles use: generated (or taken from the pool, if it holds such keys) in
		// milliseconds, on the signer's request path.
		return issue(Authority.USAGE_UNIQUE, CertificateProfile.ONE_TIME_PERSON, signer.holder(), KeyAlgorithm.EC_P256,
				key -> maker.oneTimePerson(hierarchy.issuer(Authority.USAGE_UNIQUE), key, signer, properties.country(),
						clock.instant(), properties.oneTimeValidity(), properties.oneTimePolicyOid()));
	}

	@Override
	public List<X509Certificate> chainOf(IssuedCertificate certificate) {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(certificate.certificate());
		X509Certificate current = certificate.certificate();
		Authority issuer = certificate.issuer();
		// Root to root is the end; a CA certificate names its own issuer the same way as an end entity's.
		while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
			IssuedCertificate next = hierarchy.get(issuer);
			if (!next.certificate().getSubjectX500Principal().equals(current.getIssuerX500Principal())
					|| chain.size() > Authority.values().length) {
				throw new IllegalStateException("No path from " + certificate.serial() + " to the root");
			}
			chain.add(next.certificate());
			current = next.certificate();
			issuer = next.issuer();
		}
		return List.copyOf(chain);
	}

	@Override
	public List<IssuedCertificate> certificatesOf(UserId holder) {
		return certificates.byHolder(IssuedCertificate.holderOf(holder));
	}

	@Override
	public List<IssuedCertificate> certificatesOf(Siren holder) {
		return certificates.byHolder(IssuedCertificate.holderOf(holder));
	}

	@Override
	public Optional<IssuedCertificate> find(CertificateSerial serial) {
		return certificates.find(serial);
	}

	@Override
	public List<IssuedCertificate> search(String text, int limit) {
		return certificates.search(text, Math.max(1, Math.min(limit, 500)));
	}

	@Override
	public IssuedCertificate revoke(CertificateSerial serial, RevocationReason reason) {
		return transactions.execute(status -> {
			IssuedCertificate certificate = certificates.find(serial)
				.filter(found -> found.profile().isEndEntity())
				.orElseThrow(() -> new CertificateNotFoundException(serial));
			// The CA's row lock first: revocations and CRL production of one CA happen one at a time.
			certificates.lockAuthority(certificate.issuer());
			Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
			if (!certificates.markRevoked(serial, now, reason)) {
				throw new AlreadyRevokedException(serial);
			}
			crls.produce(certificate.issuer());
			events.publishEvent(new CertificateRevoked(serial, certificate.issuer(), certificate.holder(), reason, now));
			return certificates.find(serial).orElseThrow();
		});
	}

	@Override
	public List<IssuedCertificate> hierarchy() {
		return hierarchy.all();
	}

	@Override
	public IssuedCertificate authority(Authority role) {
		return hierarchy.get(role);
	}

	@Override
	public TimeStampingUnit timeStampingUnit() {
		return hierarchy.timeStampingUnit();
	}

}
