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
