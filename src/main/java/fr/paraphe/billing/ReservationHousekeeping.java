package fr.paraphe.billing;

import java.time.Duration;

import fr.paraphe.shared.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases, on one node of the cluster at a time, the reservations still active
 * {@code paraphe.billing.reservation-timeout} after they were made: their node died between the reservation
 * and the settlement, so nothing was delivered and nothing is debited. A collection signer's reservation lives
 * as long as its collection (days): the collection module settles or releases it, never this job; a bulk sealing
 * job's (keys {@code sealjob:…}) as long as its job: the signing module's job worker settles or releases it.
 */
@Component
class ReservationHousekeeping {

	private static final Logger log = LoggerFactory.getLogger(ReservationHousekeeping.class);

	private final Billing billing;

	private final ClusterJobs jobs;

	private final Duration timeout;

	private final Duration every;

	ReservationHousekeeping(Billing billing, ClusterJobs jobs,
			@Value("${paraphe.billing.reservation-timeout:PT15M}") Duration timeout,
			@Value("${paraphe.billing.reservation-check-every:PT1M}") Duration every) {
		this.every = every;
		this.billing = billing;
		this.jobs = jobs;
		this.timeout = timeout;
	}

	@Scheduled(initialDelayString = "${paraphe.billing.reservation-check-every:PT1M}", fixedDelayString = "${paraphe.billing.reservation-check-every:PT1M}")
	void releaseStale() {
		jobs.runOnce("billing-stale-reservations", ClusterJobs.oncePer(every), Duration.ofMinutes(10), () -> {
			int released = billing.releaseStale(timeout);
			if (released > 0) {
				log.warn("Released {} reservations left by an operation that never settled", released);
			}
		});
	}

}
