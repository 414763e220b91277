package fr.paraphe.registration.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.registration.internal.Registration.StoredDocument;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code registration} and {@code registration_document} tables. */
@Repository
public class RegistrationStore {

	private final JdbcClient jdbc;

	RegistrationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UUID id, UserId user, Identity identity, DocumentType type, int termsVersion, Instant at) {
		jdbc.sql("""
				INSERT INTO registration (id, user_id, status, civility, given_names, surname, birth_date, birth_place,
				nationality, mobile, email, document_type, terms_version, submitted_at)
				VALUES (:id, :user, 'PENDING', :civility, :given, :surname, :birth, :place, :nat, :mobile, :email, :type,
				:terms, :at)""")
			.param("id", id)
			.param("user", user.value())
			.param("civility", identity.civility().name())
			.param("given", identity.givenNames())
			.param("surname", identity.surname())
			.param("birth", Date.valueOf(identity.birthDate()))
			.param("place", identity.birthPlace())
			.param("nat", identity.nationality())
			.param("mobile", identity.mobile())
			.param("email", identity.email())
			.param("type", type.name())
			.param("terms", termsVersion)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void insertDocument(UUID id, UUID registration, String side, String mediaType, long size, byte[] encrypted) {
		jdbc.sql("INSERT INTO registration_document (id, registration_id, side, media_type, size, content) VALUES (:id, :reg, :side, :type, :size, :content)")
			.param("id", id)
			.param("reg", registration)
			.param("side", side)
			.param("type", mediaType)
			.param("size", size)
			.param("content", encrypted)
			.update();
	}

	public Optional<Registration> find(UUID id) {
		return jdbc.sql("SELECT * FROM registration WHERE id = :id").param("id", id).query(this::map).optional();
	}

	/** Locks the row: two officers deciding at once, on two nodes, decide once. */
	public Optional<Registration> findForUpdate(UUID id) {
		return jdbc.sql("SELECT * FROM registration WHERE id = :id FOR UPDATE").param("id", id).query(this::map).optional();
	}

	public List<Registration> ofUser(UserId user) {
		return jdbc.sql("SELECT * FROM registration WHERE user_id = :u ORDER BY submitted_at DESC")
			.param("u", user.value())
			.query(this::map)
			.list();
	}

	public List<Registration> pending(int limit) {
		return jdbc.sql("SELECT * FROM registration WHERE status = 'PENDING' ORDER BY submitted_at, id LIMIT :limit")
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	public int decide(UUID id, RegistrationStatus status, Instant at, UserId officer, String reason, String serial) {
		return jdbc.sql("""
				UPDATE registration SET status = :status, decided_at = :at, decided_by = :by, rejection_reason = :reason,
				certificate_serial = :serial WHERE id = :id AND status = 'PENDING'""")
			.param("status", status.name())
			.param("at", Timestamp.from(at))
			.param("by", officer.value())
			.param("reason", reason)
			.param("serial", serial)
			.param("id", id)
			.update();
	}

	/** The encrypted content of one document of one registration, if both match. */
	public Optional<EncryptedDocument> document(UUID registration, UUID document) {
		return jdbc.sql("SELECT id, media_type, content FROM registration_document WHERE id = :id AND registration_id = :reg")
			.param("id", document)
			.param("reg", registration)
			.query((rs, n) -> new EncryptedDocument(rs.getObject("id", UUID.class), rs.getString("media_type"),
					rs.getBytes("content")))
			.optional();
	}

	/** Registrations decided before {@code before} whose documents are still kept. */
	public List<UUID> decidedWithDocumentsBefore(Instant before, int limit) {
		return jdbc.sql("SELECT id FROM registration WHERE decided_at < :before AND documents_deleted_at IS NULL ORDER BY decided_at LIMIT :limit")
			.param("before", Timestamp.from(before))
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	public int deleteDocuments(UUID registration, Instant at) {
		jdbc.sql("DELETE FROM registration_document WHERE registration_id = :reg").param("reg", registration).update();
		return jdbc.sql("UPDATE registration SET documents_deleted_at = :at WHERE id = :reg AND documents_deleted_at IS NULL")
			.param("at", Timestamp.from(at))
			.param("reg", registration)
			.update();
	}

	/** Approved registrations whose certificate has not been reminded of yet: (registration id, serial). */
	public List<String[]> approvedNotReminded(int limit) {
		return jdbc.sql("SELECT id, certificate_serial FROM registration WHERE status = 'APPROVED' AND expiry_reminded_at IS NULL AND certificate_serial IS NOT NULL ORDER BY decided_at LIMIT :limit")
			.param("limit", limit)
			.query((rs, n) -> new String[] { rs.getString("id"), rs.getString("certificate_serial") })
			.list();
	}

	/** Claims the reminder: true for the one node (and the one run) that sends it. */
	public boolean claimReminder(UUID registration, Instant at) {
		return jdbc.sql("UPDATE registration SET expiry_reminded_at = :at WHERE id = :id AND expiry_reminded_at IS NULL")
			.param("at", Timestamp.from(at))
			.param("id", registration)
			.update() == 1;
	}

	/**
	 * Deletes everything registration holds about the person: their identity documents, declared identity and
	 * revocation requests (the officers' decisions stay in the audit trail, the certificates in the CA's records).
	 */
	public void erase(UserId user) {
		jdbc.sql("DELETE FROM registration_document WHERE registration_id IN (SELECT id FROM registration WHERE user_id = :u)")
			.param("u", user.value())
			.update();
		jdbc.sql("DELETE FROM registration WHERE user_id = :u").param("u", user.value()).update();
		jdbc.sql("DELETE FROM revocation_request WHERE user_id = :u").param("u", user.value()).update();
	}

	private List<StoredDocument> documents(UUID registration) {
		return jdbc.sql("SELECT id, side, media_type, size FROM registration_document WHERE registration_id = :reg ORDER BY side DESC")
			.param("reg", registration)
			.query((rs, n) -> new StoredDocument(rs.getObject("id", UUID.class), rs.getString("side"),
					rs.getString("media_type"), rs.getLong("size")))
			.list();
	}

	private Registration map(ResultSet rs, int n) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		UUID decidedBy = rs.getObject("decided_by", UUID.class);
		Identity identity = new Identity(Civility.valueOf(rs.getString("civility")), rs.getString("given_names"),
				rs.getString("surname"), rs.getDate("birth_date").toLocalDate(), rs.getString("birth_place"),
				rs.getString("nationality"), rs.getString("mobile"), rs.getString("email"));
		return new Registration(id, new UserId(rs.getObject("user_id", UUID.class)),
				RegistrationStatus.valueOf(rs.getString("status")), identity,
				DocumentType.valueOf(rs.getString("document_type")), rs.getInt("terms_version"),
				instant(rs, "submitted_at"), instant(rs, "decided_at"), decidedBy == null ? null : decidedBy.toString(),
				rs.getString("rejection_reason"), rs.getString("certificate_serial"), instant(rs, "documents_deleted_at"),
				documents(id));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	/** One document's encrypted content. */
	public record EncryptedDocument(UUID id, String mediaType, byte[] content) {
	}

}
