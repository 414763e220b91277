package fr.paraphe.billing.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The refunds of closed firms' balances marked paid ({@code billing_refund}): one per firm. */
@Repository
class RefundStore {

	/** A refund marked paid. */
	record PaidRow(FirmId firm, UUID entry, Money amount, String reference, LocalDate paidOn, UserId paidBy,
			Instant recordedAt) {
	}

	private final JdbcClient jdbc;

	RefundStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PaidRow> find(FirmId firm) {
		return jdbc.sql("SELECT * FROM billing_refund WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(RefundStore::row)
			.optional();
	}

	/** The refunds marked paid of these firms. */
	List<PaidRow> of(List<FirmId> firms) {
		if (firms.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT * FROM billing_refund WHERE firm_id IN (:firms)")
			.param("firms", firms.stream().map(FirmId::value).toList())
			.query(RefundStore::row)
			.list();
	}

	void insert(PaidRow row) {
		jdbc.sql("INSERT INTO billing_refund (firm_id, entry_id, amount_cents, reference, paid_on, paid_by, recorded_at) "
				+ "VALUES (:firm, :entry, :amount, :reference, :paidOn, :paidBy, :at)")
			.param("firm", row.firm().value())
			.param("entry", row.entry())
			.param("amount", row.amount().cents())
			.param("reference", row.reference())
			.param("paidOn", Date.valueOf(row.paidOn()))
			.param("paidBy", row.paidBy().value())
			.param("at", Timestamp.from(row.recordedAt()))
			.update();
	}

	private static PaidRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new PaidRow(new FirmId(rs.getObject("firm_id", UUID.class)), rs.getObject("entry_id", UUID.class),
				Money.ofCents(rs.getLong("amount_cents")), rs.getString("reference"),
				rs.getDate("paid_on").toLocalDate(), new UserId(rs.getObject("paid_by", UUID.class)),
				rs.getTimestamp("recorded_at").toInstant());
	}

}
