package fr.paraphe.signing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.pades.Appearance;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The table {@code signing_request}: a user's signature on the signing page, from the upload to the signed PDF.
 * Its one-time code is in the otp module, bound to the request's id.
 */
@Component
public class SigningRequestStore implements DraftTable {

	/** A request as stored; {@code page} is null for an invisible signature. */
	public record Row(UUID id, FirmId firm, String fileName, SignatureLevel level, String reason, Integer page,
			float x, float y, float width, float height, boolean signed, boolean placed) {

		/** The placed box, or null for an invisible signature. */
		public Appearance appearance() {
			return page == null ? null : Appearance.box(page, x, y, width, height);
		}

	}

	private final JdbcClient jdbc;

	SigningRequestStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UUID id, UserId user, FirmId firm, String fileName, byte[] pdf, SignatureLevel level,
			String reason, Instant createdAt) {
		jdbc.sql("INSERT INTO signing_request (id, user_id, firm_id, file_name, document, level, reason, created_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, user.value(), firm.value(), fileName, pdf, level.name(), reason, Timestamp.from(createdAt))
			.update();
	}

	/** Records the placement (null: invisible) and when it was made. */
	public void place(UUID id, Appearance appearance, Instant at) {
		jdbc.sql("UPDATE signing_request SET page = ?, box_x = ?, box_y = ?, box_width = ?, box_height = ?, "
				+ "placed_at = ? WHERE id = ?")
			.params(appearance == null ? null : appearance.page(), appearance == null ? null : appearance.x(),
					appearance == null ? null : appearance.y(), appearance == null ? null : appearance.width(),
					appearance == null ? null : appearance.height(), Timestamp.from(at), id)
			.update();
	}

	public void recordSigned(UUID id, byte[] signed) {
		jdbc.sql("UPDATE signing_request SET signed = ? WHERE id = ?").params(signed, id).update();
	}

	public Optional<Row> find(UserId user, UUID id) {
		return jdbc.sql("SELECT id, firm_id, file_name, level, reason, page, box_x, box_y, box_width, box_height, "
				+ "placed_at, signed IS NOT NULL AS done FROM signing_request WHERE id = ? AND user_id = ?")
			.params(id, user.value())
			.query((rs, row) -> new Row(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
					rs.getString("file_name"), SignatureLevel.valueOf(rs.getString("level")), rs.getString("reason"),
					(Integer) rs.getObject("page"), rs.getFloat("box_x"), rs.getFloat("box_y"), rs.getFloat("box_width"),
					rs.getFloat("box_height"), rs.getBoolean("done"), rs.getTimestamp("placed_at") != null))
			.optional();
	}

	@Override
	public Optional<byte[]> document(UserId user, UUID id) {
		return jdbc.sql("SELECT document FROM signing_request WHERE id = ? AND user_id = ?")
			.params(id, user.value())
			.query(byte[].class)
			.optional();
	}

	public Optional<byte[]> signed(UserId user, UUID id) {
		return jdbc.sql("SELECT signed FROM signing_request WHERE id = ? AND user_id = ? AND signed IS NOT NULL")
			.params(id, user.value())
			.query(byte[].class)
			.optional();
	}

	/** A request of the signing page not signed yet: uploaded (to place) or placed (code sent). */
	public record Waiting(UUID id, String fileName, boolean placed, Instant createdAt) {
	}

	/** The user's requests not signed yet, newest first, at most {@code limit}. */
	public java.util.List<Waiting> waiting(UserId user, int limit) {
		return jdbc.sql("SELECT id, file_name, placed_at, created_at FROM signing_request WHERE user_id = ? AND signed IS NULL "
				+ "ORDER BY created_at DESC LIMIT " + Math.max(1, limit))
			.param(user.value())
			.query((rs, row) -> new Waiting(rs.getObject("id", UUID.class), rs.getString("file_name"),
					rs.getTimestamp("placed_at") != null, rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	@Override
	public int deleteCreatedBefore(Instant limit) {
		return jdbc.sql("DELETE FROM signing_request WHERE created_at < ?").param(Timestamp.from(limit)).update();
	}

}
