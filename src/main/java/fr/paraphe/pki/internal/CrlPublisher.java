package fr.paraphe.pki.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.KeyStoreContentSigner;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Produces and keeps the CRLs of the root and the two issuing CAs (RFC 5280 §5): a new one at each
 * revocation (in the revocation's transaction) and whenever the latest is older than
 * {@code paraphe.pki.crl-refresh}. The CRL number comes from the latest stored one, under the
 * authority's row lock, so two nodes never publish the same number twice.
 */
public class CrlPublisher {

	private static final Logger log = LoggerFactory.getLogger(CrlPublisher.class);

	/** The CAs that publish a CRL. */
	public static final List<Authority> ISSUERS = Authority.certificationAuthorities();

	/** How many old CRLs each CA keeps for the administration page. */
	private static final int KEPT = 20;

	private final Certificates certificates;

	private final Hierarchy hierarchy;

	private final KeyStore keyStore;

	private final PkiProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public CrlPublisher(Certificates certificates, Hierarchy hierarchy, KeyStore keyStore, PkiProperties properties,
			TransactionTemplate transactions, Clock clock) {
		this.certificates = certificates;
		this.hierarchy = hierarchy;
		this.keyStore = keyStore;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Produces and stores a new CRL for {@code authority}. Must run inside a transaction: it takes the
	 * authority's row lock, released at commit.
	 */
	Certificates.StoredCrl produce(Authority authority) {
		certificates.lockAuthority(authority);
		IssuedCertificate ca = hierarchy.get(authority);
		long number = certificates.latestCrlHeader(authority).map(crl -> crl.number() + 1).orElse(1L);
		Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant nextUpdate = thisUpdate.plus(properties.crlValidity());
		X509v2CRLBuilder builder = new X509v2CRLBuilder(
				X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
		builder.setNextUpdate(Date.from(nextUpdate));
		List<IssuedCertificate> revoked = certificates.revokedBy(authority);
		for (IssuedCertificate entry : revoked) {
			builder.addCRLEntry(entry.serial().value(), Date.from(entry.revokedAt()),
					entry.revocationReason().code());
		}
		try {
			// RFC 5280 §5.2.1 and §5.2.3: authorityKeyIdentifier and cRLNumber are required.
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
			builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
			X509CRLHolder crl = builder.build(new KeyStoreContentSigner(keyStore, ca.key()));
			Certificates.StoredCrl stored = new Certificates.StoredCrl(authority, number, thisUpdate, nextUpdate,
					revoked.size(), crl.getEncoded());
			certificates.insertCrl(stored);
			certificates.pruneCrls(authority, number - KEPT + 1);
			return stored;
		}
		catch (IOException | java.security.GeneralSecurityException failure) {
			throw new IllegalStateException("Cannot produce the CRL of " + authority, failure);
		}
	}

	/** The latest CRL of {@code authority}; empty only for an authority that publishes none. */
	public Optional<Certificates.StoredCrl> latest(Authority authority) {
		return certificates.latestCrl(authority);
	}

	/** In the bootstrap transaction: a first CRL for each CA that has none. */
	void produceMissing() {
		for (Authority authority : ISSUERS) {
			if (certificates.latestCrlHeader(authority).isEmpty()) {
				produce(authority);
			}
		}
	}

	/**
	 * Produces a CRL for each CA whose latest one is older than {@code crl-refresh}. Run by {@link PkiJobs} on
	 * one node at a time; the check is repeated under the row lock all the same.
	 */
	public void refreshStale() {
		for (Authority authority : ISSUERS) {
			try {
				transactions.executeWithoutResult(status -> {
					if (isStale(authority)) {
						certificates.lockAuthority(authority);
						if (isStale(authority)) {
							Certificates.StoredCrl crl = produce(authority);
							log.info("Published CRL {} of {}", crl.number(), authority.commonName());
						}
					}
				});
			}
			catch (RuntimeException failure) {
				log.error("Could not refresh the CRL of {}", authority.commonName(), failure);
			}
		}
	}

	private boolean isStale(Authority authority) {
		Instant limit = clock.instant().minus(properties.crlRefresh());
		return certificates.latestCrlHeader(authority).map(crl -> crl.thisUpdate().isBefore(limit)).orElse(true);
	}


}
