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
import java.util.Optional;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.shared.FirmId;
import fr.paraphe.pades.SignatureParameters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the sealing API keeps of a request sent with an Idempotency-Key: its fingerprint (the document's SHA-256
 * and the parameters) and the sealed document, for a day. Documents go to and from the database as streams, so a
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
				try (InputStream document = row.getBinaryStream("document")) {
					Files.copy(document, target, StandardCopyOption.REPLACE_EXISTING);
					found[0] = true;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		return found[0];
	}

	/** Keeps the sealed document of this key, in the caller's transaction (the one that charged the seal). */
	public void save(FirmId firm, String key, String fingerprint, Path sealed) {
		try (InputStream document = Files.newInputStream(sealed)) {
			jdbc.sql("INSERT INTO signing_idempotent_seal (firm_id, idempotency_key, fingerprint, document, created_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
				.params(firm.value(), key, fingerprint, new SqlBinaryValue(document, Files.size(sealed)),
						Timestamp.from(clock.instant()))
				.update();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * As {@link #save}, unless a concurrent request with this key saved first.
	 * @return false if the key was already kept (nothing saved)
	 */
	public boolean saveIfAbsent(FirmId firm, String key, String fingerprint, Path sealed) {
		try (InputStream document = Files.newInputStream(sealed)) {
			return jdbc.sql("INSERT INTO signing_idempotent_seal (firm_id, idempotency_key, fingerprint, document, created_at) "
					+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
				.params(firm.value(), key, fingerprint, new SqlBinaryValue(document, Files.size(sealed)),
						Timestamp.from(clock.instant()))
				.update() == 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Forgets keys older than a day. Idempotent: every node may run it. */
	@Transactional
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	public int purge() {
		return jdbc.sql("DELETE FROM signing_idempotent_seal WHERE created_at < ?")
			.param(Timestamp.from(clock.instant().minus(RETENTION)))
			.update();
	}

}
