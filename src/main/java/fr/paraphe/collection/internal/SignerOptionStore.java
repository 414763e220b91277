package fr.paraphe.collection.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables {@code collection_signer_option}, {@code collection_attachment_request} and
 * {@code collection_attachment}: what a signer is asked beyond signing, and the documents they provided.
 */
@Component
public class SignerOptionStore {

	private final JdbcClient jdbc;

	SignerOptionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A document a signer provided; {@code content} null once purged or when not read. */
	public record Attachment(UUID id, UUID collection, UUID signer, int number, String fileName, String mediaType,
			long size, String sha256, Instant uploadedAt, byte[] content) {
	}

	public void insert(UUID signer, SignerOptions options) {
		if (!options.any()) {
			return;
		}
		jdbc.sql("INSERT INTO collection_signer_option (signer_id, initials, mention, place_and_date) VALUES (?, ?, ?, ?)")
			.params(signer, options.initials(), options.mention(), options.placeAndDate())
			.update();
		int number = 1;
		for (SignerOptions.AttachmentRequest request : options.attachments()) {
			jdbc.sql("INSERT INTO collection_attachment_request (signer_id, number, label, types) VALUES (?, ?, ?, ?)")
				.params(signer, number++, request.label(),
						String.join(",", request.types().stream().map(Enum::name).toList()))
				.update();
		}
	}

	/** The options of each signer of a collection who has some. */
	public Map<UUID, SignerOptions> ofCollection(UUID collection) {
		Map<UUID, List<SignerOptions.AttachmentRequest>> requests = new HashMap<>();
		jdbc.sql("SELECT r.* FROM collection_attachment_request r JOIN collection_signer s ON s.id = r.signer_id "
				+ "WHERE s.collection_id = ? ORDER BY r.signer_id, r.number")
			.param(collection)
			.query((rs, row) -> Map.entry(rs.getObject("signer_id", UUID.class),
					new SignerOptions.AttachmentRequest(rs.getString("label"),
							Arrays.stream(rs.getString("types").split(",")).map(SignerOptions.FileType::valueOf).toList())))
			.list()
			.forEach(entry -> requests.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
		Map<UUID, SignerOptions> options = new HashMap<>();
		jdbc.sql("SELECT o.* FROM collection_signer_option o JOIN collection_signer s ON s.id = o.signer_id "
				+ "WHERE s.collection_id = ?")
			.param(collection)
			.query((rs, row) -> {
				UUID signer = rs.getObject("signer_id", UUID.class);
				return Map.entry(signer, new SignerOptions(rs.getBoolean("initials"), rs.getString("mention"),
						rs.getBoolean("place_and_date"), requests.getOrDefault(signer, List.of())));
			})
			.list()
			.forEach(entry -> options.put(entry.getKey(), entry.getValue()));
		return options;
	}

	public SignerOptions of(UUID collection, UUID signer) {
		return ofCollection(collection).getOrDefault(signer, SignerOptions.NONE);
	}

	/** Keeps (or replaces) the document a signer provided for request {@code number}. */
	public void putAttachment(Attachment attachment) {
		jdbc.sql("DELETE FROM collection_attachment WHERE signer_id = ? AND number = ?")
			.params(attachment.signer(), attachment.number())
			.update();
		jdbc.sql("INSERT INTO collection_attachment (id, collection_id, signer_id, number, file_name, media_type, "
				+ "size_bytes, sha256, content, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(attachment.id(), attachment.collection(), attachment.signer(), attachment.number(),
					attachment.fileName(), attachment.mediaType(), attachment.size(), attachment.sha256(),
					attachment.content(), Timestamp.from(attachment.uploadedAt()))
			.update();
	}

	/** What the signers of a collection provided, without the contents. */
	public List<Attachment> attachments(UUID collection) {
		return jdbc.sql("SELECT id, collection_id, signer_id, number, file_name, media_type, size_bytes, sha256, "
				+ "uploaded_at FROM collection_attachment WHERE collection_id = ? ORDER BY uploaded_at, number")
			.param(collection)
			.query((rs, row) -> attachment(rs, false))
			.list();
	}

	/** One attachment of a collection with its content, if not purged. */
	public Optional<Attachment> attachment(UUID collection, UUID id) {
		return jdbc.sql("SELECT * FROM collection_attachment WHERE collection_id = ? AND id = ? AND content IS NOT NULL")
			.params(collection, id)
			.query((rs, row) -> attachment(rs, true))
			.optional();
	}

	private static Attachment attachment(java.sql.ResultSet rs, boolean withContent) throws java.sql.SQLException {
		return new Attachment(rs.getObject("id", UUID.class), rs.getObject("collection_id", UUID.class),
				rs.getObject("signer_id", UUID.class), rs.getInt("number"), rs.getString("file_name"),
				rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
				rs.getTimestamp("uploaded_at").toInstant(), withContent ? rs.getBytes("content") : null);
	}

}
