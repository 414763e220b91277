package fr.paraphe.validation.internal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import fr.paraphe.validation.internal.GuardedFetcher.FetchException;
import fr.paraphe.validation.internal.GuardedFetcher.Outcome;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;

/**
 * Revocation data at validation time. A certificate issued by the platform's own CA is checked in-process, through
 * the {@code pki} module's API ({@link PlatformRevocation}); any other is checked with the OCSP responders and CRL
 * distribution points it names, through {@link GuardedFetcher} (SSRF guards, timeout, size limit), at most a few
 * fetches per validation, each answer kept until its nextUpdate (an answer without one is not kept). DSS uses the
 * sources of a {@link Session} while it validates; the report then asks the same session for the signing
 * certificate's current status (served from the cache) and lists every fetch, refused or not.
 */
final class OnlineRevocation implements fr.paraphe.validation.ForeignRevocationData {

	private static final int CACHE_ENTRIES = 512;

	private static final Duration LONGEST_KEPT = Duration.ofDays(7);

	private final GuardedFetcher fetcher;

	private final boolean enabled;

	private final int maxFetches;

	private final PlatformRevocation platform;

	private final Clock clock;

	private final Map<String, Cached> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
			return size() > CACHE_ENTRIES;
		}
	});

	/**
	 * @param enabled whether certificates of other CAs are checked over HTTP
	 * @param platform the platform's own CA, null for none (tests without the pki module)
	 */
	OnlineRevocation(GuardedFetcher fetcher, boolean enabled, int maxFetches, PlatformRevocation platform, Clock clock) {
		this.fetcher = fetcher;
		this.enabled = enabled;
		this.maxFetches = maxFetches;
		this.platform = platform;
		this.clock = clock;
	}

	/** No fetching at all, no platform CA: DSS sees only the revocation data inside the document. */
	static OnlineRevocation offline() {
		return new OnlineRevocation(null, false, 0, null, Clock.systemUTC());
	}

	/** Whether anything beyond the document's own data is asked (the platform's CA, or the network). */
	boolean active() {
		return enabled || platform != null;
	}

	Session session() {
		return new Session();
	}

	private record Cached(byte[] bytes, Instant expires) {
	}

	/** What one validation fetched: its own budget and log, the shared cache. */
	final class Session {

		private final AtomicInteger fetches = new AtomicInteger();

		private final Map<String, OnlineCheck> checks = Collections.synchronizedMap(new LinkedHashMap<>());

		private final OnlineOCSPSource onlineOcsp = new OnlineOCSPSource(new Loader("OCSP"));

		private final OnlineCRLSource onlineCrl = new OnlineCRLSource(new Loader("CRL"));

		/** The OCSP source DSS uses: the platform's in-process for its certificates, the network for others. */
		OCSPSource ocspSource() {
			return new OCSPSource() {
				private static final long serialVersionUID = 1L;

				@Override
				public OCSPToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
					return ocsp(certificate, issuer);
				}
			};
		}

		CRLSource crlSource() {
			return new CRLSource() {
				private static final long serialVersionUID = 1L;

				@Override
				public CRLToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
					return crl(certificate, issuer);
				}
			};
		}

		private OCSPToken ocsp(CertificateToken certificate, CertificateToken issuer) {
			if (platform != null && platform.issuedBy(issuer.getCertificate())) {
				return platform.ocsp(certificate, issuer);
			}
			if (!enabled) {
				return null;
			}
			try {
				return onlineOcsp.getRevocationToken(certificate, issuer);
			}
			catch (RuntimeException failed) {
				return null;
			}
		}

		private CRLToken crl(CertificateToken certificate, CertificateToken issuer) {
			if (platform != null && platform.issuedBy(issuer.getCertificate())) {
				return platform.crl(certificate, issuer);
			}
			if (!enabled) {
				return null;
			}
			try {
				return onlineCrl.getRevocationToken(certificate, issuer);
			}
			catch (RuntimeException failed) {
				return null;
			}
		}

		/**
		 * The current status of a certificate: the platform CA's record for its own, else OCSP first, then the CRL;
		 * null when none could be had. Answers fetched while DSS validated come from the cache.
		 */
		Current current(X509Certificate certificate, X509Certificate issuer) {
			if (platform != null && platform.issuedBy(issuer)) {
				// The CA's own record, read now: authoritative, and as current as it gets.
				return platform.find(certificate)
					.map(issued -> new Current(issued.isRevoked() ? "REVOKED" : "GOOD", issued.revokedAt(),
							issued.reason().map(Enum::name).orElse(null), "PARAPHE_CA", clock.instant()))
					.orElse(null);
			}
			CertificateToken subject = new CertificateToken(certificate);
			CertificateToken issuerToken = new CertificateToken(issuer);
			RevocationToken<?> token = ocsp(subject, issuerToken);
			if (token == null || token.getStatus() == null || !token.getStatus().isKnown()) {
				RevocationToken<?> crl = crl(subject, issuerToken);
				if (crl != null) {
					token = crl;
				}
			}
			if (token == null || token.getStatus() == null) {
				return null;
			}
			return new Current(token.getStatus().name(),
					token.getRevocationDate() == null ? null : token.getRevocationDate().toInstant(),
					token.getReason() == null ? null : token.getReason().name(),
					token.getRevocationType() + (token.getSourceURL() == null ? "" : " " + token.getSourceURL()),
					token.getProductionDate() == null ? null : token.getProductionDate().toInstant());
		}

		/** Every fetch tried, in order: fetched, served from the cache, refused or failed. */
		List<OnlineCheck> checks() {
			synchronized (checks) {
				return List.copyOf(checks.values());
			}
		}

		private void record(String kind, String url, Outcome outcome, String detail) {
			checks.putIfAbsent(kind + " " + url + " " + outcome,
					new OnlineCheck(kind, url.length() > 300 ? url.substring(0, 300) : url, outcome.name(), detail));
		}

		/** DSS's data loader, for one kind of request, through the cache, the budget and the guards. */
		final class Loader implements DataLoader {

			private static final long serialVersionUID = 1L;

			private final String kind;

			Loader(String kind) {
				this.kind = kind;
			}

			@Override
			public byte[] get(String url) {
				return load(url, null);
			}

			@Override
			public DataAndUrl get(List<String> urls) {
				DSSExternalResourceException last = null;
				for (String url : urls) {
					try {
						return new DataAndUrl(url, load(url, null));
					}
					catch (DSSExternalResourceException failed) {
						last = failed;
					}
				}
				throw last != null ? last : new DSSExternalResourceException("no URL");
			}

			@Override
			public byte[] post(String url, byte[] content) {
				return load(url, content);
			}

			@Override
			public void setContentType(String contentType) {
				// POST is only used for OCSP: the content type is application/ocsp-request (RFC 6960 §A.1)
			}

			private byte[] load(String url, byte[] body) {
				String key = url + " " + (body == null ? "" : HexFormat.of()
					.formatHex(RevisionComparator.sha256().digest(body)));
				Instant now = clock.instant();
				Cached cached = cache.get(key);
				if (cached != null && cached.expires().isAfter(now)) {
					record(kind, url, Outcome.CACHED, null);
					return cached.bytes();
				}
				if (fetches.incrementAndGet() > maxFetches) {
					record(kind, url, Outcome.BUDGET_EXHAUSTED, null);
					throw new DSSExternalResourceException("fetch budget of this validation exhausted");
				}
				try {
					byte[] bytes = fetcher.fetch(url, body, "application/ocsp-request");
					record(kind, url, Outcome.FETCHED, null);
					Instant expires = nextUpdate(bytes);
					if (expires != null && expires.isAfter(now)) {
						Instant latest = now.plus(LONGEST_KEPT);
						cache.put(key, new Cached(bytes, expires.isBefore(latest) ? expires : latest));
					}
					return bytes;
				}
				catch (FetchException refused) {
					record(kind, url, refused.outcome(), refused.getMessage());
					throw new DSSExternalResourceException(refused.getMessage());
				}
			}

		}

	}

	@Override
	public java.util.Optional<byte[]> ocsp(X509Certificate certificate, X509Certificate issuer) {
		if (!enabled) {
			return java.util.Optional.empty();
		}
		try {
			org.bouncycastle.cert.ocsp.CertificateID id = new org.bouncycastle.cert.ocsp.CertificateID(
					new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()
						.get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1),
					new org.bouncycastle.cert.X509CertificateHolder(issuer.getEncoded()), certificate.getSerialNumber());
			byte[] request = new org.bouncycastle.cert.ocsp.OCSPReqBuilder().addRequest(id).build().getEncoded();
			Session session = session();
			DataLoader loader = session.new Loader("OCSP");
			for (String url : eu.europa.esig.dss.spi.CertificateExtensionsUtils
				.getOCSPAccessUrls(new CertificateToken(certificate))) {
				try {
					byte[] answer = loader.post(url, request);
					OCSPResp response = new OCSPResp(answer);
					if (response.getStatus() == OCSPResp.SUCCESSFUL
							&& response.getResponseObject() instanceof BasicOCSPResp basic
							&& java.util.Arrays.stream(basic.getResponses()).anyMatch(single -> single.getCertID().equals(id))) {
						return java.util.Optional.of(answer);
					}
				}
				catch (RuntimeException | java.io.IOException | org.bouncycastle.cert.ocsp.OCSPException unanswered) {
					// the next URL, if any
				}
			}
			return java.util.Optional.empty();
		}
		catch (Exception unusable) {
			return java.util.Optional.empty();
		}
	}

	@Override
	public java.util.Optional<byte[]> crl(X509Certificate certificate, X509Certificate issuer) {
		if (!enabled) {
			return java.util.Optional.empty();
		}
		Session session = session();
		DataLoader loader = session.new Loader("CRL");
		for (String url : eu.europa.esig.dss.spi.CertificateExtensionsUtils
			.getCRLAccessUrls(new CertificateToken(certificate))) {
			try {
				byte[] answer = loader.get(url);
				X509CRLHolder crl = new X509CRLHolder(answer);
				if (crl.getIssuer().equals(org.bouncycastle.asn1.x500.X500Name
					.getInstance(issuer.getSubjectX500Principal().getEncoded()))) {
					return java.util.Optional.of(answer);
				}
			}
			catch (RuntimeException | java.io.IOException unanswered) {
				// the next URL, if any
			}
		}
		return java.util.Optional.empty();
	}

	/** The earliest nextUpdate of an OCSP response's single responses, or of a CRL; null if none or unreadable. */
	static Instant nextUpdate(byte[] answer) {
		try {
			OCSPResp response = new OCSPResp(answer);
			if (response.getStatus() != OCSPResp.SUCCESSFUL
					|| !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
				return null;
			}
			Instant earliest = null;
			for (SingleResp single : basic.getResponses()) {
				if (single.getNextUpdate() == null) {
					return null;
				}
				Instant next = single.getNextUpdate().toInstant();
				earliest = earliest == null || next.isBefore(earliest) ? next : earliest;
			}
			return earliest;
		}
		catch (Exception notOcsp) {
			// fall through: perhaps a CRL
		}
		try {
			X509CRLHolder crl = new X509CRLHolder(answer);
			return crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
		}
		catch (Exception unreadable) {
			return null;
		}
	}

	/**
	 * A certificate's current status.
	 *
	 * @param status GOOD, REVOKED or UNKNOWN
	 * @param revokedAt when it was revoked, null unless revoked
	 * @param reason the RFC 5280 reason (DSS's name, e.g. KEY_COMPROMISE), null if none given
	 * @param source where it was read
	 * @param producedAt when the answer was produced
	 */
	record Current(String status, Instant revokedAt, String reason, String source, Instant producedAt) {

		boolean revoked() {
			return "REVOKED".equals(status);
		}

	}

	/** For tests: the number of answers kept. */
	int cached() {
		return cache.size();
	}

}
