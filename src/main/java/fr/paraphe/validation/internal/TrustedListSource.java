package fr.paraphe.validation.internal;

import java.io.File;
import java.security.cert.X509Certificate;
import java.util.List;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.tsl.TLValidationJobSummary;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.FileCacheDataLoader;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.client.http.IgnoreDataLoader;
import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.tsl.job.TLValidationJob;
import eu.europa.esig.dss.tsl.source.LOTLSource;
import eu.europa.esig.dss.tsl.sync.ExpirationAndSignatureCheckStrategy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The EU list of trusted lists (LOTL, ETSI TS 119 612) as an extra trust source, off by default
 * ({@code paraphe.validation.lotl.*}). When enabled, EU DSS's TL validation job reads the LOTL and the national
 * lists it points to, checks their XAdES signatures (the LOTL against the configured signing certificates, each
 * list against the certificates the LOTL announces for it), and trusts the services of the lists that are valid
 * and not expired. Lists are cached in {@code cache-directory}; with {@code offline=true} only that cache (a local
 * copy) is read, never the network. Read at start-up, then again every {@code refresh-interval} (a scheduled check
 * each minute asks {@link #refreshIfDue(Instant)}); a refresh that fails keeps the lists already read.
 */
@Component
class TrustedListSource {

	private static final Logger LOG = LoggerFactory.getLogger(TrustedListSource.class);

	private final TrustedListsCertificateSource certificates;

	private final TLValidationJob job;

	private final boolean offline;

	private final java.time.Duration interval;

	private volatile java.time.Instant lastRefresh;

	private final java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();

	@Autowired
	TrustedListSource(ValidationProperties properties) {
		this(properties.lotl(), null);
	}

	/**
	 * @param network how to reach the network when not offline (null: Apache HttpClient, as in production)
	 */
	TrustedListSource(ValidationProperties.Lotl lotl, DataLoader network) {
		this.interval = lotl.refreshInterval() == null || lotl.refreshInterval().isNegative()
				|| lotl.refreshInterval().isZero() ? java.time.Duration.ofHours(6) : lotl.refreshInterval();
		if (!lotl.enabled()) {
			this.certificates = null;
			this.job = null;
			this.offline = true;
			return;
		}
		List<X509Certificate> signers = ConfiguredTrustAnchors.load(lotl.signingCertificates(), null);
		if (signers.isEmpty()) {
			throw new IllegalStateException(
					"paraphe.validation.lotl.enabled=true needs paraphe.validation.lotl.signing-certificates");
		}
		CommonCertificateSource lotlSigners = new CommonCertificateSource();
		signers.forEach(signer -> lotlSigners.addCertificate(new CertificateToken(signer)));
		LOTLSource source = new LOTLSource();
		source.setUrl(lotl.url());
		source.setCertificateSource(lotlSigners);
		source.setPivotSupport(true);
		File cache = new File(lotl.cacheDirectory());
		FileCacheDataLoader offlineLoader = new FileCacheDataLoader();
		offlineLoader.setCacheExpirationTime(-1);
		offlineLoader.setDataLoader(new IgnoreDataLoader());
		offlineLoader.setFileCacheDirectory(cache);
		this.certificates = new TrustedListsCertificateSource();
		this.job = new TLValidationJob();
		job.setListOfTrustedListSources(source);
		job.setOfflineDataLoader(offlineLoader);
		job.setTrustedListCertificateSource(certificates);
		// DSS's default synchronises every list, even expired or badly signed ones: trust only valid, current lists.
		job.setSynchronizationStrategy(new ExpirationAndSignatureCheckStrategy());
		this.offline = lotl.offline();
		if (!offline) {
			FileCacheDataLoader onlineLoader = new FileCacheDataLoader();
			onlineLoader.setCacheExpirationTime(0);
			onlineLoader.setDataLoader(network != null ? network : new CommonsDataLoader());
			onlineLoader.setFileCacheDirectory(cache);
			job.setOnlineDataLoader(onlineLoader);
		}
		refresh();
	}

	/**
	 * Refreshes when the interval has passed since the last refresh (tried or not).
	 * @return whether a refresh was made
	 */
	boolean refreshIfDue(java.time.Instant now) {
		if (job == null || lastRefresh != null && now.isBefore(lastRefresh.plus(interval))) {
			return false;
		}
		try {
			refresh();
		}
		catch (RuntimeException failed) {
			// Keep the lists already read: they stay trusted until they expire, which DSS checks.
			LOG.warn("EU trusted lists: refresh failed, keeping the lists already read", failed);
		}
		return true;
	}

	/** Checks each minute whether the lists are due for a refresh. */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void scheduledRefresh() {
		refreshIfDue(java.time.Instant.now());
	}

	/** How many refreshes were made, start-up included. */
	int refreshes() {
		return refreshes.get();
	}

	/** Reads the lists again (from the cache only when offline). */
	void refresh() {
		if (job == null) {
			return;
		}
		lastRefresh = java.time.Instant.now();
		refreshes.incrementAndGet();
		if (offline) {
			job.offlineRefresh();
		}
		else {
			job.onlineRefresh();
		}
		TLValidationJobSummary summary = job.getSummary();
		LOG.info("EU trusted lists: {} trusted certificate(s) from {} list(s) of trusted lists",
				certificates.getNumberOfCertificates(), summary == null ? 0 : summary.getLOTLInfos().size());
	}

	/** The certificates the trusted lists make trust anchors, or null when the LOTL is disabled. */
	CertificateSource certificateSource() {
		return certificates;
	}

}
