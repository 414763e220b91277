package fr.paraphe.signing;

import java.util.UUID;

import fr.paraphe.shared.FirmClosure;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.SealJobStore;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk seal jobs' part of closing a firm: each running job ends now. Its pending documents (those a worker is
 * sealing at this moment too) fail with {@code signing.jobs.firmClosed}, so that no worker records or debits one
 * after the closing; then the job ends as any job does ({@link SealJobs#finish}: what is still reserved released,
 * the manifest written, {@link SealJobCompleted} published). Documents sealed before stay sealed and debited. Last
 * of the parts, after the seal certificate's revocation: no job submitted meanwhile can escape it.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class SealJobClosure implements FirmClosure {

	static final String FIRM_CLOSED = "signing.jobs.firmClosed";

	private final SealJobStore store;

	private final SealJobs jobs;

	private final TransactionTemplate transactions;

	SealJobClosure(SealJobStore store, SealJobs jobs, TransactionTemplate transactions) {
		this.store = store;
		this.jobs = jobs;
		this.transactions = transactions;
	}

	@Override
	public void close(FirmId firm, UserId owner) {
		for (UUID job : store.running(firm)) {
			transactions.executeWithoutResult(status -> store.failPending(job, FIRM_CLOSED));
			jobs.finish(job);
		}
	}

}
