package fr.paraphe.pki.internal;

import java.time.Duration;

import fr.paraphe.shared.ClusterJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The trust services' background work that the cluster does once, whichever node: topping up the key pool
 * and refreshing stale CRLs. (Renewing the responder and TSA certificates stays on every node, in
 * {@link Hierarchy}: each node reloads what it signs with, and the renewal itself is taken under a row lock.)
 */
@Component
class PkiJobs {

	private final ClusterJobs jobs;

	private final KeyPool keyPool;

	private final CrlPublisher crls;

	private final Duration keyPoolEvery;

	private final Duration crlEvery;

	PkiJobs(ClusterJobs jobs, KeyPool keyPool, CrlPublisher crls,
			@org.springframework.beans.factory.annotation.Value("${paraphe.pki.key-pool-delay:PT10S}") Duration keyPoolEvery,
			@org.springframework.beans.factory.annotation.Value("${paraphe.pki.crl-check-delay:PT1M}") Duration crlEvery) {
		this.keyPoolEvery = keyPoolEvery;
		this.crlEvery = crlEvery;
		this.jobs = jobs;
		this.keyPool = keyPool;
		this.crls = crls;
	}

	@Scheduled(initialDelayString = "${paraphe.pki.key-pool-delay:PT10S}", fixedDelayString = "${paraphe.pki.key-pool-delay:PT10S}")
	void fillKeyPool() {
		jobs.runOnce("pki-key-pool", ClusterJobs.oncePer(keyPoolEvery), Duration.ofMinutes(10), keyPool::fill);
	}

	@Scheduled(initialDelayString = "${paraphe.pki.crl-check-delay:PT1M}", fixedDelayString = "${paraphe.pki.crl-check-delay:PT1M}")
	void refreshCrls() {
		jobs.runOnce("pki-crl-refresh", ClusterJobs.oncePer(crlEvery), Duration.ofMinutes(10), crls::refreshStale);
	}

}
