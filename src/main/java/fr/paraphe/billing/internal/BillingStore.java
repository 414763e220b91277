package fr.paraphe.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.billing.Entry;
import fr.paraphe.billing.EntryKind;
import fr.paraphe.billing.Operation;
import fr.paraphe.billing.ReceiptIssue;
import fr.paraphe.billing.Tariff;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Siren;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The billing tables. Every movement of a firm's balance first locks the firm's account row, so movements
 * of one firm happen one at a time on any number of nodes, and the balance check cannot be raced. A settlement
 * moves no balance ({@link #settleEntry}: the reservation's entry becomes the debit) and takes no account lock.
 */
@Repository
public class BillingStore {

	private final JdbcClient jdbc;

	private final org.springframework.jdbc.core.JdbcTemplate batches;

	BillingStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/** Locks the firm's account (creating it, empty, on first use) and returns its balance. */
	public Money lockAccount(FirmId firm, Instant now) {
		jdbc.sql("INSERT INTO billing_account (firm_id, balance_cents, updated_at) VALUES (:firm, 0, :now) ON CONFLICT DO NOTHING")
			.param("firm", firm.value())
			.param("now", Timestamp.from(now))
			.update();
		return Money.ofCents(jdbc.sql("SELECT balance_cents FROM billing_account WHERE firm_id = :firm FOR UPDATE")
			.param("firm", firm.value())
			.query(Long.class)
			.single());
	}

	/** What a reservation took from the balance: the balance after it and the entry's place in the ledger. */
	public record Taken(Money balanceAfter, long seq) {
	}

	/**
	 * Takes {@code amount} from the firm's balance if the balance covers it, in one conditional {@code UPDATE} that
	 * is also the account row's lock (no {@code SELECT … FOR UPDATE} first): the row is then held only for the
	 * caller's ledger entry ({@link #appendTaken}) and the commit. Waits for the row {@link #SHORT_WAIT_MILLIS} at
	 * most. On PostgreSQL the transaction's commit does not wait for its WAL flush ({@code synchronous_commit} off,
	 * for this transaction only), so the row is not held during the flush either: a reservation lost in a crash of
	 * the database is lost with every later transaction (the WAL is flushed in order; the settlement that would use
	 * it commits synchronously), so nothing was sealed or debited on it, and its money was never taken.
	 * @return empty if the balance does not cover {@code amount} (or the firm has no account yet)
	 * @throws org.springframework.dao.DataAccessException a lock failure (PostgreSQL's 55P03, H2's lock timeout) if
	 * another transaction holds the row longer: the caller retries in a new transaction, holding no connection in
	 * between
	 */
	public Optional<Taken> takeIfCovered(FirmId firm, Money amount, Instant now) {
		String update = "UPDATE billing_account SET balance_cents = balance_cents - :amount, last_seq = last_seq + 1, "
				+ "updated_at = :now WHERE firm_id = :firm AND balance_cents >= :amount";
		if (postgres()) {
			jdbc.sql("SELECT set_config('lock_timeout', '" + SHORT_WAIT_MILLIS + "ms', true), "
					+ "set_config('synchronous_commit', 'off', true)").query((rs, n) -> n).list();
			return taken(jdbc.sql(update + " RETURNING balance_cents, last_seq"), firm, amount, now);
		}
		// H2 (tests): the session's lock timeout, for this statement only (SET LOCK_TIMEOUT commits nothing).
		jdbc.sql("SET LOCK_TIMEOUT " + SHORT_WAIT_MILLIS).update();
		try {
			return taken(jdbc.sql("SELECT balance_cents, last_seq FROM FINAL TABLE (" + update + ")"), firm, amount, now);
		}
		finally {
			jdbc.sql("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MILLIS).update();
		}
	}

	private static Optional<Taken> taken(JdbcClient.StatementSpec statement, FirmId firm, Money amount, Instant now) {
		return statement.param("amount", amount.cents())
			.param("firm", firm.value())
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Taken(Money.ofCents(rs.getLong(1)), rs.getLong(2)))
			.optional();
	}

	/** H2's lock timeout of a new session (its {@code Constants.INITIAL_LOCK_TIMEOUT}), restored after the short wait. */
	static final int H2_LOCK_TIMEOUT_MILLIS = 2000;

	/**
	 * Appends the entry of what {@link #takeIfCovered} took, at the place and with the balance it returned; in the
	 * same transaction, which holds the account row.
	 */
	public Entry appendTaken(FirmId firm, EntryKind kind, Money amount, Money net, Money vat, Taken taken, String key,
			Operation operation, String description, String actor, Instant now) {
		return insertEntry(firm, taken.seq(), kind, amount, net, vat, taken.balanceAfter(), key, operation, description,
				null, actor, now);
	}

	/**
	 * How long {@link #takeIfCovered} waits for the row, holding its connection: about what a reservation holds it
	 * (its entry and its commit), so that reservations of one firm queue instead of sleeping in turn.
	 */
	static final int SHORT_WAIT_MILLIS = 100;

	private boolean postgres() {
		return fr.paraphe.shared.Databases.postgres(batches.getDataSource());
	}

	/** The owner's low-balance threshold, if they chose one. */
	public Optional<Money> threshold(FirmId firm) {
		return jdbc.sql("SELECT low_balance_threshold_cents FROM billing_account WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query((rs, n) -> {
				long cents = rs.getLong(1);
				return rs.wasNull() ? null : Money.ofCents(cents);
			})
			.optional();
	}

	/** Sets or clears the threshold; the account must be locked by this transaction. */
	public void setThreshold(FirmId firm, Money threshold) {
		jdbc.sql("UPDATE billing_account SET low_balance_threshold_cents = :cents WHERE firm_id = :firm")
			.param("firm", firm.value())
			.param("cents", threshold == null ? null : threshold.cents())
			.update();
	}

	public Money balance(FirmId firm) {
		return Money.ofCents(jdbc.sql("SELECT balance_cents FROM billing_account WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(Long.class)
			.optional()
			.orElse(0L));
	}

	/** The balance as the ledger says it: the sum of its entries. */
	public Money ledgerBalance(FirmId firm) {
		return Money.ofCents(jdbc.sql("SELECT COALESCE(SUM(CASE WHEN kind IN ('CREDIT', 'RELEASE') THEN amount_cents ELSE -amount_cents END), 0) FROM billing_entry WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(Long.class)
			.single());
	}

	public Optional<Entry> findByKey(FirmId firm, String key) {
		return jdbc.sql("SELECT * FROM billing_entry WHERE firm_id = :firm AND idempotency_key = :key")
			.param("firm", firm.value())
			.param("key", key)
			.query(BillingStore::entry)
			.optional();
	}

	/**
	 * The firm's entries with these keys, by key (a bulk job's batch), in one statement: the keys as an array
	 * parameter, each looked up in the unique index (firm_id, idempotency_key). (An {@code IN} list on the index's
	 * second column made H2 compare each of the firm's entries with each key; one query per key cost a statement
	 * each.)
	 */
	public Map<String, Entry> findByKeys(FirmId firm, List<String> keys) {
		Map<String, Entry> found = new java.util.HashMap<>();
		byKeys(firm, "e.*", keys, (rs, n) -> {
			Entry entry = entry(rs, n);
			found.put(entry.idempotencyKey(), entry);
			return entry;
		});
		return found;
	}

	private <T> List<T> byKeys(FirmId firm, String columns, List<String> keys,
			org.springframework.jdbc.core.RowMapper<T> rows) {
		// H2 looks each key up in the index for a join. PostgreSQL may instead hash the firm's whole ledger when it
		// underestimates the firm's entries (a table not analysed yet: 12,000 entries read for 32 keys, 20 ms, on
		// 2026-12-02): there each key is its own subquery, which no plan can turn into a scan of the firm's entries
		// (OFFSET 0 keeps the planner from merging it into a join).
		String sql = postgres()
				? " FROM UNNEST(?) AS wanted(k) CROSS JOIN LATERAL (SELECT * FROM billing_entry e WHERE e.firm_id = ?"
						+ " AND e.idempotency_key = wanted.k OFFSET 0) e"
				: " FROM UNNEST(?) AS wanted(k) JOIN billing_entry e ON e.firm_id = ? AND e.idempotency_key = wanted.k";
		List<T> found = new java.util.ArrayList<>();
		for (int from = 0; from < keys.size(); from += 1000) {
			Object[] chunk = keys.subList(from, Math.min(keys.size(), from + 1000)).toArray();
			found.addAll(batches.query("SELECT " + columns + sql,
					statement -> {
						statement.setArray(1, statement.getConnection().createArrayOf("varchar", chunk));
						statement.setObject(2, firm.value());
					}, rows));
		}
		return found;
	}

	/** Appends an entry and moves the balance; the account must be locked by this transaction. */
	public Entry append(FirmId firm, EntryKind kind, Money amount, Money net, Money vat, Money balanceBefore,
			String key, Operation operation, String description, Long receiptNumber, String actor, Instant now) {
		Money after = Money.ofCents(balanceBefore.cents() + kind.sign() * amount.cents());
		// The account row is locked by this transaction: the firm's entries are numbered in ledger order.
		long seq = jdbc.sql("SELECT last_seq + 1 FROM billing_account WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(Long.class)
			.single();
		Entry entry = insertEntry(firm, seq, kind, amount, net, vat, after, key, operation, description, receiptNumber,
				actor, now);
		jdbc.sql("UPDATE billing_account SET balance_cents = :after, last_seq = :seq, updated_at = :now WHERE firm_id = :firm")
			.param("firm", firm.value())
			.param("seq", seq)
			.param("after", after.cents())
			.param("now", Timestamp.from(now))
			.update();
		return entry;
	}

	private Entry insertEntry(FirmId firm, long seq, EntryKind kind, Money amount, Money net, Money vat, Money after,
			String key, Operation operation, String description, Long receiptNumber, String actor, Instant now) {
		UUID id = UUID.randomUUID();
		jdbc.sql("INSERT INTO billing_entry (id, firm_id, seq, kind, amount_cents, net_cents, vat_cents, balance_after_cents, idempotency_key, operation, description, receipt_number, actor, created_at) VALUES (:id, :firm, :seq, :kind, :amount, :net, :vat, :after, :key, :operation, :description, :receipt, :actor, :now)")
			.param("id", id)
			.param("seq", seq)
			.param("firm", firm.value())
			.param("kind", kind.name())
			.param("amount", amount.cents())
			.param("net", net.cents())
			.param("vat", vat.cents())
			.param("after", after.cents())
			.param("key", key)
			.param("operation", operation == null ? null : operation.name())
			.param("description", description)
			.param("receipt", receiptNumber)
			.param("actor", actor)
			.param("now", Timestamp.from(now))
			.update();
		return new Entry(id, firm, kind, amount, net, vat, after, key, operation, description, receiptNumber, actor,
				now);
	}

	/** Which of these keys the firm's ledger already holds (a bulk job's keys, checked at once). */
	public List<String> existingKeys(FirmId firm, List<String> keys) {
		// Looked up, not filtered: an IN list on the index's second column made H2 compare each of the firm's
		// entries with each key (42 % of a 1,000-document job's submission, and growing with the firm's ledger).
		return byKeys(firm, "e.idempotency_key", keys, (rs, n) -> rs.getString(1));
	}

	/**
	 * Appends one RESERVATION entry of {@code amount} per reservation id (keys {@code reserve:<id>}), in one
	 * batch, and moves the balance once; the account must be locked by this transaction and cover them all.
	 * @return the balance after them
	 */
	public Money appendReservations(FirmId firm, List<UUID> reservations, Money amount, Money net, Money balanceBefore,
			Operation operation, String actor, Instant now) {
		long seq = jdbc.sql("SELECT last_seq FROM billing_account WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(Long.class)
			.single();
		long balance = balanceBefore.cents();
		List<Object[]> rows = new java.util.ArrayList<>(reservations.size());
		Timestamp at = Timestamp.from(now);
		for (UUID reservation : reservations) {
			balance -= amount.cents();
			rows.add(new Object[] { UUID.randomUUID(), firm.value(), ++seq, EntryKind.RESERVATION.name(), amount.cents(),
					net.cents(), amount.cents() - net.cents(), balance, "reserve:" + reservation, operation.name(),
					operation.name(), actor, at });
		}
		batches.batchUpdate("INSERT INTO billing_entry (id, firm_id, seq, kind, amount_cents, net_cents, vat_cents, balance_after_cents, idempotency_key, operation, description, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				rows);
		jdbc.sql("UPDATE billing_account SET balance_cents = :after, last_seq = :seq, updated_at = :now WHERE firm_id = :firm")
			.param("firm", firm.value())
			.param("seq", seq)
			.param("after", balance)
			.param("now", at)
			.update();
		return Money.ofCents(balance);
	}

	/** Inserts active reservations of one firm, operation and price in one batch (a bulk job's). */
	public void insertReservations(FirmId firm, List<UUID> ids, List<String> keys, Operation operation, Money amount,
			Money net, String actor, Instant now) {
		List<Object[]> rows = new java.util.ArrayList<>(ids.size());
		Timestamp at = Timestamp.from(now);
		for (int n = 0; n < ids.size(); n++) {
			rows.add(new Object[] { ids.get(n), firm.value(), keys.get(n), operation.name(), amount.cents(), net.cents(),
					actor, at });
		}
		batches.batchUpdate("INSERT INTO billing_reservation (id, firm_id, idempotency_key, operation, amount_cents, net_cents, status, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)",
				rows);
	}

	/** The next receipt number, under the sequence row's lock: it rolls back with the credit, leaving no gap. */
	public long nextReceiptNumber() {
		long number = jdbc.sql("SELECT last_number FROM billing_receipt_sequence WHERE id = 1 FOR UPDATE")
			.query(Long.class)
			.single() + 1;
		jdbc.sql("UPDATE billing_receipt_sequence SET last_number = :number WHERE id = 1").param("number", number).update();
		return number;
	}

	public List<Entry> entries(FirmId firm, Instant from, Instant to, EntryKind kind, int limit) {
		return jdbc.sql("SELECT * FROM billing_entry WHERE firm_id = :firm AND created_at >= :from AND created_at < :to AND (:kind = '' OR kind = :kind) ORDER BY seq DESC LIMIT :limit")
			.param("firm", firm.value())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("kind", kind == null ? "" : kind.name())
			.param("limit", limit)
			.query(BillingStore::entry)
			.list();
	}

	public Optional<Entry> findByReceipt(FirmId firm, long receiptNumber) {
		return jdbc.sql("SELECT * FROM billing_entry WHERE firm_id = :firm AND receipt_number = :number")
			.param("firm", firm.value())
			.param("number", receiptNumber)
			.query(BillingStore::entry)
			.optional();
	}

	/** A reservation as stored. */
	public record StoredReservation(UUID id, FirmId firm, String key, String operation, long amountCents,
			long netCents, String status, String actor, Instant createdAt) {
	}

	public void insertReservation(UUID id, FirmId firm, String key, Operation operation, Money amount, Money net,
			String actor, Instant now) {
		jdbc.sql("INSERT INTO billing_reservation (id, firm_id, idempotency_key, operation, amount_cents, net_cents, status, actor, created_at) VALUES (:id, :firm, :key, :operation, :amount, :net, 'ACTIVE', :actor, :now)")
			.param("id", id)
			.param("firm", firm.value())
			.param("key", key)
			.param("operation", operation.name())
			.param("amount", amount.cents())
			.param("net", net.cents())
			.param("actor", actor)
			.param("now", Timestamp.from(now))
			.update();
	}

	public Optional<StoredReservation> reservation(FirmId firm, UUID id) {
		return jdbc.sql("SELECT * FROM billing_reservation WHERE firm_id = :firm AND id = :id")
			.param("firm", firm.value())
			.param("id", id)
			.query(BillingStore::reservation)
			.optional();
	}

	public List<StoredReservation> activeReservationsBefore(Instant before, int limit) {
		return jdbc.sql("SELECT * FROM billing_reservation WHERE status = 'ACTIVE' AND created_at < :before AND operation <> 'COLLECTION_SIGNER' AND idempotency_key NOT LIKE 'sealjob:%' ORDER BY created_at LIMIT :limit")
			.param("before", Timestamp.from(before))
			.param("limit", limit)
			.query(BillingStore::reservation)
			.list();
	}

	/**
	 * Closes an active reservation (SETTLED or RELEASED); the row's lock makes a settlement and a release of one
	 * reservation exclude each other.
	 * @return false if it was not active any more (the other one closed it first)
	 */
	public boolean closeReservation(UUID id, String status, Instant now) {
		return jdbc.sql("UPDATE billing_reservation SET status = :status, closed_at = :now WHERE id = :id AND status = 'ACTIVE'")
			.param("id", id)
			.param("status", status)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * As {@link #closeReservation} for several reservations, in one JDBC batch.
	 * @return for each, in order, whether this call closed it
	 */
	public boolean[] closeReservations(List<UUID> ids, String status, Instant now) {
		if (ids.isEmpty()) {
			return new boolean[0];
		}
		Timestamp at = Timestamp.from(now);
		int[] counts = batches.batchUpdate(
				"UPDATE billing_reservation SET status = ?, closed_at = ? WHERE id = ? AND status = 'ACTIVE'",
				ids.stream().map(id -> new Object[] { status, at, id }).toList());
		boolean[] closed = new boolean[ids.size()];
		for (int n = 0; n < closed.length; n++) {
			closed[n] = counts[n] == 1;
		}
		return closed;
	}

	/**
	 * As {@link #settleEntry} for several reservations (id to the key of what it paid for), in one JDBC batch,
	 * without reading the debits back.
	 */
	public void settleEntries(FirmId firm, Map<UUID, String> keys) {
		if (keys.isEmpty()) {
			return;
		}
		batches.batchUpdate(
				"UPDATE billing_entry SET kind = 'DEBIT', idempotency_key = ? WHERE firm_id = ? AND idempotency_key = ? AND kind = 'RESERVATION'",
				keys.entrySet()
					.stream()
					.map(key -> new Object[] { key.getValue(), firm.value(), "reserve:" + key.getKey() })
					.toList());
	}

	/**
	 * Turns a reservation's ledger entry into the debit of {@code key}, in place: the same amount, the same place in
	 * the ledger and the same balance after it (the reservation already moved the balance), so the account row is
	 * neither read nor locked. The caller has just closed the reservation as SETTLED in this transaction.
	 * @return the debit, empty if the reservation has no entry (nothing was reserved: a free operation)
	 */
	public Optional<Entry> settleEntry(FirmId firm, UUID reservation, String key) {
		int updated = jdbc.sql("UPDATE billing_entry SET kind = 'DEBIT', idempotency_key = :key WHERE firm_id = :firm AND idempotency_key = :reserved AND kind = 'RESERVATION'")
			.param("firm", firm.value())
			.param("reserved", "reserve:" + reservation)
			.param("key", key)
			.update();
		return updated == 0 ? Optional.empty() : findByKey(firm, key);
	}

	private static StoredReservation reservation(ResultSet rs, int n) throws SQLException {
		return new StoredReservation(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				rs.getString("idempotency_key"), rs.getString("operation"), rs.getLong("amount_cents"),
				rs.getLong("net_cents"), rs.getString("status"), rs.getString("actor"),
				rs.getTimestamp("created_at").toInstant());
	}

	/** A credit form's payment intent. */
	public record Intent(UUID id, String status, Money amount, String reference, UUID entry) {
	}

	/**
	 * Records the intent to pay for this form submission, unless it already was.
	 * @return the intent, new (status {@code NEW}, to be paid by the caller) or the one recorded the first time
	 */
	public Intent openIntent(FirmId firm, String submission, Money amount, String actor, Instant now) {
		UUID id = UUID.randomUUID();
		int inserted = jdbc.sql("INSERT INTO billing_payment_intent (id, firm_id, submission, amount_cents, status, actor, created_at) VALUES (:id, :firm, :submission, :amount, 'PENDING', :actor, :now) ON CONFLICT DO NOTHING")
			.param("id", id)
			.param("firm", firm.value())
			.param("submission", submission)
			.param("amount", amount.cents())
			.param("actor", actor)
			.param("now", Timestamp.from(now))
			.update();
		if (inserted == 1) {
			return new Intent(id, "NEW", amount, null, null);
		}
		return jdbc.sql("SELECT id, status, amount_cents, reference, entry_id FROM billing_payment_intent WHERE firm_id = :firm AND submission = :submission")
			.param("firm", firm.value())
			.param("submission", submission)
			.query((rs, n) -> new Intent(rs.getObject(1, UUID.class), rs.getString(2), Money.ofCents(rs.getLong(3)),
					rs.getString(4), rs.getObject(5, UUID.class)))
			.single();
	}

	/** Closes a pending intent: PAID (with the provider's reference and the credit), REFUSED or FAILED. */
	public void closeIntent(UUID intent, String status, String reference, UUID entry) {
		jdbc.sql("UPDATE billing_payment_intent SET status = :status, reference = :reference, entry_id = :entry WHERE id = :id AND status = 'PENDING'")
			.param("id", intent)
			.param("status", status)
			.param("reference", reference)
			.param("entry", entry)
			.update();
	}

	public Optional<Entry> findById(FirmId firm, UUID entry) {
		return jdbc.sql("SELECT * FROM billing_entry WHERE firm_id = :firm AND id = :id")
			.param("firm", firm.value())
			.param("id", entry)
			.query(BillingStore::entry)
			.optional();
	}

	public void insertReceipt(ReceiptIssue issue, UUID entry) {
		jdbc.sql("INSERT INTO billing_receipt (receipt_number, firm_id, entry_id, firm_name, siren, ordre_number, address_line, postal_code, city, vat_basis_points, issued_at) VALUES (:number, :firm, :entry, :name, :siren, :ordre, :address, :postal, :city, :vat, :at)")
			.param("number", issue.receiptNumber())
			.param("firm", issue.firm().value())
			.param("entry", entry)
			.param("name", issue.firmName())
			.param("siren", issue.siren().value())
			.param("ordre", issue.ordreNumber())
			.param("address", issue.addressLine())
			.param("postal", issue.postalCode())
			.param("city", issue.city())
			.param("vat", issue.vatBasisPoints())
			.param("at", Timestamp.from(issue.issuedAt()))
			.update();
	}

	public Optional<ReceiptIssue> findReceipt(FirmId firm, long number) {
		return jdbc.sql("SELECT * FROM billing_receipt WHERE firm_id = :firm AND receipt_number = :number")
			.param("firm", firm.value())
			.param("number", number)
			.query((rs, n) -> new ReceiptIssue(rs.getLong("receipt_number"), firm, rs.getString("firm_name"),
					new Siren(rs.getString("siren")), rs.getString("ordre_number"), rs.getString("address_line"),
					rs.getString("postal_code"), rs.getString("city"), rs.getInt("vat_basis_points"),
					rs.getTimestamp("issued_at").toInstant()))
			.optional();
	}

	public List<Tariff> tariffs() {
		return jdbc.sql("SELECT * FROM billing_tariff ORDER BY effective_from").query(BillingStore::tariff).list();
	}

	public Optional<Tariff> tariffAt(Instant at) {
		return jdbc.sql("SELECT * FROM billing_tariff WHERE effective_from <= :at ORDER BY effective_from DESC LIMIT 1")
			.param("at", Timestamp.from(at))
			.query(BillingStore::tariff)
			.optional();
	}

	/** @return false if a tariff already starts at that instant */
	public boolean addTariff(Tariff tariff, String actor, Instant now) {
		return jdbc.sql("INSERT INTO billing_tariff (id, effective_from, signature_cents, seal_cents, collection_signer_cents, vat_basis_points, created_by, created_at) VALUES (:id, :from, :signature, :seal, :signer, :vat, :by, :now) ON CONFLICT DO NOTHING")
			.param("id", UUID.randomUUID())
			.param("from", Timestamp.from(tariff.effectiveFrom()))
			.param("signature", tariff.signature().cents())
			.param("seal", tariff.seal().cents())
			.param("signer", tariff.collectionSigner().cents())
			.param("vat", tariff.vatBasisPoints())
			.param("by", actor)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static Tariff tariff(ResultSet rs, int n) throws SQLException {
		return new Tariff(rs.getTimestamp("effective_from").toInstant(), Money.ofCents(rs.getLong("signature_cents")),
				Money.ofCents(rs.getLong("seal_cents")), Money.ofCents(rs.getLong("collection_signer_cents")),
				rs.getInt("vat_basis_points"));
	}

	private static Entry entry(ResultSet rs, int n) throws SQLException {
		String operation = rs.getString("operation");
		long receipt = rs.getLong("receipt_number");
		Long receiptNumber = rs.wasNull() ? null : receipt;
		return new Entry(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				EntryKind.valueOf(rs.getString("kind")), Money.ofCents(rs.getLong("amount_cents")),
				Money.ofCents(rs.getLong("net_cents")), Money.ofCents(rs.getLong("vat_cents")),
				Money.ofCents(rs.getLong("balance_after_cents")), rs.getString("idempotency_key"),
				operation == null ? null : Operation.valueOf(operation), rs.getString("description"), receiptNumber,
				rs.getString("actor"), rs.getTimestamp("created_at").toInstant());
	}

}
