package fr.paraphe.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

import fr.paraphe.audit.AuditEntry;
import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_entry} chain. Appends lock the chain's head row, so entries from several nodes are
 * chained one at a time; nothing here updates or deletes an entry.
 */
@Repository
public class AuditStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public AuditEntry append(Auditable event) {
		Map<String, String> details = new TreeMap<>(event.details());
		String actor = truncate(event.actor() == null ? "unknown" : event.actor(), 64);
		String action = truncate(event.action(), 80);
		// Microseconds: what both databases keep, so that the hash can be recomputed from the stored row.
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		long seq = head.seq() + 1;
		String json = JSON.writeValueAsString(details);
		String hash = hash(seq, now, event.firm(), actor, action, json, head.hash());
		jdbc.sql("INSERT INTO audit_entry (seq, occurred_at, firm_id, actor, action, details, prev_hash, hash) VALUES (:seq, :at, :firm, :actor, :action, :details, :prev, :hash)")
			.param("seq", seq)
			.param("at", Timestamp.from(now))
			.param("firm", event.firm() == null ? null : event.firm().value())
			.param("actor", actor)
			.param("action", action)
			.param("details", json)
			.param("prev", head.hash())
			.param("hash", hash)
			.update();
		jdbc.sql("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
			.param("seq", seq)
			.param("hash", hash)
			.update();
		return new AuditEntry(seq, now, event.firm(), actor, action, details, head.hash(), hash);
	}

	public List<AuditEntry> forFirm(FirmId firm, int limit) {
		return jdbc.sql("SELECT * FROM audit_entry WHERE firm_id = :firm ORDER BY seq DESC LIMIT :limit")
			.param("firm", firm.value())
			.param("limit", limit)
			.query(AuditStore::entry)
			.list();
	}

	public OptionalLong firstBrokenEntry() {
		String[] previous = { "0".repeat(64) };
		long[] expectedSeq = { 1 };
		OptionalLong[] broken = { OptionalLong.empty() };
		jdbc.sql("SELECT * FROM audit_entry ORDER BY seq").query(rs -> {
			if (broken[0].isPresent()) {
				return;
			}
			AuditEntry entry = entry(rs, 0);
			String json = JSON.writeValueAsString(new TreeMap<>(entry.details()));
			boolean intact = entry.seq() == expectedSeq[0] && entry.previousHash().equals(previous[0])
					&& entry.hash().equals(hash(entry.seq(), entry.occurredAt(), entry.firm(), entry.actor(),
							entry.action(), json, entry.previousHash()));
			if (!intact) {
				broken[0] = OptionalLong.of(entry.seq());
			}
			previous[0] = entry.hash();
			expectedSeq[0] = entry.seq() + 1;
		});
		return broken[0];
	}

	static String hash(long seq, Instant at, FirmId firm, String actor, String action, String detailsJson,
			String previousHash) {
		String canonical = String.join("\n", Long.toString(seq), at.toString(), firm == null ? "" : firm.toString(),
				actor, action, detailsJson, previousHash);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
		UUID firm = rs.getObject("firm_id", UUID.class);
		return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(),
				firm == null ? null : new FirmId(firm), rs.getString("actor"), rs.getString("action"),
				JSON.readValue(rs.getString("details"), DETAILS), rs.getString("prev_hash"), rs.getString("hash"));
	}

	private static String truncate(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}

	private record Head(long seq, String hash) {
	}

}
