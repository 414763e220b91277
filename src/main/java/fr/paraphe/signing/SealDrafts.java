package fr.paraphe.signing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.PageImages;
import fr.paraphe.signing.internal.PdfInput;
import fr.paraphe.signing.internal.SigningProperties;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A PDF uploaded on the seal page, waiting while the member places the seal on a picture of its pages. Each draft
 * belongs to the member who uploaded it (another member gets 404); sealing it goes through {@link FirmSeals}, which
 * checks the delegation and the balance again.
 */
@Service
public class SealDrafts {

	static final Duration RETENTION = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final Firms firms;

	private final Clock clock;

	private final SigningProperties properties;

	SealDrafts(JdbcClient jdbc, Firms firms, Clock clock, SigningProperties properties) {
		this.jdbc = jdbc;
		this.firms = firms;
		this.clock = clock;
		this.properties = properties;
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
		PdfInput.check(pdf, properties.maxSize());
		PageImages.pages(pdf);
		UUID id = UUID.randomUUID();
		String name = fileName == null || fileName.isBlank() ? "document.pdf" : fileName.strip();
		jdbc.sql("INSERT INTO signing_seal_draft (id, user_id, firm_id, file_name, document, level, reason, certify, "
				+ "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, actor.value(), firm.value(), name.length() > 255 ? name.substring(0, 255) : name, pdf,
					level.name(), reason, certify, Timestamp.from(clock.instant()))
			.update();
		return id;
	}

	/** This member's draft; empty for another member's or an unknown one. */
	@Transactional(readOnly = true)
	public Optional<Draft> find(UserId actor, UUID id) {
		return jdbc.sql("SELECT id, firm_id, file_name, level, reason, certify FROM signing_seal_draft "
				+ "WHERE id = ? AND user_id = ?")
			.params(id, actor.value())
			.query((row, number) -> new Draft(row.getObject("id", UUID.class),
					new FirmId(row.getObject("firm_id", UUID.class)), row.getString("file_name"),
					SignatureLevel.valueOf(row.getString("level")), row.getString("reason"), row.getBoolean("certify")))
			.optional();
	}

	/** The draft's PDF. @throws ProblemException 404 for another member's or an unknown draft */
	@Transactional(readOnly = true)
	public byte[] document(UserId actor, UUID id) {
		return jdbc.sql("SELECT document FROM signing_seal_draft WHERE id = ? AND user_id = ?")
			.params(id, actor.value())
			.query(byte[].class)
			.optional()
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
	}

	/** The displayed size of each page of the draft's PDF. */
	public List<PageImages.PageSize> pageSizes(UserId actor, UUID id) {
		return PageImages.pages(document(actor, id));
	}

	/** A picture of one page. @throws ProblemException 404 for a page the PDF does not have */
	public byte[] pagePicture(UserId actor, UUID id, int page) {
		return PageImages.png(document(actor, id), page);
	}

	/** Forgets a draft once it is sealed. */
	@Transactional
	public void delete(UserId actor, UUID id) {
		jdbc.sql("DELETE FROM signing_seal_draft WHERE id = ? AND user_id = ?").params(id, actor.value()).update();
	}

	/** Deletes drafts older than a day. Idempotent: every node may run it. */
	@Transactional
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	public int purge() {
		return jdbc.sql("DELETE FROM signing_seal_draft WHERE created_at < ?")
			.param(Timestamp.from(clock.instant().minus(RETENTION)))
			.update();
	}

}
