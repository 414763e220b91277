package fr.paraphe.signing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The table {@code signing_api_key}: firms' API keys, by the SHA-256 of the secret. */
@Component
public class ApiKeyStore {

	private static final String COLUMNS = "id, firm_id, created_by, label, key_prefix, created_at, revoked_at, scopes, "
			+ "expires_at, last_used_at, rate_per_minute";

	private final JdbcClient jdbc;

	ApiKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(ApiKey key, String hash) {
		jdbc.sql("INSERT INTO signing_api_key (id, firm_id, created_by, label, key_hash, key_prefix, created_at, scopes, "
				+ "expires_at, rate_per_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(key.id(), key.firm().value(), key.createdBy().value(), key.label(), hash, key.prefix(),
					Timestamp.from(key.createdAt()), ApiScope.format(key.scopes()), timestamp(key.expiresAt()), key.ratePerMinute())
			.update();
	}

	/** The firm's keys, newest first. */
	public List<ApiKey> ofFirm(FirmId firm) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_api_key WHERE firm_id = ? ORDER BY created_at DESC")
			.param(firm.value())
			.query((rs, row) -> key(rs))
			.list();
	}

	/**
	 * Marks the firm's key revoked (the first revocation's time stays).
	 * @return the key's prefix; empty if the firm has no such key
	 */
	public Optional<String> revoke(FirmId firm, UUID key, Instant at) {
		int found = jdbc.sql("UPDATE signing_api_key SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND firm_id = ?")
			.params(Timestamp.from(at), key, firm.value())
			.update();
		if (found == 0) {
			return Optional.empty();
		}
		return Optional.of(jdbc.sql("SELECT key_prefix FROM signing_api_key WHERE id = ?").param(key).query(String.class).single());
	}

	/** The key with this hash, unless revoked (expired keys included: the caller tells them apart). */
	public Optional<ApiKey> findUnrevoked(String hash) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_api_key WHERE key_hash = ? AND revoked_at IS NULL")
			.param(hash)
			.query((rs, row) -> key(rs))
			.optional();
	}

	/**
	 * Records a use of the key at {@code at}, unless one was recorded after {@code notBefore} (by this node or
	 * another): at most one write per key and period.
	 */
	public void touch(UUID key, Instant at, Instant notBefore) {
		jdbc.sql("UPDATE signing_api_key SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
			.params(Timestamp.from(at), key, Timestamp.from(notBefore))
			.update();
	}

	private static ApiKey key(ResultSet rs) throws SQLException {
		return new ApiKey(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				new UserId(rs.getObject("created_by", UUID.class)), rs.getString("label"), rs.getString("key_prefix"),
				rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("revoked_at")),
				ApiScope.parseAll(rs.getString("scopes")), instant(rs.getTimestamp("expires_at")),
				instant(rs.getTimestamp("last_used_at")), rs.getObject("rate_per_minute", Integer.class));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
