package fr.paraphe.evidence.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code evidence_trail} and {@code evidence_entry}.
 */
@Repository
public class EvidenceStore {

	/** A trail's owner and head. */
	public record Head(UUID firm, long seq, String hash) {
	}

	private final JdbcClient jdbc;

	EvidenceStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates the trail if it does not exist, then takes its row lock until the transaction ends: appends to one
	 * trail happen one at a time, on every node.
	 */
	public Head createAndLock(UUID trail, UUID firm, String genesis, Instant now) {
		jdbc.sql("INSERT INTO evidence_trail (trail_id, firm_id, created_at, last_at, last_seq, last_hash) "
				+ "VALUES (:trail, :firm, :now, :now, 0, :genesis) ON CONFLICT DO NOTHING")
			.param("trail", trail)
			.param("firm", firm)
			.param("now", Timestamp.from(now))
			.param("genesis", genesis)
			.update();
		return lock(trail).orElseThrow();
	}

	/** Takes the trail's row lock until the transaction ends; empty if there is no such trail. */
	public Optional<Head> lock(UUID trail) {
		return jdbc.sql("SELECT firm_id, last_seq, last_hash FROM evidence_trail WHERE trail_id = :trail FOR UPDATE")
			.param("trail", trail)
			.query((rs, row) -> new Head(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)))
			.optional();
	}

	/** Appends {@code entry} and moves the head to it. The caller holds the trail's lock. */
	public void append(UUID trail, StoredEntry entry) {
		jdbc.sql("INSERT INTO evidence_entry (trail_id, seq, type, party, occurred_at, ip, user_agent, details, token, "
				+ "prev_hash, hash) VALUES (:trail, :seq, :type, :party, :at, :ip, :agent, :details, :token, :prev, :hash)")
			.param("trail", trail)
			.param("seq", entry.seq())
			.param("type", entry.type())
			.param("party", entry.party())
			.param("at", Timestamp.from(entry.at()))
			.param("ip", entry.ip())
			.param("agent", entry.userAgent())
			.param("details", entry.detailsJson())
			.param("token", entry.token())
			.param("prev", entry.prev())
			.param("hash", entry.hash())
			.update();
		jdbc.sql("UPDATE evidence_trail SET last_seq = :seq, last_hash = :hash, last_at = :at WHERE trail_id = :trail")
			.param("trail", trail)
			.param("seq", entry.seq())
			.param("hash", entry.hash())
			.param("at", Timestamp.from(entry.at()))
			.update();
	}

	/** The trail's entries in order. */
	public List<StoredEntry> entries(UUID trail) {
		return jdbc.sql("SELECT seq, type, party, occurred_at, ip, user_agent, details, token, prev_hash, hash "
				+ "FROM evidence_entry WHERE trail_id = :trail ORDER BY seq")
			.param("trail", trail)
			.query(EvidenceStore::map)
			.list();
	}

	/** Deletes the trails whose last entry is older than {@code before}, their entries with them. */
	public int purge(Instant before) {
		// The trails' row locks first: a trail appended to meanwhile is younger, and kept whole.
		List<UUID> ended = jdbc.sql("SELECT trail_id FROM evidence_trail WHERE last_at < :before FOR UPDATE")
			.param("before", Timestamp.from(before))
			.query(UUID.class)
			.list();
		int deleted = 0;
		for (UUID trail : ended) {
			jdbc.sql("DELETE FROM evidence_entry WHERE trail_id = :trail").param("trail", trail).update();
			deleted += jdbc.sql("DELETE FROM evidence_trail WHERE trail_id = :trail").param("trail", trail).update();
		}
		return deleted;
	}

	private static StoredEntry map(ResultSet rs, int row) throws SQLException {
		return new StoredEntry(rs.getLong("seq"), rs.getString("type"), rs.getString("party"),
				rs.getTimestamp("occurred_at").toInstant(), rs.getString("ip"), rs.getString("user_agent"),
				rs.getString("details"), rs.getBytes("token"), rs.getString("prev_hash"), rs.getString("hash"));
	}

}
