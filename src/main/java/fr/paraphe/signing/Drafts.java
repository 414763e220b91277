package fr.paraphe.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import fr.paraphe.pades.Appearance;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.DraftTable;
import fr.paraphe.signing.internal.PageImages;
import fr.paraphe.signing.internal.PagePictureStore;
import fr.paraphe.signing.internal.PdfInput;
import fr.paraphe.signing.internal.SealDraftStore;
import fr.paraphe.signing.internal.SigningRequestStore;
import fr.paraphe.signing.internal.SigningProperties;

import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts and placement, once for every page that has a PDF uploaded, then a signature or a seal placed on a picture
 * of its pages: the upload's checks, the pages' sizes and pictures, the check that each box lies inside its page,
 * and the retention of the uploaded PDFs (configured per kind, then purged). Each draft belongs to the user who
 * uploaded it: another user gets 404 {@code signing.error.noRequest}.
 */
@Service
public class Drafts {

	/** Which page's drafts; each kind has its table and its retention. */
	public enum Kind {

		/** The signing page, {@code /signer}: {@code paraphe.signing.request-retention}, 7 days by default. */
		SIGNATURE,

		/** The seal page, {@code /cachet}: {@code paraphe.signing.seal-draft-retention}, 1 day by default. */
		SEAL

	}

	private final SigningRequestStore requests;

	private final SealDraftStore seals;

	private final SigningProperties properties;

	private final PagePictureStore pictures;

	private final Clock clock;

	Drafts(SigningRequestStore requests, SealDraftStore seals, SigningProperties properties, PagePictureStore pictures,
			Clock clock) {
		this.requests = requests;
		this.seals = seals;
		this.properties = properties;
		this.pictures = pictures;
		this.clock = clock;
	}

	/**
	 * The checks of an upload, before it is kept: size, PDF header, readable pages.
	 * @return the displayed size of each page
	 * @throws ProblemException 413 {@code signing.error.tooLarge}, 415 {@code signing.error.notPdf}, 400
	 * {@code signing.error.encrypted} / {@code signing.error.damaged}
	 */
	public List<PageSize> check(byte[] pdf) {
		PdfInput.check(pdf, properties.maxSize());
		return PageImages.pages(pdf);
	}

	/** The PDF of this user's draft. @throws ProblemException 404 {@code signing.error.noRequest} */
	@Transactional(readOnly = true)
	public byte[] document(Kind kind, UserId user, UUID id) {
		return table(kind).document(user, id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
	}

	/** The displayed size of each page of this user's draft. @throws ProblemException 404 */
	@Transactional(readOnly = true)
	public List<PageSize> pageSizes(Kind kind, UserId user, UUID id) {
		return PageImages.pages(document(kind, user, id));
	}

	/**
	 * A PNG picture of one page of this user's draft, for placing a box on it: rendered once per draft page within
	 * {@code paraphe.signing.page-picture.*} (a deadline, a budget of decoded bytes and of image pixels), then
	 * kept; a page refused as too costly is remembered as such, so asking again renders nothing. No transaction
	 * is held while rendering (each statement commits on its own).
	 * @throws ProblemException 404 for another user's draft or a page the PDF does not have, 422
	 * {@code signing.error.pageTooCostly} for a page that costs more than the budget
	 */
	public byte[] pagePicture(Kind kind, UserId user, UUID id, int page) {
		byte[] pdf = table(kind).document(user, id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		return picture(kind.name(), id, page, () -> pdf);
	}

	/**
	 * A PNG picture of one page of a PDF another module keeps (a collection's document), rendered and kept as
	 * {@link #pagePicture(Kind, UserId, UUID, int)} does, under {@code owner} (at most 10 characters, other than
	 * the {@link Kind} names) and {@code id}. The caller checks who may see it, and calls {@link #forgetPictures}
	 * when the PDF goes.
	 * @throws ProblemException 404 for a page the PDF does not have, 422 {@code signing.error.pageTooCostly}
	 */
	public byte[] pagePicture(String owner, UUID id, int page, java.util.function.Supplier<byte[]> pdf) {
		return picture(owner, id, page, pdf);
	}

	/** Deletes the kept pictures of {@link #pagePicture(String, UUID, int, java.util.function.Supplier)}. */
	public void forgetPictures(String owner, UUID id) {
		pictures.delete(owner, id);
	}

	private byte[] picture(String kind, UUID id, int page, java.util.function.Supplier<byte[]> document) {
		PagePictureStore.Picture kept = pictures.find(kind, id, page).orElse(null);
		if (kept != null) {
			if (kept.refused()) {
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "signing.error.pageTooCostly");
			}
			return kept.png();
		}
		byte[] png;
		try {
			png = PageImages.png(document.get(), page, properties.pagePicture().budget());
		}
		catch (ProblemException refused) {
			if (refused.getStatusCode().value() == HttpStatus.UNPROCESSABLE_CONTENT.value()) {
				pictures.save(kind, id, page, null, clock.instant());
			}
			throw refused;
		}
		pictures.save(kind, id, page, png, clock.instant());
		return png;
	}

	/**
	 * Refuses a placement with a box outside its page; fields ({@link Appearance#fieldName()}) are not checked here
	 * (the engine checks them).
	 * @param boxes one or more boxes, none for an invisible signature
	 * @throws ProblemException 400 {@code signing.error.badPlacement}
	 */
	public static void requireInside(List<PageSize> pages, List<Appearance> boxes) {
		for (Appearance box : boxes) {
			if (box.fieldName() != null) {
				continue;
			}
			if (box.page() < 1 || box.page() > pages.size()
					|| !pages.get(box.page() - 1).contains(box.x(), box.y(), box.width(), box.height())) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
			}
		}
	}

	/** How long a draft of this kind is kept. */
	public Duration retention(Kind kind) {
		return switch (kind) {
			case SIGNATURE -> properties.requestRetention();
			case SEAL -> properties.sealDraftRetention();
		};
	}

	/**
	 * Deletes the drafts of this kind older than its retention. Idempotent, so every node may run it.
	 * @return how many were deleted
	 */
	@Transactional
	public int purge(Kind kind) {
		java.time.Instant before = clock.instant().minus(retention(kind));
		pictures.deleteCreatedBefore(kind.name(), before);
		return table(kind).deleteCreatedBefore(before);
	}

	/** Deletes the drafts of every kind older than their retention. */
	@Transactional
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "${paraphe.signing.requests.purge-interval:PT1H}")
	public int purge() {
		int deleted = 0;
		for (Kind kind : Kind.values()) {
			deleted += purge(kind);
		}
		return deleted;
	}

	private DraftTable table(Kind kind) {
		return switch (kind) {
			case SIGNATURE -> requests;
			case SEAL -> seals;
		};
	}

}
