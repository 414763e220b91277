package fr.paraphe.pki.internal;

import java.io.ByteArrayInputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificateProfile;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.RevocationReason;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code pki_certificate}, {@code pki_authority} and {@code pki_crl}.
 */
@Repository
public class Certificates {

	private static final String COLUMNS = "serial, authority, profile, holder, subject, key_id, key_algorithm, der, "
			+ "not_before, not_after, issued_at, revoked_at, revocation_reason";

	/** A certificate's revocation state, as OCSP needs it: one indexed read. */
	public record Status(Authority issuer, Instant revokedAt, RevocationReason reason) {
	}

	/** A stored CRL. */
	public record StoredCrl(Authority authority, long number, Instant thisUpdate, Instant nextUpdate, int entries,
			byte[] der) {
	}

	private final JdbcClient jdbc;

	Certificates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(IssuedCertificate certificate) {
		jdbc.sql("INSERT INTO pki_certificate (" + COLUMNS + ") VALUES (:serial, :authority, :profile, :holder, "
				+ ":subject, :keyId, :keyAlgorithm, :der, :notBefore, :notAfter, :issuedAt, NULL, NULL)")
			.param("serial", certificate.serial().hex())
			.param("authority", certificate.issuer().name())
			.param("profile", certificate.profile().name())
			.param("holder", certificate.holder())
			.param("subject", certificate.subject())
			.param("keyId", certificate.key().id())
			.param("keyAlgorithm", certificate.key().algorithm().name())
			.param("der", certificate.encoded())
			.param("notBefore", Timestamp.from(certificate.notBefore()))
			.param("notAfter", Timestamp.from(certificate.notAfter()))
			.param("issuedAt", Timestamp.from(certificate.issuedAt()))
			.update();
	}

