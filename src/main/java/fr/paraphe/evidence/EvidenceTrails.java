package fr.paraphe.evidence;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.paraphe.evidence.internal.Anchors;
import fr.paraphe.evidence.internal.Canonical;
import fr.paraphe.evidence.internal.EvidencePdf;
import fr.paraphe.evidence.internal.EvidenceStore;
import fr.paraphe.evidence.internal.StoredEntry;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.shared.FirmId;
import fr.paraphe.timestamp.TimeStampAuthority;
import fr.paraphe.validation.ReportSeal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evidence trails: append-only, hash-chained lists of {@link EvidenceEvent}s, one per collection, anchored by
 * RFC 3161 time-stamps of their head, and the documents made of them (the JSON file, the sealed PDF, each party's
 * attestation). How to check a trail offline: docs/evidence.md.
 * <p>
 * Each entry's hash is the SHA-256 of its canonical JSON (the entry as the file gives it, without its hash, keys
 * sorted, no spaces: what {@code jq -cjS 'del(.hash)'} prints), and that JSON holds the previous entry's hash
 * ({@code prev}); the first entry's {@code prev} is the SHA-256 of {@code paraphe-evidence:<trail id>}. An anchor
 * is an entry of type {@code anchor} whose {@code token} is a time-stamp token over the previous entry's hash,
 * from the platform's TSA: recomputing the hashes after an edit is easy, but then the anchors that follow no longer
 * match, and nobody but the TSA can make new ones with a past time.
 */
@Service
public class EvidenceTrails {

	/** Parties whose events concern the whole collection: in every attestation, without addresses or clients. */
	public static final List<String> COLLECTION_PARTIES = List.of("collection", "firm", "platform");

	/**
	 * Detail keys an attestation shows for the collection's own events: {@code title}, {@code state}, and keys
	 * starting with {@code document} (the documents' names and hashes). Other details stay in the firm's file.
	 */
	public static final Pattern PUBLIC_DETAIL = Pattern.compile("title|state|document[A-Za-z0-9._-]*");

	private static final Pattern TYPE = Pattern.compile("[a-z0-9._-]{1,64}");

	private static final Pattern PARTY = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

	private static final Pattern DETAIL_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final int MAX_DETAILS = 64;

	private static final int MAX_VALUE = 2000;

	private static final int MAX_USER_AGENT = 512;

	private static final DateTimeFormatter PARIS = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
		.withZone(ZoneId.of("Europe/Paris"));

	private final EvidenceStore store;

	private final TimeStampAuthority tsa;

	private final CertificationAuthority ca;

	private final ObjectProvider<ReportSeal> seal;

	private final ObjectProvider<PadesSigner> pades;

	private final TransactionTemplate transactions;

	private final Clock clock;

	EvidenceTrails(EvidenceStore store, TimeStampAuthority tsa, CertificationAuthority ca,
			ObjectProvider<ReportSeal> seal, ObjectProvider<PadesSigner> pades, TransactionTemplate transactions,
			Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.tsa = tsa;
		this.ca = ca;
		this.seal = seal;
		this.pades = pades;
		this.clock = clock;
	}

	/**
	 * Appends an event to {@code trail}, creating the trail on its first append. Joins the caller's transaction;
	 * appends to one trail are serialised by a row lock, so the chain never forks.
	 * <p>
	 * Texts are kept as given except C0 control characters, DEL and unpaired surrogates, which become U+FFFD (so
	 * that the canonical encoding needs no escape but {@code \"} and {@code \\}); the user agent is cut to 512
	 * characters.
	 * @return the entry's sequence number (1 for the first)
	 * @throws IllegalArgumentException if the event breaks the rules of {@link EvidenceEvent}, or the trail
	 * belongs to another firm
	 */
	@Transactional
	public long append(UUID trail, FirmId firm, EvidenceEvent event) {
		Objects.requireNonNull(trail, "trail");
		Objects.requireNonNull(firm, "firm");
		Objects.requireNonNull(event, "event");
		String type = require(event.type(), TYPE, "type");
		if (StoredEntry.ANCHOR.equals(type)) {
			throw new IllegalArgumentException("type 'anchor' is reserved for time-stamps of the chain");
		}
		String party = require(event.party(), PARTY, "party");
		String ip = event.ip() == null ? null : require(event.ip(), IP, "ip");
		String userAgent = cut(Canonical.cleanText(event.userAgent()), MAX_USER_AGENT);
		String details = details(event.details());
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant at = event.at() == null ? now : event.at().truncatedTo(ChronoUnit.MICROS);
		EvidenceStore.Head head = store.createAndLock(trail, firm.value(), Canonical.genesis(trail), now);
		if (!head.firm().equals(firm.value())) {
			throw new IllegalArgumentException("The evidence trail " + trail + " belongs to another firm");
		}
		return write(trail, head, type, party, at, ip, userAgent, details, null);
	}

