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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import fr.paraphe.audit.AuditCheck;
import fr.paraphe.audit.AuditEntry;
import fr.paraphe.audit.ChainBreak;
import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_entry} chains: one per firm, and the platform's (the nil UUID) for events of no firm.
 * An append locks its own chain's head row only, so entries of one chain are chained one at a time on any
 * number of nodes while different firms never wait on each other. Nothing here updates or deletes an entry.
 */
@Repository
public class AuditStore {

	/** The platform's chain; it also holds every entry written before the trail had one chain per firm. */
	public static final UUID PLATFORM_CHAIN = new UUID(0, 0);

	private static final String ZERO_HASH = "0".repeat(64);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Appends the event to its chain, unless an entry already records it (same {@link Auditable#eventId()}): a
	 * second delivery of one event appends nothing. Runs in the caller's transaction.
	 * @return the entry, new or the one recorded the first time
	 */
	public AuditEntry append(Auditable event) {
		UUID chain = event.firm() == null ? PLATFORM_CHAIN : event.firm().value();
		Map<String, String> details = new TreeMap<>(event.details());
		String actor = truncate(event.actor() == null ? "unknown" : event.actor(), 64);
		String action = truncate(event.action(), 80);
		// Microseconds: what both databases keep, so that the hash can be recomputed from the stored row.
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("INSERT INTO audit_chain (chain_id, last_seq, last_hash) VALUES (:chain, 0, :zero) ON CONFLICT DO NOTHING")
			.param("chain", chain)
			.param("zero", ZERO_HASH)
			.update();
		Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE chain_id = :chain FOR UPDATE")
			.param("chain", chain)
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		// Under the chain's lock: an earlier delivery of this event committed its entry to this same chain.
		Optional<AuditEntry> earlier = byEvent(event.eventId());
		if (earlier.isPresent()) {
			return earlier.get();
		}
		long seq = head.seq() + 1;
		String json = JSON.writeValueAsString(details);
		String hash = hash(seq, now, event.firm(), actor, action, json, head.hash());
		jdbc.sql("INSERT INTO audit_entry (chain_id, seq, event_id, occurred_at, firm_id, actor, action, details, prev_hash, hash) VALUES (:chain, :seq, :event, :at, :firm, :actor, :action, :details, :prev, :hash)")
			.param("chain", chain)
			.param("seq", seq)
			.param("event", event.eventId())
			.param("at", Timestamp.from(now))
			.param("firm", event.firm() == null ? null : event.firm().value())
			.param("actor", actor)
			.param("action", action)
			.param("details", json)
			.param("prev", head.hash())
			.param("hash", hash)
			.update();
		jdbc.sql("UPDATE audit_chain SET last_seq = :seq, last_hash = :hash WHERE chain_id = :chain")
			.param("chain", chain)
			.param("seq", seq)
			.param("hash", hash)
			.update();
		return new AuditEntry(seq, now, event.firm(), actor, action, details, head.hash(), hash);
	}

	private Optional<AuditEntry> byEvent(UUID eventId) {
		if (eventId == null) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT * FROM audit_entry WHERE event_id = :event")
			.param("event", eventId)
			.query(AuditStore::entry)
			.optional();
	}

	/** Shows this actor as the pseudonym from now on (the entries themselves are left as they are). */
	public void pseudonymise(String actor, String pseudonym) {
		jdbc.sql("INSERT INTO audit_pseudonym (actor, pseudonym, created_at) VALUES (:actor, :pseudonym, :now) ON CONFLICT DO NOTHING")
			.param("actor", actor)
			.param("pseudonym", pseudonym)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** The pseudonyms of those of these actors whose account was deleted. */
	public Map<String, String> pseudonyms(java.util.Collection<String> actors) {
		if (actors.isEmpty()) {
			return Map.of();
		}
		Map<String, String> found = new HashMap<>();
		jdbc.sql("SELECT actor, pseudonym FROM audit_pseudonym WHERE actor IN (:actors)")
			.param("actors", List.copyOf(new java.util.HashSet<>(actors)))
			.query(rs -> {
				found.put(rs.getString(1), rs.getString(2));
			});
		return found;
	}

	public List<AuditEntry> forFirm(FirmId firm, int limit) {
		return jdbc.sql("SELECT * FROM audit_entry WHERE firm_id = :firm ORDER BY occurred_at DESC, seq DESC LIMIT :limit")
			.param("firm", firm.value())
			.param("limit", limit)
			.query(AuditStore::entry)
			.list();
	}

	/**
	 * Recomputes every chain: each entry's hash, its link to its predecessor, seq without gap from 1, and the
	 * chain's end against its head row (so that removing the last entries shows too).
	 * <p>
	 * Other transactions may append while the entries are read (the statements do not share one snapshot under
	 * READ COMMITTED): the heads are read before the entries, and only the entries they cover are verified, all of
	 * which committed before (an entry and its head's move commit together). An entry beyond that is a later
	 * append, verified next time, as long as the heads read after the entries cover it; one that no head covers
	 * even then was not appended by the trail.
	 * @return the first break found, chains in id order
	 */
	public Optional<ChainBreak> firstBreak() {
		Walk walk = new Walk(heads());
		jdbc.sql("SELECT * FROM audit_entry ORDER BY chain_id, seq").query(rs -> {
			walk.next(rs.getObject("chain_id", UUID.class), entry(rs, 0));
		});
		return walk.finish(heads());
	}

	private Map<UUID, Head> heads() {
		Map<UUID, Head> heads = new HashMap<>();
		jdbc.sql("SELECT chain_id, last_seq, last_hash FROM audit_chain")
			.query(rs -> {
				heads.put(rs.getObject(1, UUID.class), new Head(rs.getLong(2), rs.getString(3)));
			});
		return heads;
	}

	public AuditCheck recordCheck(Optional<ChainBreak> broken) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("INSERT INTO audit_check (id, checked_at) VALUES (1, :now) ON CONFLICT DO NOTHING")
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("UPDATE audit_check SET checked_at = :now, broken_chain = :chain, broken_seq = :seq WHERE id = 1")
			.param("now", Timestamp.from(now))
			.param("chain", broken.map(ChainBreak::chain).orElse(null))
			.param("seq", broken.map(ChainBreak::seq).orElse(null))
			.update();
		return new AuditCheck(now, broken);
	}

	public Optional<AuditCheck> lastCheck() {
		return jdbc.sql("SELECT checked_at, broken_chain, broken_seq FROM audit_check WHERE id = 1")
			.query((rs, n) -> {
				UUID chain = rs.getObject(2, UUID.class);
				return new AuditCheck(rs.getTimestamp(1).toInstant(),
						chain == null ? Optional.empty() : Optional.of(new ChainBreak(chain, rs.getLong(3))));
			})
			.optional();
	}

	/** Follows the chains entry by entry, in (chain, seq) order, as far as the heads read before them go. */
	private static final class Walk {

		private final Map<UUID, Head> heads;

		/** Per chain, the last entry appended since the heads were read. */
		private final Map<UUID, Long> later = new TreeMap<>();

		private UUID chain;

		private long limit;

		private String previous = ZERO_HASH;

		private long expectedSeq = 1;

		private ChainBreak broken;

		Walk(Map<UUID, Head> heads) {
			this.heads = new HashMap<>(heads);
		}

		void next(UUID entryChain, AuditEntry entry) {
			if (broken != null) {
				return;
			}
			if (!entryChain.equals(chain)) {
				endOfChain();
				if (broken != null) {
					return;
				}
				chain = entryChain;
				Head head = heads.get(chain);
				limit = head == null ? 0 : head.seq();
				previous = ZERO_HASH;
				expectedSeq = 1;
			}
			if (entry.seq() > limit) {
				later.merge(chain, entry.seq(), Math::max);
				return;
			}
			String json = JSON.writeValueAsString(new TreeMap<>(entry.details()));
			boolean intact = entry.seq() == expectedSeq && entry.previousHash().equals(previous)
					&& entry.hash().equals(hash(entry.seq(), entry.occurredAt(), entry.firm(), entry.actor(),
							entry.action(), json, entry.previousHash()));
			if (!intact) {
				broken = new ChainBreak(chain, Math.min(entry.seq(), expectedSeq));
			}
			previous = entry.hash();
			expectedSeq = entry.seq() + 1;
		}

		private void endOfChain() {
			if (chain == null) {
				return;
			}
			Head head = heads.remove(chain);
			// No head before the entries were read: a chain begun since, whose entries are all later ones.
			if (head != null && (head.seq() != expectedSeq - 1 || !head.hash().equals(previous))) {
				broken = new ChainBreak(chain, expectedSeq);
			}
		}

		/** @param headsAfter the heads read after the entries */
		Optional<ChainBreak> finish(Map<UUID, Head> headsAfter) {
			if (broken == null) {
				endOfChain();
			}
			if (broken == null) {
				// A head that moved while no entry is left of its chain: every entry of it was removed.
				heads.entrySet()
					.stream()
					.filter(head -> head.getValue().seq() > 0)
					.map(head -> new ChainBreak(head.getKey(), 1))
					.findFirst()
					.ifPresent(head -> broken = head);
			}
			if (broken == null) {
				// Entries beyond their chain's head even after they were read: not appended by the trail.
				later.entrySet().stream().filter(last -> {
					Head after = headsAfter.get(last.getKey());
					return after == null || after.seq() < last.getValue();
				}).findFirst().ifPresent(last -> {
					Head after = headsAfter.get(last.getKey());
					broken = new ChainBreak(last.getKey(), after == null ? 1 : after.seq() + 1);
				});
			}
			return Optional.ofNullable(broken);
		}

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
