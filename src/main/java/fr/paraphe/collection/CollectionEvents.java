package fr.paraphe.collection;

import java.util.Map;
import java.util.UUID;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;

/** What the collection module publishes for the audit trail: each change of a collection's state. */
public final class CollectionEvents {

	private CollectionEvents() {
	}

	/**
	 * A collection changed state (or a draft was sent back: {@code status} DRAFT, {@code what} "sentBack").
	 * @param what created, launched, sentBack, completed, declined, expired, cancelled
	 */
	public record CollectionChanged(FirmId firm, String actor, UUID collection, String what, String status,
			UUID eventId) implements Auditable {

		public CollectionChanged(FirmId firm, String actor, UUID collection, String what, String status) {
			this(firm, actor, collection, what, status, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "collection." + what;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("collection", collection.toString(), "status", status);
		}

	}

	/** A signer of a collection signed or declined. */
	public record SignerFinished(FirmId firm, String actor, UUID collection, UUID signer, String status,
			String certificateSerial, UUID eventId) implements Auditable {

		public SignerFinished(FirmId firm, String actor, UUID collection, UUID signer, String status,
				String certificateSerial) {
			this(firm, actor, collection, signer, status, certificateSerial, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "collection.signer." + status.toLowerCase(java.util.Locale.ROOT);
		}

		@Override
		public Map<String, String> details() {
			return certificateSerial == null ? Map.of("collection", collection.toString(), "signer", signer.toString())
					: Map.of("collection", collection.toString(), "signer", signer.toString(), "certificate",
							certificateSerial);
		}

	}

}
