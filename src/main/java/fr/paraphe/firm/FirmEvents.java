package fr.paraphe.firm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;

/**
 * What happens in a firm, as events for the audit trail and the notifications.
 */
public final class FirmEvents {

	private FirmEvents() {
	}

	public record FirmCreated(FirmId firm, String actor, String siren, String name, UUID eventId) implements Auditable {

		public FirmCreated(FirmId firm, String actor, String siren, String name) {
			this(firm, actor, siren, name, UUID.randomUUID());
		}

		public String action() {
			return "firm.created";
		}

		public Map<String, String> details() {
			return Map.of("siren", siren, "name", name);
		}

	}

	public record FirmDetailsChanged(FirmId firm, String actor, FirmDetails newDetails, UUID eventId) implements Auditable {

		public FirmDetailsChanged(FirmId firm, String actor, FirmDetails newDetails) {
			this(firm, actor, newDetails, UUID.randomUUID());
		}

		public String action() {
			return "firm.details.changed";
		}

		public Map<String, String> details() {
			Map<String, String> map = new LinkedHashMap<>();
			map.put("name", newDetails.name());
			map.put("ordreNumber", newDetails.ordreNumber());
			map.put("address", newDetails.addressLine() + ", " + newDetails.postalCode() + " " + newDetails.city());
			return map;
		}

	}

	public record CollaboratorAdded(FirmId firm, String actor, UUID member, String invitedAs, String role, UUID eventId)
			implements Auditable {

		public CollaboratorAdded(FirmId firm, String actor, UUID member, String invitedAs, String role) {
			this(firm, actor, member, invitedAs, role, UUID.randomUUID());
		}

		public String action() {
			return "firm.member.added";
		}

		public Map<String, String> details() {
			return Map.of("member", member.toString(), "invitedAs", invitedAs, "role", role);
		}

	}

	public record CollaboratorRemoved(FirmId firm, String actor, UUID member, String invitedAs, UUID eventId)
			implements Auditable {

		public CollaboratorRemoved(FirmId firm, String actor, UUID member, String invitedAs) {
			this(firm, actor, member, invitedAs, UUID.randomUUID());
		}

		public String action() {
			return "firm.member.removed";
		}

		public Map<String, String> details() {
			return Map.of("member", member.toString(), "invitedAs", invitedAs);
		}

	}

	public record DelegationGranted(FirmId firm, String actor, UUID member, Delegation delegation,
			Instant validUntil, UUID eventId) implements Auditable {

		public DelegationGranted(FirmId firm, String actor, UUID member, Delegation delegation, Instant validUntil) {
			this(firm, actor, member, delegation, validUntil, UUID.randomUUID());
		}

		public String action() {
			return "firm.delegation.granted";
		}

		public Map<String, String> details() {
			return Map.of("member", member.toString(), "delegation", delegation.name(), "validUntil",
					validUntil == null ? "" : validUntil.toString());
		}

	}

	public record DelegationWithdrawn(FirmId firm, String actor, UUID member, Delegation delegation, UUID eventId)
			implements Auditable {

		public DelegationWithdrawn(FirmId firm, String actor, UUID member, Delegation delegation) {
			this(firm, actor, member, delegation, UUID.randomUUID());
		}

		public String action() {
			return "firm.delegation.withdrawn";
		}

		public Map<String, String> details() {
			return Map.of("member", member.toString(), "delegation", delegation.name());
		}

	}

	/** An action refused for want of a delegation (or of any place in the firm). */
	public record ActionRefused(FirmId firm, String actor, String what, UUID eventId) implements Auditable {

		public ActionRefused(FirmId firm, String actor, String what) {
			this(firm, actor, what, UUID.randomUUID());
		}

		public String action() {
			return "firm.action.refused";
		}

		public Map<String, String> details() {
			return Map.of("refused", what);
		}

	}

	public record AccessRequested(FirmId firm, String actor, String name, String email, UUID eventId) implements Auditable {

		public AccessRequested(FirmId firm, String actor, String name, String email) {
			this(firm, actor, name, email, UUID.randomUUID());
		}

		public String action() {
			return "firm.access.requested";
		}

		public Map<String, String> details() {
			return Map.of("name", name, "email", email == null ? "" : email);
		}

	}

	/** An owner handed the firm to another expert-comptable of it: the other is an owner, the former one a collaborator. */
	public record FirmHandedOver(FirmId firm, String actor, UUID fromMember, UUID toMember, UUID eventId)
			implements Auditable {

		public FirmHandedOver(FirmId firm, String actor, UUID fromMember, UUID toMember) {
			this(firm, actor, fromMember, toMember, UUID.randomUUID());
		}

		public String action() {
			return "firm.handedOver";
		}

		public Map<String, String> details() {
			return Map.of("fromMember", fromMember.toString(), "toMember", toMember.toString());
		}

	}

	/** A member deleted their account: their place ends and the firm's records show their pseudonym. */
	public record MemberAccountDeleted(FirmId firm, String actor, UUID member, UUID eventId) implements Auditable {

		public MemberAccountDeleted(FirmId firm, String actor, UUID member) {
			this(firm, actor, member, UUID.randomUUID());
		}

		public String action() {
			return "firm.member.accountDeleted";
		}

		public Map<String, String> details() {
			return Map.of("member", member.toString());
		}

	}

	/**
	 * The owner closed the firm: its members lost access, its seal and API keys were ended; its documents and audit
	 * trail stay for their retention. {@code balanceChoice}: REFUND (a refund of the balance asked), FORFEIT (given
	 * up), or null (nothing left).
	 */
	public record FirmClosed(FirmId firm, String actor, String balanceChoice, UUID eventId) implements Auditable {

		public FirmClosed(FirmId firm, String actor, String balanceChoice) {
			this(firm, actor, balanceChoice, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "firm.closed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("balanceChoice", balanceChoice == null ? "NONE" : balanceChoice);
		}

	}

}
