package fr.paraphe.signing;

import java.util.Map;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;

/** What the signing module publishes for the audit trail (no document content: its SHA-256 only). */
public final class SigningEvents {

	private SigningEvents() {
	}

	/** A PDF was sealed with the firm's seal. */
	public record DocumentSealed(FirmId firm, String actor, String level, String certificateSerial, String sha256)
			implements Auditable {

		@Override
		public String action() {
			return "signing.document.sealed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("level", level, "certificate", certificateSerial, "sha256", sha256);
		}

	}

	/** A user signed a PDF with their signing certificate. */
	public record DocumentSigned(FirmId firm, String actor, String level, String certificateSerial, String sha256)
			implements Auditable {

		@Override
		public String action() {
			return "signing.document.signed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("level", level, "certificate", certificateSerial, "sha256", sha256);
		}

	}

	/** The signatures of a signed PDF were raised to a higher level. */
	public record DocumentExtended(FirmId firm, String actor, String level, String sha256Before, String sha256)
			implements Auditable {

		@Override
		public String action() {
			return "signing.document.extended";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("level", level, "before", sha256Before, "sha256", sha256);
		}

	}

	/** An API key of the sealing API was created or revoked. */
	public record ApiKeyChanged(FirmId firm, String actor, String keyPrefix, boolean revoked) implements Auditable {

		@Override
		public String action() {
			return revoked ? "signing.apikey.revoked" : "signing.apikey.created";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("key", keyPrefix + "…");
		}

	}

	static String sha256(byte[] document) {
		return java.util.HexFormat.of().formatHex(fr.paraphe.pki.DigestAlgorithm.SHA256.newMessageDigest().digest(document));
	}

}
