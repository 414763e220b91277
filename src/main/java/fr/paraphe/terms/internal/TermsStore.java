package fr.paraphe.terms.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.UserId;
import fr.paraphe.terms.TermsAcceptance;
import fr.paraphe.terms.TermsVersion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code terms_version} and {@code terms_acceptance} tables. */
@Repository
public class TermsStore {

	private final JdbcClient jdbc;

	TermsStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Deletes the person's acceptances (version, time, IP address): their account is deleted. */
	public void deleteAcceptances(UserId user) {
		jdbc.sql("DELETE FROM terms_acceptance WHERE user_id = :u").param("u", user.value()).update();
	}

	public Optional<TermsVersion> latest() {
		return jdbc.sql("SELECT * FROM terms_version ORDER BY version DESC LIMIT 1").query(TermsStore::version).optional();
	}

	public Optional<TermsVersion> version(int number) {
		return jdbc.sql("SELECT * FROM terms_version WHERE version = :v").param("v", number).query(TermsStore::version).optional();
	}

	public List<TermsVersion> versions() {
		return jdbc.sql("SELECT * FROM terms_version ORDER BY version DESC").query(TermsStore::version).list();
	}

	/**
	 * Inserts the next version. Two administrators publishing at once: the primary key makes one of them fail
	 * rather than both get the same number.
	 */
	public TermsVersion insert(String text, String sha256, Instant at, UserId by) {
		int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM terms_version").query(Integer.class).single();
		jdbc.sql("INSERT INTO terms_version (version, text, sha256, published_at, published_by) VALUES (:v, :text, :sha, :at, :by)")
			.param("v", next)
			.param("text", text)
			.param("sha", sha256)
			.param("at", Timestamp.from(at))
			.param("by", by.value())
			.update();
		return new TermsVersion(next, text, sha256, at, by.toString());
	}

	public Optional<TermsAcceptance> acceptance(UserId user, int version) {
		return jdbc.sql("SELECT * FROM terms_acceptance WHERE user_id = :u AND version = :v")
			.param("u", user.value())
			.param("v", version)
			.query(TermsStore::acceptance)
			.optional();
	}

	public void insertAcceptance(TermsAcceptance acceptance) {
		jdbc.sql("INSERT INTO terms_acceptance (id, user_id, version, sha256, accepted_at, address) VALUES (:id, :u, :v, :sha, :at, :addr)")
			.param("id", UUID.randomUUID())
			.param("u", acceptance.user().value())
			.param("v", acceptance.version())
			.param("sha", acceptance.sha256())
			.param("at", Timestamp.from(acceptance.acceptedAt()))
			.param("addr", acceptance.address())
			.update();
	}

	public List<TermsAcceptance> acceptancesOf(UserId user) {
		return jdbc.sql("SELECT * FROM terms_acceptance WHERE user_id = :u ORDER BY version DESC")
			.param("u", user.value())
			.query(TermsStore::acceptance)
			.list();
	}

	private static TermsVersion version(ResultSet rs, int n) throws SQLException {
		UUID by = rs.getObject("published_by", UUID.class);
		return new TermsVersion(rs.getInt("version"), rs.getString("text"), rs.getString("sha256"),
				rs.getTimestamp("published_at").toInstant(), by == null ? null : by.toString());
	}

	private static TermsAcceptance acceptance(ResultSet rs, int n) throws SQLException {
		return new TermsAcceptance(new UserId(rs.getObject("user_id", UUID.class)), rs.getInt("version"),
				rs.getString("sha256"), rs.getTimestamp("accepted_at").toInstant(), rs.getString("address"));
	}

}
