package fr.paraphe.audit;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import fr.paraphe.audit.internal.AuditStore;
import fr.paraphe.shared.Auditable;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends every auditable event once its transaction committed. The event publication registry keeps the
 * event until this has succeeded, so a crash in between loses no entry.
 * <p>
 * One chain's entries are appended one at a time (its head row is locked). On this node the events of one chain
 * queue here, before their transaction, so that while one append waits for the head row the others hold no pooled
 * connection: one firm sealing fast would otherwise have its listeners take most of the pool while they wait on
 * its chain's head, and its own requests then wait for a connection. Chains are spread over a fixed set of locks.
 */
@Component
class AuditRecorder {

	private static final int STRIPES = 256;

	private final AuditStore store;

	private final TransactionTemplate transactions;

	private final ReentrantLock[] chains = new ReentrantLock[STRIPES];

	AuditRecorder(AuditStore store, TransactionTemplate transactions) {
		this.store = store;
		this.transactions = transactions;
		for (int n = 0; n < STRIPES; n++) {
			chains[n] = new ReentrantLock();
		}
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(Auditable event) {
		UUID chain = event.firm() == null ? AuditStore.PLATFORM_CHAIN : event.firm().value();
		ReentrantLock turn = chains[Math.floorMod(chain.hashCode(), STRIPES)];
		turn.lock();
		try {
			transactions.executeWithoutResult(status -> store.append(event));
		}
		finally {
			turn.unlock();
		}
	}

}
