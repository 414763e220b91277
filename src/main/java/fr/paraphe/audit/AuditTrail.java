package fr.paraphe.audit;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import fr.paraphe.audit.internal.AuditStore;
import fr.paraphe.shared.FirmId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit trail. Writing is the trail's own business: it records the modules' events.
 */
@Service
public class AuditTrail {

	private final AuditStore store;

	AuditTrail(AuditStore store) {
		this.store = store;
	}

	/** A firm's entries, newest first. The caller checks that its user may see them. */
	@Transactional(readOnly = true)
	public List<AuditEntry> forFirm(FirmId firm, int limit) {
		return store.forFirm(firm, Math.max(1, Math.min(limit, 1000)));
	}

	/**
	 * The pseudonyms to show for those of these actors whose account was deleted (actor → pseudonym); the others
	 * are absent.
	 */
	@Transactional(readOnly = true)
	public java.util.Map<String, String> pseudonyms(java.util.Collection<String> actors) {
		return store.pseudonyms(actors);
	}

	/**
	 * Recomputes every chain (one per firm, one for the platform).
	 * @return empty if every entry's hash is right, chained to its predecessor and the chain ends where its head
	 * says, else the first break
	 */
	@Transactional(readOnly = true)
	public Optional<ChainBreak> firstBreak() {
		return store.firstBreak();
	}

	/**
	 * Verifies every chain now and records the outcome, which the health indicator and the administrators'
	 * page then show.
	 */
	@Transactional
	public AuditCheck check() {
		return store.recordCheck(store.firstBreak());
	}

	/** The last recorded verification, if any ran. */
	@Transactional(readOnly = true)
	public Optional<AuditCheck> lastCheck() {
		return store.lastCheck();
	}

	/** As {@link #firstBreak()}: the seq, within its chain, of the first broken entry. */
	@Transactional(readOnly = true)
	public OptionalLong firstBrokenEntry() {
		return firstBreak().map(broken -> OptionalLong.of(broken.seq())).orElseGet(OptionalLong::empty);
	}

}
