package fr.paraphe.collection.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The preparer's tables: {@code collection_copy} (recipients in copy), {@code collection_model} (models) and
 * {@code collection_batch} (collections made from one CSV), and the edits of a draft's head and signers. Reads for a
 * firm take the firm.
 */
@Component
public class PreparationStore {

	private final JdbcClient jdbc;

	PreparationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Replaces a draft's editable fields. */
	public void updateDraft(UUID id, String title, String message, SigningOrder order, Instant deadline,
			List<Integer> reminderDays, boolean seal, Instant now) {
		jdbc.sql("UPDATE collection SET title = ?, message = ?, signing_order = ?, deadline = ?, reminder_days = ?, "
				+ "seal = ?, updated_at = ? WHERE id = ? AND status = 'DRAFT'")
			.params(title, message, order.name(), ts(deadline),
					reminderDays.stream().map(String::valueOf).collect(Collectors.joining(",")), seal, ts(now), id)
			.update();
	}

	/** Removes a draft's signers (and their places), before the edited ones are inserted. */
	public void deleteSigners(UUID collection) {
		jdbc.sql("DELETE FROM collection_place WHERE signer_id IN (SELECT id FROM collection_signer WHERE collection_id = ?)")
			.param(collection)
			.update();
		jdbc.sql("DELETE FROM collection_signer WHERE collection_id = ?").param(collection).update();
	}

	/** A recipient in copy. */
	public record CopyRow(UUID id, UUID collection, int position, String name, String email, Instant deliveredAt) {
	}

	public void replaceCopies(UUID collection, List<String[]> nameAndEmail) {
		jdbc.sql("DELETE FROM collection_copy WHERE collection_id = ?").param(collection).update();
		for (int i = 0; i < nameAndEmail.size(); i++) {
			jdbc.sql("INSERT INTO collection_copy (id, collection_id, position, name, email) VALUES (?, ?, ?, ?, ?)")
				.params(UUID.randomUUID(), collection, i + 1, nameAndEmail.get(i)[0], nameAndEmail.get(i)[1])
				.update();
		}
	}

	public List<CopyRow> copies(UUID collection) {
		return jdbc.sql("SELECT * FROM collection_copy WHERE collection_id = ? ORDER BY position")
			.param(collection)
			.query(PreparationStore::copy)
			.list();
	}

	/** Gives a recipient in copy their download link (its SHA-256). */
	public void delivered(UUID copy, String tokenHash, Instant now) {
		jdbc.sql("UPDATE collection_copy SET download_hash = ?, delivered_at = ? WHERE id = ?")
			.params(tokenHash, ts(now), copy)
			.update();
	}

	/** The copy whose download link's token hashes to {@code tokenHash}. */
	public Optional<CopyRow> copyByToken(String tokenHash) {
		return jdbc.sql("SELECT * FROM collection_copy WHERE download_hash = ?")
			.param(tokenHash)
			.query(PreparationStore::copy)
			.optional();
	}

	private static CopyRow copy(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Timestamp delivered = rs.getTimestamp("delivered_at");
		return new CopyRow(rs.getObject("id", UUID.class), rs.getObject("collection_id", UUID.class),
				rs.getInt("position"), rs.getString("name"), rs.getString("email"),
				delivered == null ? null : delivered.toInstant());
	}

	/** A model of the firm. */
	public record ModelRow(UUID id, FirmId firm, String name, String request, String layout, UserId createdBy,
			Instant createdAt) {
	}

	public void insertModel(UUID id, FirmId firm, String name, String request, String layout, UserId createdBy,
			Instant now) {
		jdbc.sql("INSERT INTO collection_model (id, firm_id, name, request, layout, created_by, created_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(id, firm.value(), name, request, layout, createdBy.value(), ts(now))
			.update();
	}

	public Optional<ModelRow> model(FirmId firm, UUID id) {
		return jdbc.sql("SELECT * FROM collection_model WHERE id = ? AND firm_id = ?")
			.params(id, firm.value())
			.query(PreparationStore::model)
			.optional();
	}

	public List<ModelRow> models(FirmId firm) {
		return jdbc.sql("SELECT * FROM collection_model WHERE firm_id = ? ORDER BY created_at DESC LIMIT 200")
			.param(firm.value())
			.query(PreparationStore::model)
			.list();
	}

	public boolean deleteModel(FirmId firm, UUID id) {
		return jdbc.sql("DELETE FROM collection_model WHERE id = ? AND firm_id = ?").params(id, firm.value()).update() == 1;
	}

	private static ModelRow model(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ModelRow(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				rs.getString("name"), rs.getString("request"), rs.getString("layout"),
				new UserId(rs.getObject("created_by", UUID.class)), rs.getTimestamp("created_at").toInstant());
	}

	/** A batch of the firm. */
	public record BatchRow(UUID id, FirmId firm, String title, UserId createdBy, Instant createdAt, UserId launchedBy,
			Instant launchedAt) {
	}

	public void insertBatch(UUID id, FirmId firm, String title, UserId createdBy, Instant now) {
		jdbc.sql("INSERT INTO collection_batch (id, firm_id, title, created_by, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(id, firm.value(), title, createdBy.value(), ts(now))
			.update();
	}

	public Optional<BatchRow> batch(FirmId firm, UUID id) {
		return jdbc.sql("SELECT * FROM collection_batch WHERE id = ? AND firm_id = ?")
			.params(id, firm.value())
			.query(PreparationStore::batch)
			.optional();
	}

	/** The batch locked until the transaction ends. */
	public Optional<BatchRow> lockBatch(FirmId firm, UUID id) {
		return jdbc.sql("SELECT * FROM collection_batch WHERE id = ? AND firm_id = ? FOR UPDATE")
			.params(id, firm.value())
			.query(PreparationStore::batch)
			.optional();
	}

	public List<BatchRow> batches(FirmId firm) {
		return jdbc.sql("SELECT * FROM collection_batch WHERE firm_id = ? ORDER BY created_at DESC LIMIT 200")
			.param(firm.value())
			.query(PreparationStore::batch)
			.list();
	}

	public void batchLaunched(UUID id, UserId launcher, Instant now) {
		jdbc.sql("UPDATE collection_batch SET launched_by = ?, launched_at = ? WHERE id = ?")
			.params(launcher.value(), ts(now), id)
			.update();
	}

	public void deleteBatch(UUID id) {
		jdbc.sql("DELETE FROM collection_batch WHERE id = ?").param(id).update();
	}

	public void joinBatch(UUID collection, UUID batch) {
		jdbc.sql("UPDATE collection SET batch_id = ? WHERE id = ?").params(batch, collection).update();
	}

	/** The collections of a batch, in the CSV's order (creation). */
	public List<UUID> batchMembers(UUID batch) {
		return jdbc.sql("SELECT id FROM collection WHERE batch_id = ? ORDER BY created_at, id")
			.param(batch)
			.query(UUID.class)
			.list();
	}

	private static BatchRow batch(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		UUID launcher = rs.getObject("launched_by", UUID.class);
		Timestamp launched = rs.getTimestamp("launched_at");
		return new BatchRow(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				rs.getString("title"), new UserId(rs.getObject("created_by", UUID.class)),
				rs.getTimestamp("created_at").toInstant(), launcher == null ? null : new UserId(launcher),
				launched == null ? null : launched.toInstant());
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
