package fr.paraphe.registration;

import java.util.Map;
import java.util.UUID;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;

/** What happens to registrations and to the certificates of their holders, for the audit trail. */
public final class RegistrationEvents {

	private RegistrationEvents() {
	}

	public record RegistrationSubmitted(String actor, UUID registration, String documentType) implements Auditable {

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "registration.submitted";
		}

		public Map<String, String> details() {
			return Map.of("registration", registration.toString(), "documentType", documentType);
		}

	}

	/** An officer opened an identity document of a registration (personal data: each view is recorded). */
	public record DocumentViewed(String actor, UUID registration, UUID document) implements Auditable {

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "registration.document.viewed";
		}

		public Map<String, String> details() {
			return Map.of("registration", registration.toString(), "document", document.toString());
		}

	}

	public record RegistrationApproved(String actor, UUID registration, String holder, String certificateSerial)
			implements Auditable {

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "registration.approved";
		}

		public Map<String, String> details() {
			return Map.of("registration", registration.toString(), "holder", holder, "certificate", certificateSerial);
		}

	}

	public record RegistrationRejected(String actor, UUID registration, String holder) implements Auditable {

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "registration.rejected";
		}

		public Map<String, String> details() {
			return Map.of("registration", registration.toString(), "holder", holder);
		}

	}

	public record RegistrationDocumentsDeleted(String actor, UUID registration) implements Auditable {

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "registration.documents.deleted";
		}

		public Map<String, String> details() {
			return Map.of("registration", registration.toString());
		}

	}

	public record CertificateRevokedByHolder(String actor, String certificateSerial, String reason, String channel)
			implements Auditable {

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "registration.certificate.revoked";
		}

		public Map<String, String> details() {
			return Map.of("certificate", certificateSerial, "reason", reason, "codeChannel", channel);
		}

	}

}