	/**
	 * Time-stamps the trail's current head with the platform's TSA and appends the token as an entry of type
	 * {@code anchor} (party {@code platform}, details {@code anchoredSeq}). Joins the caller's transaction.
	 * @throws UnknownTrailException if the trail does not exist
	 */
	@Transactional
	public void anchor(UUID trail) {
		EvidenceStore.Head head = store.lock(trail).orElseThrow(() -> new UnknownTrailException(trail));
		anchorLocked(trail, head);
	}

	private void anchorLocked(UUID trail, EvidenceStore.Head head) {
		byte[] token = tsa.timeStamp(DigestAlgorithm.SHA256, HexFormat.of().parseHex(head.hash()));
		SortedMap<String, String> details = new TreeMap<>(Map.of("anchoredSeq", Long.toString(head.seq())));
		write(trail, head, StoredEntry.ANCHOR, "platform", clock.instant().truncatedTo(ChronoUnit.MICROS), null, null,
				Canonical.details(details), token);
	}

	private long write(UUID trail, EvidenceStore.Head head, String type, String party, Instant at, String ip,
			String userAgent, String details, byte[] token) {
		StoredEntry entry = new StoredEntry(head.seq() + 1, type, party, at, ip, userAgent, details, token, head.hash(),
				null);
		entry = entry.withHash(Canonical.hash(entry));
		store.append(trail, entry);
		return entry.seq();
	}

	/**
	 * Whether the trail is whole: sequence numbers from 1 without gap, each entry's hash recomputes from its
	 * content, each links to the one before (the first to the trail's genesis value), the trail's head is the last
	 * entry, and every anchor's token is a valid time-stamp of the platform's TSA over the hash it follows.
	 * @return false for a trail that does not exist
	 */
	@Transactional
	public boolean verify(UUID trail) {
		// The trail's lock: the head and the entries are read as of one moment, appends waiting meanwhile.
		EvidenceStore.Head head = store.lock(trail).orElse(null);
		if (head == null) {
			return false;
		}
		return firstBreak(trail, store.entries(trail), head) < 0;
	}

	/** The sequence number of the first entry that does not verify, 0 for a wrong head, -1 when all verify. */
	private long firstBreak(UUID trail, List<StoredEntry> entries, EvidenceStore.Head head) {
		X509Certificate root = ca.authority(Authority.ROOT).certificate();
		String previous = Canonical.genesis(trail);
		long expected = 1;
		for (StoredEntry entry : entries) {
			if (entry.seq() != expected || !entry.prev().equals(previous) || !Canonical.hash(entry).equals(entry.hash())
					|| entry.isAnchor() && !Anchors.valid(entry.token(), entry.prev(), root)
					|| !entry.isAnchor() && entry.token() != null) {
				return expected;
			}
			previous = entry.hash();
			expected++;
		}
		return head.seq() == entries.size() && head.hash().equals(previous) ? -1 : 0;
	}

