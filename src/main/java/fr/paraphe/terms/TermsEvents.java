package fr.paraphe.terms;

import java.util.UUID;
import java.util.Map;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;

/** What happens to the CGU, for the audit trail. */
public final class TermsEvents {

	private TermsEvents() {
	}

	public record TermsPublished(String actor, int version, String sha256, UUID eventId) implements Auditable {

		public TermsPublished(String actor, int version, String sha256) {
			this(actor, version, sha256, UUID.randomUUID());
		}

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "terms.published";
		}

		public Map<String, String> details() {
			return Map.of("version", Integer.toString(version), "sha256", sha256);
		}

	}

	public record TermsAccepted(String actor, int version, String sha256, String address, UUID eventId) implements Auditable {

		public TermsAccepted(String actor, int version, String sha256, String address) {
			this(actor, version, sha256, address, UUID.randomUUID());
		}

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "terms.accepted";
		}

		public Map<String, String> details() {
			return Map.of("version", Integer.toString(version), "sha256", sha256, "address", address);
		}

	}

}
