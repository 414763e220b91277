package fr.paraphe.audit;

import java.time.Duration;

import fr.paraphe.shared.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Verifies the audit chains on a schedule ({@code paraphe.audit.check-every}, one node of the cluster at a
 * time) and reports the last verification as the {@code auditChain} health indicator: DOWN as soon as a chain
 * is broken, on every node, until a later verification finds it intact.
 */
@Component("auditChain")
class AuditChainCheck implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(AuditChainCheck.class);

	private final AuditTrail trail;

	private final ClusterJobs jobs;

	private final java.time.Duration every;

	AuditChainCheck(AuditTrail trail, ClusterJobs jobs,
			@org.springframework.beans.factory.annotation.Value("${paraphe.audit.check-every:PT1H}") java.time.Duration every) {
		this.every = every;
		this.trail = trail;
		this.jobs = jobs;
	}

	@Scheduled(initialDelayString = "${paraphe.audit.check-every:PT1H}", fixedDelayString = "${paraphe.audit.check-every:PT1H}")
	void scheduled() {
		jobs.runOnce("audit-chain-check", ClusterJobs.oncePer(every), Duration.ofHours(1), () -> {
			AuditCheck check = trail.check();
			check.broken().ifPresent(broken -> log.error("The audit trail is broken: chain {} at entry {}",
					broken.chain(), broken.seq()));
		});
	}

	@Override
	public Health health() {
		return trail.lastCheck().map(check -> {
			Health.Builder health = check.intact() ? Health.up() : Health.down();
			health.withDetail("checkedAt", check.checkedAt().toString());
			check.broken().ifPresent(broken -> health.withDetail("chain", broken.chain().toString())
				.withDetail("seq", broken.seq()));
			return health.build();
		}).orElseGet(() -> Health.unknown().withDetail("checkedAt", "never").build());
	}

}
