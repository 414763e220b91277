package fr.paraphe.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import fr.paraphe.ExternalTools;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.shared.FirmId;
import fr.paraphe.validation.internal.Indication;
import fr.paraphe.validation.internal.PdfValidator;
import fr.paraphe.validation.internal.ValidationReport;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evidence trails against the real database, TSA and platform seal (the context of the platform seal's own test):
 * the chain verifies, in Java and with the offline commands of docs/evidence.md; any edit breaks it; concurrent
 * appends keep one linear chain; the sealed PDF and an attestation pass the platform's validator and pdfsig; an
 * attestation holds nothing of another party.
 */
@SpringBootTest(properties = { "paraphe.signing.platform-seal.siren=123456782",
		"paraphe.signing.platform-seal.name=Paraphe Plateforme" })
@ActiveProfiles("test")
class EvidenceTrailsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	EvidenceTrails trails;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	PdfValidator validator;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path directory;

	final FirmId firm = FirmId.random();

	Path root;

	@BeforeEach
	void writeTheRoot() throws IOException {
		root = directory.resolve("root.pem");
		Files.writeString(root, "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(ca.authority(Authority.ROOT).encoded())
				+ "\n-----END CERTIFICATE-----\n");
	}

	/** A collection's trail: launch, two signers with their codes and signatures, each state change anchored. */
	UUID collection() {
		UUID trail = UUID.randomUUID();
		Instant t = Instant.parse("2026-11-30T09:00:00.123456Z");
		trails.append(trail, firm, new EvidenceEvent("collection.launched", "collection", t, "192.0.2.10",
				"Mozilla/5.0 (Cabinet)", Map.of("title", "Lettre de mission 2026", "document.1.sha256", "ab".repeat(32),
						"launcher", "Marc Lévêque")));
		trails.anchor(trail);
		trails.append(trail, firm, new EvidenceEvent("signer.code.sent", "signer-a", t.plusSeconds(60), "198.51.100.7",
				"Mozilla/5.0 (iPhone; Alice)", Map.of("channel", "email", "to", MaskedAddresses.email("alice@exemple.fr"))));
		trails.append(trail, firm, new EvidenceEvent("signer.signed", "signer-a", t.plusSeconds(90), "198.51.100.7",
				"Mozilla/5.0 (iPhone; Alice)", Map.of("givenName", "Alice", "surname", "Durand", "email",
						"alice@exemple.fr", "document.1.sha256.after", "cd".repeat(32), "certificate", "1A2B3C")));
		trails.append(trail, firm, new EvidenceEvent("signer.code.sent", "signer-b", t.plusSeconds(120), "203.0.113.99",
				"Bob-Browser/9.9 \"quoted\" \\ back", Map.of("channel", "sms", "to", MaskedAddresses.phone("+33698765432"))));
		trails.append(trail, firm, new EvidenceEvent("signer.signed", "signer-b", t.plusSeconds(150), "203.0.113.99",
				"Bob-Browser/9.9 \"quoted\" \\ back", Map.of("givenName", "Bob", "surname", "Zébulon 😀", "phone",
						"+33698765432", "note", "tab\there, newline\nthere, bell\u0007")));
		trails.append(trail, firm, new EvidenceEvent("collection.completed", "collection", t.plusSeconds(160), null, null,
				Map.of("state", "COMPLETED")));
		trails.anchor(trail);
		return trail;
	}

	@Test
	void theChainVerifiesInJavaAndWithTheDocumentedOfflineCommands() throws Exception {
		UUID trail = collection();
		assertThat(trails.verify(trail)).isTrue();
		byte[] json = trails.json(trail);
		JsonNode file = JSON.readTree(json);
		assertThat(file.get("trail").asString()).isEqualTo(trail.toString());
		assertThat(file.get("entries")).hasSize(8);
		JsonNode last = file.get("entries").get(7);
		assertThat(last.get("type").asString()).isEqualTo("anchor");
		assertThat(last.get("token").asString()).isNotBlank();
		// Control characters were replaced, quotes and backslashes and emoji kept: jq computes the same hash.
		assertThat(file.get("entries").get(5).get("details").get("note").asString())
			.isEqualTo("tab\uFFFDhere, newline\uFFFDthere, bell\uFFFD");
		assertThat(file.get("entries").get(5).get("details").get("surname").asString()).isEqualTo("Zébulon 😀");

		Check check = check(json);
		assertThat(check.output()).contains("OK: 8 entries, 2 anchors");
		assertThat(check.exitCode()).isZero();
	}

	@Test
	void anyEditOfTheJsonBreaksIt() throws Exception {
		UUID trail = collection();
		byte[] json = trails.json(trail);
		Map<String, UnaryOperator<ObjectNode>> edits = new LinkedHashMap<>();
		edits.put("an event's field", file -> {
			entry(file, 2).put("ip", "198.51.100.8");
			return file;
		});
		edits.put("a detail", file -> {
			((ObjectNode) entry(file, 3).get("details")).put("email", "mallory@exemple.fr");
			return file;
		});
		edits.put("a time", file -> {
			entry(file, 3).put("at", "2026-11-30T09:01:31.123456Z");
			return file;
		});
		edits.put("an order swap", file -> {
			ArrayNode entries = (ArrayNode) file.get("entries");
			JsonNode third = entries.get(2);
			entries.set(2, entries.get(3));
			entries.set(3, third);
			return file;
		});
		edits.put("a removed entry", file -> {
			((ArrayNode) file.get("entries")).remove(4);
			return file;
		});
		edits.put("the removed last anchor", file -> {
			((ArrayNode) file.get("entries")).remove(7);
			((ObjectNode) file.get("head")).put("hash", entry(file, 6).get("hash").asString());
			return file;
		});
		edits.put("a changed anchor token", file -> {
			byte[] token = Base64.getDecoder().decode(entry(file, 1).get("token").asString());
			token[token.length - 10] ^= 1;
			entry(file, 1).put("token", Base64.getEncoder().encodeToString(token));
			return file;
		});
		edits.put("an anchor moved to another entry", file -> {
			entry(file, 7).put("token", entry(file, 1).get("token").asString());
			return file;
		});
		// The forger's way: edit an event, then recompute every hash and link after it. Only the anchors show it.
		edits.put("an edit with every hash recomputed", file -> {
			((ObjectNode) entry(file, 3).get("details")).put("email", "mallory@exemple.fr");
			rehash(file);
			return file;
		});
		// The same forger without the anchors' tokens (a file that would pass the hash check alone).
		edits.put("anchors removed, hashes recomputed", file -> {
			((ArrayNode) file.get("entries")).remove(7);
			((ArrayNode) file.get("entries")).remove(1);
			rehash(file);
			return file;
		});

		// The untouched file passes, and a recomputation that changes nothing keeps it whole: the edits are the cause.
		assertThat(check(json).exitCode()).isZero();
		ObjectNode same = (ObjectNode) JSON.readTree(json);
		rehash(same);
		assertThat(check(JSON.writeValueAsBytes(same)).exitCode()).as("rehash alone").isZero();
		for (Map.Entry<String, UnaryOperator<ObjectNode>> edit : edits.entrySet()) {
			ObjectNode file = (ObjectNode) JSON.readTree(json);
			Check check = check(JSON.writeValueAsBytes(edit.getValue().apply(file)));
			assertThat(check.exitCode()).as(edit.getKey() + ": " + check.output()).isEqualTo(1);
			assertThat(check.output()).as(edit.getKey()).startsWith("BROKEN:");
		}
	}

	@Test
	void anyEditOfTheStoredTrailBreaksItsVerification() {
		for (String edit : List.of(
				"UPDATE evidence_entry SET ip = '10.0.0.1' WHERE trail_id = :trail AND seq = 3",
				"UPDATE evidence_entry SET details = '{\"state\":\"DECLINED\"}' WHERE trail_id = :trail AND seq = 7",
				"UPDATE evidence_entry SET party = 'signer-b' WHERE trail_id = :trail AND seq = 4",
				"DELETE FROM evidence_entry WHERE trail_id = :trail AND seq = 5",
				"UPDATE evidence_entry SET seq = seq + 100 WHERE trail_id = :trail AND seq = 8",
				"UPDATE evidence_entry SET token = NULL WHERE trail_id = :trail AND seq = 2")) {
			UUID trail = collection();
			assertThat(trails.verify(trail)).isTrue();
			jdbc.sql(edit).param("trail", trail).update();
			assertThat(trails.verify(trail)).as(edit).isFalse();
		}
		assertThat(trails.verify(UUID.randomUUID())).isFalse();
	}

	@Test
	void twentyConcurrentAppendsMakeOneLinearChain() throws Exception {
		UUID trail = UUID.randomUUID();
		int threads = 20;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		List<Future<Long>> appended = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			String party = "signer-" + i;
			appended.add(executor.submit(() -> {
				start.await(30, TimeUnit.SECONDS);
				return transactions.execute(status -> trails.append(trail, firm,
						new EvidenceEvent("signer.opened", party, null, "192.0.2.1", "Test", Map.of())));
			}));
		}
		Set<Long> seqs = new HashSet<>();
		for (Future<Long> future : appended) {
			seqs.add(future.get(120, TimeUnit.SECONDS));
		}
		executor.shutdown();
		assertThat(seqs).hasSize(threads).allSatisfy(seq -> assertThat(seq).isBetween(1L, (long) threads));
		assertThat(trails.verify(trail)).isTrue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_entry WHERE trail_id = :trail").param("trail", trail)
			.query(Integer.class).single()).isEqualTo(threads);
		assertThat(check(trails.json(trail)).exitCode()).isZero();
	}

	@Test
	void theSealedPdfPassesThePlatformsValidatorAndPdfsig() throws Exception {
		UUID trail = collection();
		byte[] pdf = trails.sealedPdf(trail);
		assertValidSeal(pdf);
		String text = text(pdf);
		assertThat(text).contains("Dossier de preuve").contains(trail.toString()).contains("collection.launched")
			.contains("signer.signed").contains("alice@exemple.fr").contains("203.0.113.99")
			.contains("Horodatage de la chaîne").contains("vérifiée");
	}

	@Test
	void anAttestationHoldsNothingOfAnotherParty() throws Exception {
		UUID trail = collection();
		byte[] alice = trails.attestation(trail, "signer-a");
		assertValidSeal(alice);
		String text = text(alice);
		assertThat(text).contains("Attestation de signature").contains("signer-a").contains("Alice").contains("Durand")
			.contains("alice@exemple.fr").contains("a***@exemple.fr").contains("198.51.100.7").contains("iPhone; Alice")
			.contains("ab".repeat(16)).contains("COMPLETED").contains("Lettre de mission 2026");
		assertThat(text).doesNotContain("signer-b").doesNotContain("Bob").doesNotContain("Zébulon")
			.doesNotContain("+33698765432").doesNotContain("+33 6 ** ** ** 32").doesNotContain("203.0.113.99")
			.doesNotContain("Bob-Browser")
			// the firm's launcher: neither their address, browser nor name
			.doesNotContain("192.0.2.10").doesNotContain("Cabinet)").doesNotContain("Lévêque");
		assertThatThrownBy(() -> trails.attestation(trail, "signer-z")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> trails.attestation(trail, "collection")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void hostileEventsAreRefusedAndAnotherFirmCannotAppend() {
		UUID trail = UUID.randomUUID();
		trails.append(trail, firm, new EvidenceEvent("collection.created", "collection", null, null, null, null));
		List<EvidenceEvent> hostile = List.of(
				new EvidenceEvent("anchor", "platform", null, null, null, Map.of()),
				new EvidenceEvent("Type With Spaces", "collection", null, null, null, Map.of()),
				new EvidenceEvent("x", "party\"", null, null, null, Map.of()),
				new EvidenceEvent("x", "collection", null, "not an ip<script>", null, Map.of()),
				new EvidenceEvent("x", "collection", null, null, null, Map.of("bad key", "v")),
				new EvidenceEvent("x", "collection", null, null, null, Map.of("k", "v".repeat(2001))),
				new EvidenceEvent(null, "collection", null, null, null, Map.of()));
		for (EvidenceEvent event : hostile) {
			assertThatThrownBy(() -> trails.append(trail, firm, event)).as(event.toString())
				.isInstanceOf(IllegalArgumentException.class);
		}
		Map<String, String> many = new java.util.HashMap<>();
		for (int i = 0; i < 65; i++) {
			many.put("k" + i, "v");
		}
		assertThatThrownBy(() -> trails.append(trail, firm, new EvidenceEvent("x", "collection", null, null, null, many)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> trails.append(trail, FirmId.random(),
				new EvidenceEvent("x", "collection", null, null, null, Map.of()))).isInstanceOf(IllegalArgumentException.class);
		long seq = trails.append(trail, firm, new EvidenceEvent("x", "collection", null, null, "a".repeat(600), Map.of()));
		assertThat(seq).isEqualTo(2);
		assertThat(trails.verify(trail)).isTrue();
		assertThatThrownBy(() -> trails.anchor(UUID.randomUUID())).isInstanceOf(EvidenceTrails.UnknownTrailException.class);
		assertThatThrownBy(() -> trails.json(UUID.randomUUID())).isInstanceOf(EvidenceTrails.UnknownTrailException.class);
	}

	@Test
	void purgeDeletesEndedTrailsAndKeepsTheOthers() {
		UUID old = UUID.randomUUID();
		trails.append(old, firm, new EvidenceEvent("collection.completed", "collection", null, null, null, Map.of()));
		jdbc.sql("UPDATE evidence_trail SET last_at = :at WHERE trail_id = :trail")
			.param("at", java.sql.Timestamp.from(Instant.parse("2015-01-01T00:00:00Z")))
			.param("trail", old)
			.update();
		UUID recent = UUID.randomUUID();
		trails.append(recent, firm, new EvidenceEvent("collection.completed", "collection", null, null, null, Map.of()));

		assertThat(trails.purge(Instant.parse("2016-11-30T00:00:00Z"))).isEqualTo(1);
		assertThat(trails.verify(old)).isFalse();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_entry WHERE trail_id = :trail").param("trail", old)
			.query(Integer.class).single()).isZero();
		assertThat(trails.verify(recent)).isTrue();
	}

	private void assertValidSeal(byte[] pdf) throws Exception {
		ValidationReport report = validator.validate(new ByteArrayInputStream(pdf), "preuve.pdf", Locale.FRENCH);
		assertThat(report.valid()).as(report.explanation()).isTrue();
		assertThat(report.signatures()).singleElement().satisfies(signature -> {
			assertThat(signature.indication()).isEqualTo(Indication.TOTAL_PASSED);
			assertThat(signature.signer().organisation()).isEqualTo("Paraphe Plateforme");
			assertThat(signature.level()).isEqualTo("PAdES-BASELINE-LTA");
		});
		Path pdfsig = ExternalTools.require("pdfsig", "poppler-utils");
		Path certutil = ExternalTools.require("certutil", "libnss3-tools");
		Path nss = Files.createDirectories(directory.resolve("nss-" + UUID.randomUUID()));
		Path der = directory.resolve("root.crt");
		Files.write(der, ca.authority(Authority.ROOT).encoded());
		run(certutil.toString(), "-N", "-d", "sql:" + nss, "--empty-password");
		run(certutil.toString(), "-A", "-d", "sql:" + nss, "-n", "root", "-t", "C,C,C", "-i", der.toString());
		Path file = directory.resolve("sealed.pdf");
		Files.write(file, pdf);
		String output = run(pdfsig.toString(), "-nssdir", "sql:" + nss, file.toString());
		assertThat(output).contains("Signature is Valid.")
			// pdfsig cannot verify the document time-stamp ("Unimplemented Feature"): it sees it cover the whole file.
			.contains("Total document signed").doesNotContain("Digest Mismatch").doesNotContain("Signature is Invalid");
	}

	private static String text(byte[] pdf) throws IOException {
		try (var document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document);
		}
	}

	private static ObjectNode entry(ObjectNode file, int index) {
		return (ObjectNode) file.get("entries").get(index);
	}

	/** Recomputes every hash and link as a forger would, with the same canonical form (jq -cjS, SHA-256). */
	private static void rehash(ObjectNode file) {
		String prev = sha256(("paraphe-evidence:" + file.get("trail").asString()).getBytes(StandardCharsets.UTF_8));
		ArrayNode entries = (ArrayNode) file.get("entries");
		for (int i = 0; i < entries.size(); i++) {
			ObjectNode entry = (ObjectNode) entries.get(i);
			entry.put("seq", i + 1);
			entry.put("prev", prev);
			entry.remove("hash");
			prev = sha256(canonical(entry).getBytes(StandardCharsets.UTF_8));
			entry.put("hash", prev);
		}
		((ObjectNode) file.get("head")).put("hash", prev);
	}

	private static String canonical(JsonNode node) {
		if (node.isObject()) {
			List<String> keys = new ArrayList<>(node.propertyNames());
			java.util.Collections.sort(keys);
			StringBuilder json = new StringBuilder("{");
			for (String key : keys) {
				if (json.length() > 1) {
					json.append(',');
				}
				json.append(JSON.writeValueAsString(key)).append(':').append(canonical(node.get(key)));
			}
			return json.append('}').toString();
		}
		return JSON.writeValueAsString(node);
	}

	private static String sha256(byte[] data) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (java.security.NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	record Check(int exitCode, String output) {
	}

	/** Runs docs/evidence-check.sh, the documented offline check, on {@code json}. */
	private Check check(byte[] json) throws Exception {
		ExternalTools.require("jq", "jq");
		ExternalTools.require("openssl", "openssl");
		Path file = Files.createTempFile(directory, "evidence", ".json");
		Files.write(file, json);
		Process process = new ProcessBuilder("sh", Path.of("docs/evidence-check.sh").toAbsolutePath().toString(),
				file.toString(), root.toString()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Check(process.exitValue(), output);
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(60, TimeUnit.SECONDS);
		return output;
	}

}
