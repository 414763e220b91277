package fr.paraphe.signing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.shared.FirmId;
import fr.paraphe.pades.SignatureParameters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is kept of every charged seal, for a day: the sealed document under its id (the debit's {@code seal:<id>}),
 * the SHA-256 of the PDF sent and, for a request sent with an Idempotency-Key, the key and the request's fingerprint
 * (the document's SHA-256 and the parameters). Documents go to and from the database as streams, so a
 * large PDF is never held in memory.
 */
@Component
public class SealReplays {

	/** How long a key and its sealed document are kept. */
	public static final Duration RETENTION = Duration.ofHours(24);

	private final JdbcClient jdbc;

	private final Clock clock;

	SealReplays(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The fingerprint of a request: the document's bytes and every parameter that changes the result. */
	public static String fingerprint(Path pdf, SignatureParameters parameters) {
		MessageDigest sha = digested(pdf);
		sha.update(String.join("|", parameters.level().name(), String.valueOf(parameters.reason()),
				String.valueOf(parameters.location()), String.valueOf(parameters.appearance()),
				String.valueOf(parameters.certification()))
			.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(sha.digest());
	}

	/** The SHA-256 of a file, in hexadecimal, read as a stream. */
	public static String sha256(Path file) {
		return HexFormat.of().formatHex(digested(file).digest());
	}

	private static MessageDigest digested(Path file) {
		MessageDigest sha = DigestAlgorithm.SHA256.newMessageDigest();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[65_536];
			for (int read; (read = in.read(buffer)) >= 0;) {
				sha.update(buffer, 0, read);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return sha;
	}

	/** The fingerprint of the request first sent with this key by this firm, if it was sealed. */
	@Transactional(readOnly = true)
	public Optional<String> fingerprintOf(FirmId firm, String key) {
		return jdbc.sql("SELECT fingerprint FROM signing_idempotent_seal WHERE firm_id = ? AND idempotency_key = ?")
			.params(firm.value(), key)
			.query(String.class)
			.optional()
			.map(String::strip);
	}

	/** Writes the document sealed for this key to {@code target}; false if there is none. */
	@Transactional(readOnly = true)
	public boolean copyTo(FirmId firm, String key, Path target) {
		boolean[] found = { false };
		jdbc.sql("SELECT document FROM signing_idempotent_seal WHERE firm_id = ? AND idempotency_key = ?")
			.params(firm.value(), key)
			.query(row -> {
				copy(row, target);
				found[0] = true;
			});
		return found[0];
	}

	/**
	 * Keeps a charged seal's document for a day under its id, in the caller's transaction (the one that charged
	 * the seal), unless a concurrent request with the same Idempotency-Key saved first.
	 * @param key the Idempotency-Key, or null for none (the document is then kept by its id only)
	 * @param fingerprint the request's {@link #fingerprint}, with a key; null otherwise
	 * @param sourceSha256 the SHA-256 of the PDF sent, by which a client that lost the response finds the id
	 * @return false if the key was already kept (nothing saved)
	 */
	public boolean saveIfAbsent(FirmId firm, UUID document, String key, String fingerprint, String sourceSha256,
			Path sealed) {
		try (InputStream content = Files.newInputStream(sealed)) {
			return jdbc.sql("INSERT INTO signing_idempotent_seal (firm_id, document_id, idempotency_key, fingerprint, "
					+ "source_sha256, document, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
				.params(firm.value(), document, key, fingerprint, sourceSha256,
						new SqlBinaryValue(content, Files.size(sealed)), Timestamp.from(clock.instant()))
				.update() == 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The id of the document first sealed under this key (empty for none, or one kept before ids were). */
	@Transactional(readOnly = true)
	public Optional<UUID> idOf(FirmId firm, String key) {
		return jdbc.sql("SELECT document_id FROM signing_idempotent_seal WHERE firm_id = ? AND idempotency_key = ? "
				+ "AND document_id IS NOT NULL")
			.params(firm.value(), key)
			.query(UUID.class)
			.optional();
	}

	/** Writes this firm's document sealed less than a day ago under {@code id} to {@code target}; false if none. */
	@Transactional(readOnly = true)
	public boolean copyById(FirmId firm, UUID id, Path target) {
		boolean[] found = { false };
		jdbc.sql("SELECT document FROM signing_idempotent_seal WHERE firm_id = ? AND document_id = ? AND created_at >= ?")
			.params(firm.value(), id, Timestamp.from(clock.instant().minus(RETENTION)))
			.query(row -> {
				copy(row, target);
				found[0] = true;
			});
		return found[0];
	}

	/** This firm's seals of the last day whose PDF sent had this SHA-256, newest first (at most 100). */
	@Transactional(readOnly = true)
	public List<Kept> findBySource(FirmId firm, String sourceSha256) {
		return jdbc.sql("SELECT document_id, created_at FROM signing_idempotent_seal WHERE firm_id = ? "
				+ "AND source_sha256 = ? AND document_id IS NOT NULL AND created_at >= ? ORDER BY created_at DESC")
			.params(firm.value(), sourceSha256, Timestamp.from(clock.instant().minus(RETENTION)))
			.query((row, n) -> new Kept(row.getObject("document_id", UUID.class),
					row.getTimestamp("created_at").toInstant()))
			.list()
			.stream()
			.limit(100)
			.toList();
	}

	/** A kept seal: its document's id and when it was sealed. */
	public record Kept(UUID id, Instant sealedAt) {
	}

	private static void copy(java.sql.ResultSet row, Path target) throws java.sql.SQLException {
		try (InputStream document = row.getBinaryStream("document")) {
			Files.copy(document, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Forgets seals and keys older than a day. Idempotent: every node may run it. */
	@Transactional
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	public int purge() {
		return jdbc.sql("DELETE FROM signing_idempotent_seal WHERE created_at < ?")
			.param(Timestamp.from(clock.instant().minus(RETENTION)))
			.update();
	}

}
