package fr.paraphe.registration;

import java.util.Map;
import java.util.UUID;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;

/** What happens to registrations and to the certificates of their holders, for the audit trail. */
public final class RegistrationEvents {

	private RegistrationEvents() {
	}

	public record RegistrationSubmitted(String actor, UUID registration, String documentType, UUID eventId) implements Auditable {

		public RegistrationSubmitted(String actor, UUID registration, String documentType) {
			this(actor, registration, documentType, UUID.randomUUID());
		}

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
	public record DocumentViewed(String actor, UUID registration, UUID document, UUID eventId) implements Auditable {

		public DocumentViewed(String actor, UUID registration, UUID document) {
			this(actor, registration, document, UUID.randomUUID());
		}

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

	public record RegistrationApproved(String actor, UUID registration, String holder, String certificateSerial, UUID eventId)
			implements Auditable {

		public RegistrationApproved(String actor, UUID registration, String holder, String certificateSerial) {
			this(actor, registration, holder, certificateSerial, UUID.randomUUID());
		}

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

	public record RegistrationRejected(String actor, UUID registration, String holder, UUID eventId) implements Auditable {

		public RegistrationRejected(String actor, UUID registration, String holder) {
			this(actor, registration, holder, UUID.randomUUID());
		}

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

	public record RegistrationDocumentsDeleted(String actor, UUID registration, UUID eventId) implements Auditable {

		public RegistrationDocumentsDeleted(String actor, UUID registration) {
			this(actor, registration, UUID.randomUUID());
		}

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

	public record CertificateRevokedByHolder(String actor, String certificateSerial, String reason, String channel, UUID eventId)
			implements Auditable {

		public CertificateRevokedByHolder(String actor, String certificateSerial, String reason, String channel) {
			this(actor, certificateSerial, reason, channel, UUID.randomUUID());
		}

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
