package fr.paraphe.signing;

import java.util.UUID;

import fr.paraphe.shared.FirmId;

/**
 * Published once when a bulk sealing job ends, all its documents sealed or failed ({@link SealJobs}): the
 * {@code seal_job.completed} webhook's event.
 * @param done how many documents were sealed (and debited)
 * @param failed how many failed (and were not debited)
 */
public record SealJobCompleted(FirmId firmId, UUID jobId, int total, int done, int failed) {
}