	/**
	 * The whole evidence file as JSON (UTF-8): the trail, its head, and every entry with its hash and previous
	 * hash, anchors' tokens in base64. The file always ends with an anchor: if events came after the last one, the
	 * head is anchored first (joining the caller's transaction, if any), so that removing the file's last entries
	 * shows.
	 * @throws UnknownTrailException if the trail does not exist
	 */
	public byte[] json(UUID trail) {
		Snapshot snapshot = anchoredEntries(trail);
		List<StoredEntry> entries = snapshot.entries();
		EvidenceStore.Head head = snapshot.head();
		StringBuilder json = new StringBuilder(4096);
		json.append("{\n\"format\": \"paraphe-evidence/1\",\n\"trail\": \"").append(trail)
			.append("\",\n\"firm\": \"").append(head.firm())
			.append("\",\n\"exportedAt\": \"").append(clock.instant().truncatedTo(ChronoUnit.SECONDS))
			.append("\",\n\"head\": {\"seq\": ").append(head.seq()).append(", \"hash\": \"").append(head.hash())
			.append("\"},\n\"entries\": [\n");
		for (int i = 0; i < entries.size(); i++) {
			StoredEntry entry = entries.get(i);
			String canonical = Canonical.encode(entry);
			json.append(canonical, 0, canonical.length() - 1).append(",\"hash\":\"").append(entry.hash()).append("\"}");
			json.append(i + 1 < entries.size() ? ",\n" : "\n");
		}
		json.append("]\n}\n");
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The entries, after anchoring the head if the last entry is not an anchor: a short transaction of its own (or
	 * the caller's), so that rendering and sealing never hold the trail's lock.
	 */
	private Snapshot anchoredEntries(UUID trail) {
		return transactions.execute(status -> {
			EvidenceStore.Head head = store.lock(trail).orElseThrow(() -> new UnknownTrailException(trail));
			List<StoredEntry> entries = store.entries(trail);
			if (entries.isEmpty() || !entries.get(entries.size() - 1).isAnchor()) {
				anchorLocked(trail, head);
				entries = store.entries(trail);
			}
			return new Snapshot(head.firm(), entries);
		});
	}

	/** A trail as read in one transaction: its firm and entries, the last one its head. */
	private record Snapshot(UUID firm, List<StoredEntry> entries) {

		EvidenceStore.Head head() {
			StoredEntry last = entries.get(entries.size() - 1);
			return new EvidenceStore.Head(firm, last.seq(), last.hash());
		}

	}

	/**
	 * The evidence file as a readable French PDF (every event in a table, the anchors, the head), sealed by the
	 * platform's seal and raised to PAdES B-LTA. The head is anchored first if needed, as for {@link #json}.
	 * @throws UnknownTrailException if the trail does not exist
	 * @throws IllegalStateException if the platform has no seal ({@code paraphe.signing.platform-seal.siren})
	 */
	public byte[] sealedPdf(UUID trail) {
		Snapshot snapshot = anchoredEntries(trail);
		List<StoredEntry> entries = snapshot.entries();
		EvidenceStore.Head head = snapshot.head();
		boolean whole = firstBreak(trail, entries, head) < 0;
		List<EvidencePdf.Row> rows = new ArrayList<>();
		for (StoredEntry entry : entries) {
			rows.add(row(entry, true));
		}
		List<String[]> facts = List.of(new String[] { "Dossier", trail.toString() },
				new String[] { "Cabinet", head.firm().toString() },
				new String[] { "Établi le", now() },
				new String[] { "Événements", Long.toString(entries.stream().filter(e -> !e.isAnchor()).count())
						+ ", dont " + entries.stream().filter(StoredEntry::isAnchor).count() + " horodatages de la chaîne" },
				new String[] { "Dernière empreinte (SHA-256)", head.hash() },
				new String[] { "Intégrité de la chaîne", whole
						? "vérifiée : chaque empreinte se recalcule et chaque horodatage est valide"
						: "NON VÉRIFIÉE : la chaîne a été modifiée" });
		return sealed("Dossier de preuve", facts, rows,
				"Chaque événement est chaîné au précédent par son empreinte SHA-256 ; les horodatages RFC 3161 de "
						+ "l'autorité d'horodatage de Paraphe figent la chaîne à leur date. Le même dossier au format "
						+ "JSON se vérifie hors ligne avec jq, sha256sum et openssl (docs/evidence.md).");
	}

	/**
	 * {@code party}'s own attestation, a sealed PDF (PAdES B-LTA): their events in full (their identity as
	 * verified, the channel and masked address of their codes, their times, address and browser), the collection's
	 * own events ({@link #COLLECTION_PARTIES}) with their time and {@link #PUBLIC_DETAIL public details} only (the
	 * documents' hashes), and the anchors. Another party's events, addresses, IP addresses and user agents are never
	 * in it.
	 * @throws UnknownTrailException if the trail does not exist
	 * @throws IllegalArgumentException if {@code party} has no event in the trail
	 */
	public byte[] attestation(UUID trail, String party) {
		require(party, PARTY, "party");
		Snapshot snapshot = anchoredEntries(trail);
		List<StoredEntry> entries = snapshot.entries();
		if (COLLECTION_PARTIES.contains(party) || entries.stream().noneMatch(entry -> entry.party().equals(party))) {
			throw new IllegalArgumentException("No signer '" + party + "' in the evidence trail " + trail);
		}
		EvidenceStore.Head head = snapshot.head();
		List<EvidencePdf.Row> rows = new ArrayList<>();
		for (StoredEntry entry : entries) {
			if (entry.party().equals(party)) {
				rows.add(row(entry, true));
			}
			else if (COLLECTION_PARTIES.contains(entry.party())) {
				rows.add(row(entry, false));
			}
		}
		List<String[]> facts = List.of(new String[] { "Dossier", trail.toString() },
				new String[] { "Signataire", party }, new String[] { "Établie le", now() },
				new String[] { "Dernière empreinte du dossier (SHA-256)", head.hash() });
		return sealed("Attestation de signature", facts, rows,
				"Cette attestation reprend les événements qui vous concernent et ceux de la collecte elle-même, tels "
						+ "qu'enregistrés dans le dossier de preuve chaîné et horodaté de la collecte. Les empreintes "
						+ "indiquées permettent de les retrouver dans le dossier complet détenu par le cabinet.");
	}

	private String now() {
		return PARIS.format(clock.instant()) + " (heure de Paris)";
	}

	/**
	 * Deletes the trails whose last entry is older than {@code endedBefore} (evidence retention, 10 years by
	 * default: the caller decides).
	 * @return how many trails were deleted
	 */
	@Transactional
	public int purge(Instant endedBefore) {
		return store.purge(endedBefore);
	}

	/** The document rendered, sealed by the platform and raised to B-LTA. */
	private byte[] sealed(String title, List<String[]> facts, List<EvidencePdf.Row> rows, String note) {
		byte[] pdf = EvidencePdf.render(title, facts, rows,
				List.of(note, "Ce document est scellé par le cachet de la plateforme (PAdES B-LTA)."));
		ReportSeal platformSeal = seal.getIfAvailable();
		PadesSigner signer = pades.getIfAvailable();
		if (platformSeal == null || signer == null) {
			throw new IllegalStateException(
					"The platform has no seal: set paraphe.signing.platform-seal.siren to seal evidence files");
		}
		return signer.extend(platformSeal.seal(pdf), SignatureLevel.B_LTA);
	}

	private static EvidencePdf.Row row(StoredEntry entry, boolean full) {
		StringBuilder details = new StringBuilder();
		if (entry.isAnchor()) {
			details.append("Horodatage RFC 3161 de l'empreinte ").append(entry.prev());
		}
		else {
			if (full && entry.ip() != null) {
				details.append("Adresse IP : ").append(entry.ip()).append('\n');
			}
			if (full && entry.userAgent() != null) {
				details.append("Navigateur : ").append(entry.userAgent()).append('\n');
			}
			for (Map.Entry<String, String> detail : parseDetails(entry.detailsJson()).entrySet()) {
				if (full || PUBLIC_DETAIL.matcher(detail.getKey()).matches()) {
					details.append(detail.getKey()).append(" : ").append(detail.getValue()).append('\n');
				}
			}
		}
		details.append("Empreinte : ").append(entry.hash());
		return new EvidencePdf.Row(Long.toString(entry.seq()), PARIS.format(entry.at()),
				entry.isAnchor() ? "Horodatage de la chaîne" : entry.type(), entry.party(), details.toString());
	}

	private static SortedMap<String, String> parseDetails(String json) {
		return Canonical.parseDetails(json);
	}

	private static String details(Map<String, String> details) {
		SortedMap<String, String> sorted = new TreeMap<>();
		if (details == null) {
			return Canonical.details(sorted);
		}
		if (details.size() > MAX_DETAILS) {
			throw new IllegalArgumentException("at most " + MAX_DETAILS + " details");
		}
		for (Map.Entry<String, String> detail : details.entrySet()) {
			String key = require(detail.getKey(), DETAIL_KEY, "detail key");
			String value = Canonical.cleanText(detail.getValue());
			if (value == null) {
				throw new IllegalArgumentException("detail '" + key + "' has no value");
			}
			if (value.length() > MAX_VALUE) {
				throw new IllegalArgumentException("detail '" + key + "' is longer than " + MAX_VALUE + " characters");
			}
			sorted.put(key, value);
		}
		return Canonical.details(sorted);
	}

	private static String require(String value, Pattern pattern, String name) {
		if (value == null || !pattern.matcher(value).matches()) {
			throw new IllegalArgumentException(name + " must match " + pattern.pattern());
		}
		return value;
	}

	private static String cut(String text, int length) {
		if (text == null || text.length() <= length) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
		return text.substring(0, end);
	}

	/** No trail has this id. */
	public static final class UnknownTrailException extends RuntimeException {

		public UnknownTrailException(UUID trail) {
			super("No evidence trail " + trail);
		}

	}

}
