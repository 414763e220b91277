package fr.paraphe.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code identity_user} table. Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both accept.
 */
@Repository
public class UserStore {

	private static final String COLUMNS = "id, subject, display_name, email, role, firm_siren, firm_name, language, created_at, last_login_at, login";

	private final JdbcClient jdbc;

	UserStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public User upsert(SsoProfile profile, Instant now) {
		if (update(profile, now) == 0) {
			// ON CONFLICT DO NOTHING rather than catching a duplicate key: on PostgreSQL a failed statement
			// would abort the whole transaction. H2 accepts it in PostgreSQL mode.
			int inserted = jdbc.sql("INSERT INTO identity_user (" + COLUMNS + ") VALUES (:id, :subject, :name, :email, :role, :siren, :firm, 'fr', :now, :now, :login) ON CONFLICT DO NOTHING")
				.param("id", UUID.randomUUID())
				.params(profileParameters(profile, now))
				.update();
			if (inserted == 0) {
				// Another node created the same user between our UPDATE and INSERT: ours becomes an update.
				update(profile, now);
			}
		}
		return findBySubject(profile.subject()).orElseThrow();
	}

	private int update(SsoProfile profile, Instant now) {
		return jdbc.sql("UPDATE identity_user SET display_name = :name, email = :email, role = :role, firm_siren = :siren, firm_name = :firm, login = :login, last_login_at = :now WHERE subject = :subject")
			.params(profileParameters(profile, now))
			.update();
	}

	/** What a login writes: the provider's view of the person, and the time. */
	private static Map<String, Object> profileParameters(SsoProfile profile, Instant now) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("subject", profile.subject());
		parameters.put("name", profile.displayName());
		parameters.put("email", profile.email());
		parameters.put("role", profile.role().name());
		parameters.put("siren", profile.firmSiren() == null ? null : profile.firmSiren().value());
		parameters.put("firm", profile.firmName());
		parameters.put("login", profile.login());
		parameters.put("now", Timestamp.from(now));
		return parameters;
	}

	public Optional<User> findBySubject(String subject) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user WHERE subject = :subject")
			.param("subject", subject)
			.query(UserStore::map)
			.optional();
	}

	public Optional<User> findById(UserId id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user WHERE id = :id")
			.param("id", id.value())
			.query(UserStore::map)
			.optional();
	}

	/** The user, their row locked until the transaction ends (a deletion and a login of theirs do not interleave). */
	public Optional<User> findByIdForUpdate(UserId id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user WHERE id = :id FOR UPDATE")
			.param("id", id.value())
			.query(UserStore::map)
			.optional();
	}

	/** Removes the user's row: the subject is free again, a later login creates a new person. */
	public void delete(UserId id) {
		jdbc.sql("DELETE FROM identity_user WHERE id = :id").param("id", id.value()).update();
	}

	public List<User> list(int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user ORDER BY last_login_at DESC, subject LIMIT :limit")
			.param("limit", limit)
			.query(UserStore::map)
			.list();
	}

	public List<User> withRole(fr.paraphe.identity.Role role, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user WHERE role = :role ORDER BY last_login_at DESC LIMIT :limit")
			.param("role", role.name())
			.param("limit", limit)
			.query(UserStore::map)
			.list();
	}

	/**
	 * The users one identifier designates, as an owner types it: an e-mail (compared in lower case), an SSO
	 * subject or a login name. At most a few rows; the caller decides which one applies.
	 */
	public List<User> findByIdentifier(String identifier, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user WHERE subject = :value OR login = :value OR LOWER(email) = LOWER(:value) ORDER BY last_login_at DESC LIMIT :limit")
			.param("value", identifier)
			.param("limit", limit)
			.query(UserStore::map)
			.list();
	}

	public void updateLanguage(UserId id, String language) {
		jdbc.sql("UPDATE identity_user SET language = :language WHERE id = :id")
			.param("id", id.value())
			.param("language", language)
			.update();
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		String siren = rs.getString("firm_siren");
		return new User(new UserId(rs.getObject("id", UUID.class)), rs.getString("subject"),
				rs.getString("display_name"), rs.getString("email"), Role.valueOf(rs.getString("role")),
				siren == null ? null : new Siren(siren), rs.getString("firm_name"), rs.getString("language"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_login_at").toInstant(),
				rs.getString("login"));
	}

}
