package fr.paraphe.collection.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.evidence.EvidenceTrails;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Pièces justificatives: the documents a signer provides while signing (an identity document, a RIB), as the
 * preparer asked ({@link SignerOptions#attachments()}). What a file is comes from its first bytes, never from its
 * name or declared type; each one is limited in size, one file per request (a new one replaces it). They are kept
 * with the collection and deleted by the same purge as the signed documents; their SHA-256 goes into the evidence
 * trail. The firm downloads them from the collection's page; no signer sees another's.
 */
@Service
public class Attachments {

	private final SignerDesk desk;

	private final SignerOptionStore options;

	private final CollectionStore store;

	private final Collections collections;

	private final EvidenceTrails evidence;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final long maxBytes;

	Attachments(SignerDesk desk, SignerOptionStore options, CollectionStore store, Collections collections,
			EvidenceTrails evidence, Clock clock, TransactionTemplate transactions,
			@Value("${paraphe.collection.attachment-max-size:10MB}") DataSize maxSize) {
		this.desk = desk;
		this.options = options;
		this.store = store;
		this.collections = collections;
		this.evidence = evidence;
		this.clock = clock;
		this.transactions = transactions;
		this.maxBytes = maxSize.toBytes();
	}

	/** The largest file a signer may provide, in bytes. */
	public long maxBytes() {
		return maxBytes;
	}

	/** What a signer provided, as the firm sees it (the content only through {@link #download}). */
	public record Attachment(UUID id, UUID signer, String label, String fileName, String mediaType, long size,
			String sha256, Instant uploadedAt) {
	}

	/**
	 * A signer provides the document of request {@code number} (from 1); it replaces the one they gave before.
	 * @throws ProblemException 404 unknown link or request, 409/403 not their turn, 413
	 * {@code collection.error.attachmentTooLarge}, 415 {@code collection.error.attachmentType} (the first bytes are
	 * none of the accepted types), 400 {@code collection.error.attachmentEmpty}
	 */
	public void provide(String token, int number, String fileName, byte[] content, UserId loggedIn,
			Collections.Origin origin) {
		if (content == null || content.length == 0) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.attachmentEmpty");
		}
		if (content.length > maxBytes) {
			throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "collection.error.attachmentTooLarge",
					maxBytes / (1024 * 1024));
		}
		SignerOptions.FileType type = SignerOptions.FileType.sniff(java.util.Arrays.copyOf(content, Math.min(16, content.length)));
		transactions.executeWithoutResult(status -> {
			CollectionStore.SignerRow row = desk.turnOf(token, loggedIn);
			List<SignerOptions.AttachmentRequest> asked = options.of(row.collection(), row.signer().id()).attachments();
			if (number < 1 || number > asked.size()) {
				throw new ProblemException(HttpStatus.NOT_FOUND, "collection.error.attachmentUnknown");
			}
			SignerOptions.AttachmentRequest request = asked.get(number - 1);
			if (type == null || !request.types().contains(type)) {
				throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "collection.error.attachmentType",
						String.join(", ", request.types().stream().map(Enum::name).toList()));
			}
			String name = Collections.fileName(fileName == null || fileName.isBlank()
					? "piece-" + number + "." + type.extension() : fileName);
			String sha256 = fr.paraphe.shared.Sha256.hex(content);
			Instant now = clock.instant();
			options.putAttachment(new SignerOptionStore.Attachment(UUID.randomUUID(), row.collection(),
					row.signer().id(), number, name, type.mediaType(), content.length, sha256, now, content));
			store.event(row.collection(), row.signer().id(), "attachment", request.label() + " : " + name, now);
			Map<String, String> details = new LinkedHashMap<>();
			details.put("label", request.label());
			details.put("fileName", name);
			details.put("type", type.mediaType());
			details.put("size", String.valueOf(content.length));
			details.put("sha256", sha256);
			evidence.append(row.collection(), store.head(row.collection()).orElseThrow().firm(),
					origin.event("signer.attachment", Invitations.party(row.signer()), now, details));
		});
	}

	/** What the signers of a collection provided. PREPARE or LAUNCH, or owner. @throws ProblemException 404, 403 */
	public List<Attachment> of(UserId actor, FirmId firm, UUID collection) {
		Collection found = collections.find(actor, firm, collection);
		Map<UUID, SignerOptions> asked = collections.optionsOf(found.id());
		return transactions.execute(status -> options.attachments(found.id()))
			.stream()
			.map(attachment -> new Attachment(attachment.id(), attachment.signer(),
					label(asked.getOrDefault(attachment.signer(), SignerOptions.NONE), attachment.number()),
					attachment.fileName(), attachment.mediaType(), attachment.size(), attachment.sha256(),
					attachment.uploadedAt()))
			.toList();
	}

	/** A file a signer provided, for the firm. @throws ProblemException 404 (another firm's, unknown or purged) */
	public SignerOptionStore.Attachment download(UserId actor, FirmId firm, UUID collection, UUID attachment) {
		Collection found = collections.find(actor, firm, collection);
		return transactions.execute(status -> options.attachment(found.id(), attachment))
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument"));
	}

	private static String label(SignerOptions asked, int number) {
		return number >= 1 && number <= asked.attachments().size() ? asked.attachments().get(number - 1).label() : "";
	}

}