	public Optional<IssuedCertificate> find(CertificateSerial serial) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM pki_certificate WHERE serial = :serial")
			.param("serial", serial.hex())
			.query(Certificates::map)
			.optional();
	}

	/** The status OCSP reports; empty for a serial this CA never issued. */
	public Optional<Status> status(CertificateSerial serial) {
		return jdbc.sql("SELECT authority, revoked_at, revocation_reason FROM pki_certificate WHERE serial = :serial")
			.param("serial", serial.hex())
			.query((rs, row) -> new Status(Authority.valueOf(rs.getString(1)), instant(rs.getTimestamp(2)),
					reason(rs.getString(3))))
			.optional();
	}

	List<IssuedCertificate> byHolder(String holder) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM pki_certificate WHERE holder = :holder ORDER BY issued_at DESC, serial")
			.param("holder", holder)
			.query(Certificates::map)
			.list();
	}

	List<IssuedCertificate> search(String text, int limit) {
		String pattern = "%" + (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)
			.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
		return jdbc.sql("SELECT " + COLUMNS + " FROM pki_certificate WHERE profile IN ('NATURAL_PERSON', 'LEGAL_PERSON') "
				+ "AND (LOWER(subject) LIKE :pattern ESCAPE '\\' OR serial LIKE :pattern ESCAPE '\\' "
				+ "OR LOWER(holder) LIKE :pattern ESCAPE '\\') ORDER BY issued_at DESC, serial LIMIT :limit")
			.param("pattern", pattern)
			.param("limit", limit)
			.query(Certificates::map)
			.list();
	}

	/** Revoked certificates issued by {@code authority}: the CRL's entries. */
	List<IssuedCertificate> revokedBy(Authority authority) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM pki_certificate WHERE authority = :authority AND revoked_at IS NOT NULL ORDER BY revoked_at, serial")
			.param("authority", authority.name())
			.query(Certificates::map)
			.list();
	}

	/** @return whether this call revoked it (false: already revoked, or no such certificate) */
	boolean markRevoked(CertificateSerial serial, Instant at, RevocationReason reason) {
		return jdbc.sql("UPDATE pki_certificate SET revoked_at = :at, revocation_reason = :reason WHERE serial = :serial AND revoked_at IS NULL")
			.param("serial", serial.hex())
			.param("at", Timestamp.from(at))
			.param("reason", reason.name())
			.update() == 1;
	}

	// --- authorities

	Optional<IssuedCertificate> authority(Authority authority) {
		return jdbc.sql("SELECT " + prefixed("c") + " FROM pki_authority a JOIN pki_certificate c ON c.serial = a.serial WHERE a.name = :name")
			.param("name", authority.name())
			.query(Certificates::map)
			.optional();
	}

	void insertAuthority(Authority authority, CertificateSerial serial, Instant now) {
		jdbc.sql("INSERT INTO pki_authority (name, serial, created_at) VALUES (:name, :serial, :now)")
			.param("name", authority.name())
			.param("serial", serial.hex())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Points {@code authority} at a new certificate (renewal). */
	void replaceAuthority(Authority authority, CertificateSerial serial, Instant now) {
		jdbc.sql("UPDATE pki_authority SET serial = :serial, created_at = :now WHERE name = :name")
			.param("name", authority.name())
			.param("serial", serial.hex())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Takes the row lock of {@code authority} until the transaction ends: orders CRL numbers across nodes. */
	void lockAuthority(Authority authority) {
		jdbc.sql("SELECT name FROM pki_authority WHERE name = :name FOR UPDATE")
			.param("name", authority.name())
			.query(String.class)
			.list();
	}

	/** Takes the bootstrap lock until the transaction ends: one node creates the hierarchy, the others wait. */
	void lockBootstrap() {
		jdbc.sql("SELECT name FROM pki_lock WHERE name = 'bootstrap' FOR UPDATE").query(String.class).list();
	}

	// --- CRLs

	Optional<StoredCrl> latestCrl(Authority authority) {
		return jdbc.sql("SELECT authority, crl_number, this_update, next_update, entries, der FROM pki_crl "
				+ "WHERE authority = :authority ORDER BY crl_number DESC LIMIT 1")
			.param("authority", authority.name())
			.query((rs, row) -> new StoredCrl(Authority.valueOf(rs.getString(1)), rs.getLong(2),
					instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), rs.getInt(5), rs.getBytes(6)))
			.optional();
	}

	/** The latest CRL's number and thisUpdate, without its bytes. */
	Optional<StoredCrl> latestCrlHeader(Authority authority) {
		return jdbc.sql("SELECT authority, crl_number, this_update, next_update, entries FROM pki_crl "
				+ "WHERE authority = :authority ORDER BY crl_number DESC LIMIT 1")
			.param("authority", authority.name())
			.query((rs, row) -> new StoredCrl(Authority.valueOf(rs.getString(1)), rs.getLong(2),
					instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), rs.getInt(5), null))
			.optional();
	}

	void insertCrl(StoredCrl crl) {
		jdbc.sql("INSERT INTO pki_crl (authority, crl_number, this_update, next_update, entries, der) "
				+ "VALUES (:authority, :number, :thisUpdate, :nextUpdate, :entries, :der)")
			.param("authority", crl.authority().name())
			.param("number", crl.number())
			.param("thisUpdate", Timestamp.from(crl.thisUpdate()))
			.param("nextUpdate", Timestamp.from(crl.nextUpdate()))
			.param("entries", crl.entries())
			.param("der", crl.der())
			.update();
	}

	/** Keeps the latest {@code keep} CRLs of {@code authority}. */
	void pruneCrls(Authority authority, long keepFromNumber) {
		jdbc.sql("DELETE FROM pki_crl WHERE authority = :authority AND crl_number < :number")
			.param("authority", authority.name())
			.param("number", keepFromNumber)
			.update();
	}

	private static String prefixed(String alias) {
		return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
	}

	private static IssuedCertificate map(ResultSet rs, int row) throws SQLException {
		String reason = rs.getString("revocation_reason");
		return new IssuedCertificate(CertificateSerial.parse(rs.getString("serial")),
				Authority.valueOf(rs.getString("authority")), CertificateProfile.valueOf(rs.getString("profile")),
				rs.getString("holder"), rs.getString("subject"), parse(rs.getBytes("der")),
				new KeyHandle(rs.getObject("key_id", UUID.class), KeyAlgorithm.valueOf(rs.getString("key_algorithm"))),
				instant(rs.getTimestamp("not_before")), instant(rs.getTimestamp("not_after")),
				instant(rs.getTimestamp("issued_at")), instant(rs.getTimestamp("revoked_at")), reason(reason));
	}

	private static RevocationReason reason(String name) {
		return name == null ? null : RevocationReason.valueOf(name);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	static X509Certificate parse(byte[] der) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (CertificateException failure) {
			throw new IllegalStateException("A stored certificate does not parse", failure);
		}
	}

}
