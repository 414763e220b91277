package fr.paraphe.signing.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.Documents;
import fr.paraphe.signing.Drafts;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.signing.PageSize;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A PDF uploaded on the seal page, waiting while the member places the seal on a picture of its pages (kept
 * {@code paraphe.signing.seal-draft-retention}, a day by default; see {@link Drafts}). Each draft belongs to the
 * member who uploaded it (another member gets 404); sealing it goes through {@link FirmSeals}, which checks the
 * delegation and the balance again.
 */
@Service
public class SealDrafts {

	private final SealDraftStore store;

	private final Drafts drafts;

	private final Firms firms;

	private final java.time.Clock clock;

	SealDrafts(SealDraftStore store, Drafts drafts, Firms firms, java.time.Clock clock) {
		this.store = store;
		this.drafts = drafts;
		this.firms = firms;
		this.clock = clock;
	}

	/** A draft: the document's name and the options chosen with it. */
	public record Draft(UUID id, FirmId firm, String fileName, SignatureLevel level, String reason, boolean certify) {
	}

	/**
	 * Keeps the PDF and its options.
	 * @throws ProblemException 403/404 without the SEAL delegation, 413 {@code signing.error.tooLarge}, 415
	 * {@code signing.error.notPdf}, 400 {@code signing.error.encrypted} / {@code signing.error.damaged}
	 */
	@Transactional
	public UUID save(UserId actor, FirmId firm, String fileName, byte[] pdf, SignatureLevel level, String reason,
			boolean certify) {
		firms.require(actor, firm, Delegation.SEAL);
		drafts.check(pdf);
		UUID id = UUID.randomUUID();
		String name = fileName == null || fileName.isBlank() ? "document.pdf" : fileName.strip();
		store.insert(new SealDraftStore.Row(id, firm, name.length() > 255 ? name.substring(0, 255) : name, level, reason,
				certify), actor, pdf, clock.instant());
		return id;
	}

	/** This member's draft; empty for another member's or an unknown one. */
	@Transactional(readOnly = true)
	public Optional<Draft> find(UserId actor, UUID id) {
		return store.find(actor, id)
			.map(row -> new Draft(row.id(), row.firm(), row.fileName(), row.level(), row.reason(), row.certify()));
	}

	/** The draft's PDF. @throws ProblemException 404 for another member's or an unknown draft */
	public byte[] document(UserId actor, UUID id) {
		return drafts.document(Drafts.Kind.SEAL, actor, id);
	}

	/** The displayed size of each page of the draft's PDF. */
	public List<PageSize> pageSizes(UserId actor, UUID id) {
		return drafts.pageSizes(Drafts.Kind.SEAL, actor, id);
	}

	/** A picture of one page. @throws ProblemException 404 for a page the PDF does not have */
	public byte[] pagePicture(UserId actor, UUID id, int page) {
		return drafts.pagePicture(Drafts.Kind.SEAL, actor, id, page);
	}

	/** Forgets a draft. */
	@Transactional
	public void delete(UserId actor, UUID id) {
		store.delete(actor, id);
	}

	/**
	 * Claims this member's draft for sealing: true for the one submission that may seal it, false when it is
	 * sealed already ({@link #sealedAs}) or being sealed by another submission (a double click). A claim older than
	 * ten minutes is taken to be a crashed one.
	 */
	@Transactional
	public boolean claim(UserId actor, UUID id) {
		java.time.Instant now = clock.instant();
		return store.claim(actor, id, now, now.minus(java.time.Duration.ofMinutes(10)));
	}

	/** Gives back a claim whose seal failed. */
	@Transactional
	public void release(UserId actor, UUID id) {
		store.release(actor, id);
	}

	/** Records the firm's document (see {@link Documents}) the draft became once sealed. */
	@Transactional
	public void sealed(UserId actor, UUID id, UUID document) {
		store.sealed(actor, id, document);
	}

	/** Whether this member's draft is being sealed now by an earlier submission. */
	@Transactional(readOnly = true)
	public boolean sealing(UserId actor, UUID id) {
		return store.sealing(actor, id);
	}

	/** The firm's document this member's draft became, empty while it is not sealed. */
	@Transactional(readOnly = true)
	public Optional<UUID> sealedAs(UserId actor, UUID id) {
		return store.documentOf(actor, id);
	}

	/** Deletes drafts older than their retention. Idempotent: every node may run it ({@link Drafts#purge()}). */
	@Transactional
	public int purge() {
		return drafts.purge(Drafts.Kind.SEAL);
	}

}
