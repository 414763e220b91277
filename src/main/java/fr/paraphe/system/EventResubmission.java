package fr.paraphe.system;

import java.time.Duration;

import fr.paraphe.shared.ClusterJobs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers again, on one node of the cluster at a time, every event publication still incomplete
 * {@code paraphe.events.resubmit-after} after it was published: its listener failed (a database hiccup, an
 * SMTP outage) or its node died while running it. Replaces Modulith's republication on restart, which would
 * re-run on a starting node what the others are still running. Listeners with an effect are idempotent, so a
 * publication still running when it is resubmitted has its effect once.
 */
@Component
class EventResubmission {

	static final String JOB = "event-resubmission";

	private final IncompleteEventPublications publications;

	private final ClusterJobs jobs;

	private final Duration after;

	private final Duration every;

	EventResubmission(IncompleteEventPublications publications, ClusterJobs jobs,
			@Value("${paraphe.events.resubmit-after:PT5M}") Duration after,
			@Value("${paraphe.events.resubmit-every:PT1M}") Duration every) {
		this.publications = publications;
		this.jobs = jobs;
		this.after = after;
		this.every = every;
	}

	@Scheduled(initialDelayString = "${paraphe.events.resubmit-every:PT1M}",
			fixedDelayString = "${paraphe.events.resubmit-every:PT1M}")
	void resubmit() {
		resubmitOlderThan(after);
	}

	/** @return whether this node ran it (no other node held the job) */
	boolean resubmitOlderThan(Duration age) {
		return jobs.runOnce(JOB, ClusterJobs.oncePer(every), Duration.ofMinutes(10),
				() -> publications.resubmitIncompletePublicationsOlderThan(age));
	}

}
