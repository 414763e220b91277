package fr.paraphe.signing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The table {@code signing_seal_draft}: PDFs uploaded on the seal page, waiting for the seal's placement. */
@Component
public class SealDraftStore implements DraftTable {

	/** A draft's options, chosen with the upload. */
	public record Row(UUID id, FirmId firm, String fileName, SignatureLevel level, String reason, boolean certify) {
	}

	/** Whether a draft is being sealed now (claimed, not sealed yet), for this member; false for an unknown one. */
	public boolean sealing(UserId user, UUID id) {
		return jdbc.sql("SELECT COUNT(*) FROM signing_seal_draft WHERE id = ? AND user_id = ? AND claimed_at IS NOT NULL "
				+ "AND document_id IS NULL")
			.params(id, user.value())
			.query(Long.class)
			.single() > 0;
	}



	private final JdbcClient jdbc;

	SealDraftStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Row draft, UserId user, byte[] pdf, Instant createdAt) {
		jdbc.sql("INSERT INTO signing_seal_draft (id, user_id, firm_id, file_name, document, level, reason, certify, "
				+ "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(draft.id(), user.value(), draft.firm().value(), draft.fileName(), pdf, draft.level().name(),
					draft.reason(), draft.certify(), Timestamp.from(createdAt))
			.update();
	}

	public Optional<Row> find(UserId user, UUID id) {
		return jdbc.sql("SELECT id, firm_id, file_name, level, reason, certify FROM signing_seal_draft "
				+ "WHERE id = ? AND user_id = ?")
			.params(id, user.value())
			.query((row, number) -> new Row(row.getObject("id", UUID.class),
					new FirmId(row.getObject("firm_id", UUID.class)), row.getString("file_name"),
					SignatureLevel.valueOf(row.getString("level")), row.getString("reason"), row.getBoolean("certify")))
			.optional();
	}

	/** The document this draft became, empty while it is not sealed (or for another member's). */
	public Optional<UUID> documentOf(UserId user, UUID id) {
		return jdbc.sql("SELECT document_id FROM signing_seal_draft WHERE id = ? AND user_id = ? AND document_id IS NOT NULL")
			.params(id, user.value())
			.query(UUID.class)
			.optional();
	}

	/**
	 * Claims a draft for sealing, in one statement (two submissions race for one row): true for the one that may
	 * seal it; false when it is sealed already or another submission claimed it after {@code staleBefore}.
	 */
	public boolean claim(UserId user, UUID id, Instant now, Instant staleBefore) {
		return jdbc.sql("UPDATE signing_seal_draft SET claimed_at = ? WHERE id = ? AND user_id = ? AND document_id IS NULL "
				+ "AND (claimed_at IS NULL OR claimed_at < ?)")
			.params(Timestamp.from(now), id, user.value(), Timestamp.from(staleBefore))
			.update() == 1;
	}

	/** Gives a claim back (the seal failed): the member may try again. */
	public void release(UserId user, UUID id) {
		jdbc.sql("UPDATE signing_seal_draft SET claimed_at = NULL WHERE id = ? AND user_id = ? AND document_id IS NULL")
			.params(id, user.value())
			.update();
	}

	/** Records the document the draft became; its row stays (with its PDF) until the draft retention purges it. */
	public void sealed(UserId user, UUID id, UUID documentId) {
		jdbc.sql("UPDATE signing_seal_draft SET document_id = ? WHERE id = ? AND user_id = ?")
			.params(documentId, id, user.value())
			.update();
	}

	@Override
	public Optional<byte[]> document(UserId user, UUID id) {
		return jdbc.sql("SELECT document FROM signing_seal_draft WHERE id = ? AND user_id = ?")
			.params(id, user.value())
			.query(byte[].class)
			.optional();
	}

	public void delete(UserId user, UUID id) {
		jdbc.sql("DELETE FROM signing_seal_draft WHERE id = ? AND user_id = ?").params(id, user.value()).update();
	}

	@Override
	public int deleteCreatedBefore(Instant limit) {
		return jdbc.sql("DELETE FROM signing_seal_draft WHERE created_at < ?").param(Timestamp.from(limit)).update();
	}

}
