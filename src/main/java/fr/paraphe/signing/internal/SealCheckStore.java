package fr.paraphe.signing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.signing.SealCheck;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The table {@code signing_seal_check}: firms' checks before their seal certificate. */
@Component
public class SealCheckStore {

	private static final String COLUMNS = "id, firm_id, siren, firm_name, ordre_number, address, requested_by, "
			+ "requested_by_name, requested_at, status, decided_at, reason, certificate_serial";

	private final JdbcClient jdbc;

	SealCheckStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return false if the firm already has a check pending (the UNIQUE pending_siren refused it) */
	public boolean insert(SealCheck check) {
		try {
			jdbc.sql("INSERT INTO signing_seal_check (" + COLUMNS + ", pending_siren) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(check.id(), check.firm() == null ? null : check.firm().value(), check.siren().value(),
						check.firmName(), check.ordreNumber(), check.address(),
						check.requestedBy() == null ? null : check.requestedBy().value(), check.requestedByName(),
						Timestamp.from(check.requestedAt()), check.status().name(),
						check.decidedAt() == null ? null : Timestamp.from(check.decidedAt()), check.reason(),
						check.certificateSerial(), check.isPending() ? check.siren().value() : null)
				.update();
			return true;
		}
		catch (org.springframework.dao.DuplicateKeyException alreadyPending) {
			return false;
		}
	}

	public Optional<SealCheck> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_seal_check WHERE id = ?").param(id).query(this::row).optional();
	}

	/** Locks the check until the transaction ends: two officers never decide it twice. */
	public Optional<SealCheck> findForUpdate(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_seal_check WHERE id = ? FOR UPDATE")
			.param(id)
			.query(this::row)
			.optional();
	}

	/** The checks waiting for an officer, oldest first. */
	public List<SealCheck> pending(int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_seal_check WHERE status = 'PENDING' "
				+ "ORDER BY requested_at, id LIMIT ?")
			.param(limit)
			.query(this::row)
			.list();
	}

	/** The firm's latest check, whatever its state. */
	public Optional<SealCheck> latest(Siren siren) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_seal_check WHERE siren = ? "
				+ "ORDER BY requested_at DESC, decided_at DESC LIMIT 1")
			.param(siren.value())
			.query(this::row)
			.optional();
	}

	/** The firm's latest approved check, locked until the transaction ends (one issuance at a time per firm). */
	public Optional<SealCheck> latestApprovedForUpdate(Siren siren) {
		Optional<UUID> id = jdbc.sql("SELECT id FROM signing_seal_check WHERE siren = ? AND status = 'APPROVED' "
				+ "ORDER BY decided_at DESC LIMIT 1")
			.param(siren.value())
			.query(UUID.class)
			.optional();
		return id.flatMap(this::findForUpdate);
	}

	/** The firm's latest approved check. */
	public Optional<SealCheck> latestApproved(Siren siren) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_seal_check WHERE siren = ? AND status = 'APPROVED' "
				+ "ORDER BY decided_at DESC LIMIT 1")
			.param(siren.value())
			.query(this::row)
			.optional();
	}

	public void decide(UUID id, SealCheck.Status status, UserId officer, Instant at, String reason, String certificateSerial) {
		jdbc.sql("UPDATE signing_seal_check SET status = ?, pending_siren = NULL, decided_by = ?, decided_at = ?, "
				+ "reason = ?, certificate_serial = ? WHERE id = ?")
			.params(status.name(), officer == null ? null : officer.value(), Timestamp.from(at), reason,
					certificateSerial, id)
			.update();
	}

	public void recordCertificate(UUID id, String certificateSerial) {
		jdbc.sql("UPDATE signing_seal_check SET certificate_serial = ? WHERE id = ?").params(certificateSerial, id).update();
	}

	private SealCheck row(ResultSet rs, int row) throws SQLException {
		UUID firm = rs.getObject("firm_id", UUID.class);
		UUID requestedBy = rs.getObject("requested_by", UUID.class);
		Timestamp decidedAt = rs.getTimestamp("decided_at");
		return new SealCheck(rs.getObject("id", UUID.class), firm == null ? null : new FirmId(firm),
				new Siren(rs.getString("siren")), rs.getString("firm_name"), rs.getString("ordre_number"),
				rs.getString("address"), requestedBy == null ? null : new UserId(requestedBy),
				rs.getString("requested_by_name"), rs.getTimestamp("requested_at").toInstant(),
				SealCheck.Status.valueOf(rs.getString("status")), decidedAt == null ? null : decidedAt.toInstant(),
				rs.getString("reason"), rs.getString("certificate_serial"));
	}

}
