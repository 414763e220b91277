package fr.paraphe.firm.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.FirmDetails;
import fr.paraphe.firm.FirmRole;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The firm tables. Every query that returns firm data is scoped by the firm's id.
 */
@Repository
public class FirmStore {

	private final JdbcClient jdbc;

	FirmStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates the firm unless one with that SIREN exists (two first logins may race); returns whether it did. */
	public boolean createIfAbsent(FirmId id, Siren siren, String name, Instant now) {
		return jdbc.sql("INSERT INTO firm (id, siren, name, created_at, updated_at) VALUES (:id, :siren, :name, :now, :now) ON CONFLICT DO NOTHING")
			.param("id", id.value())
			.param("siren", siren.value())
			.param("name", name)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	public Optional<Firm> findBySiren(Siren siren) {
		return jdbc.sql("SELECT * FROM firm WHERE siren = :siren").param("siren", siren.value()).query(FirmStore::firm).optional();
	}

	public Optional<Firm> find(FirmId id) {
		return jdbc.sql("SELECT * FROM firm WHERE id = :id").param("id", id.value()).query(FirmStore::firm).optional();
	}

	/** Locks the firm's row until the transaction ends: changes to one firm's members happen one at a time. */
	public void lock(FirmId id) {
		jdbc.sql("SELECT id FROM firm WHERE id = :id FOR UPDATE").param("id", id.value()).query(UUID.class).optional();
	}

	public void updateDetails(FirmId id, FirmDetails details, Instant now) {
		jdbc.sql("UPDATE firm SET name = :name, ordre_number = :ordre, address_line = :address, postal_code = :postal, city = :city, updated_at = :now WHERE id = :id")
			.param("id", id.value())
			.param("name", details.name().strip())
			.param("ordre", details.ordreNumber().strip())
			.param("address", details.addressLine().strip())
			.param("postal", details.postalCode())
			.param("city", details.city().strip())
			.param("now", Timestamp.from(now))
			.update();
	}

	public UUID addMember(FirmId firm, UserId user, String invitedAs, String displayName, FirmRole role,
			String addedBy, Instant now) {
		UUID id = UUID.randomUUID();
		jdbc.sql("INSERT INTO firm_member (id, firm_id, user_id, invited_as, display_name, role, added_by, added_at) VALUES (:id, :firm, :user, :invited, :name, :role, :by, :now)")
			.param("id", id)
			.param("firm", firm.value())
			.param("user", user == null ? null : user.value())
			.param("invited", invitedAs)
			.param("name", displayName)
			.param("role", role.name())
			.param("by", addedBy)
			.param("now", Timestamp.from(now))
			.update();
		return id;
	}

	/**
	 * The active member of a firm who is this user, or who was added by this subject, e-mail or provider login
	 * name (a null one matches nothing).
	 */
	public Optional<MemberRow> findActiveMember(FirmId firm, UserId user, String subject, String email, String login) {
		return jdbc.sql("SELECT * FROM firm_member WHERE firm_id = :firm AND removed_at IS NULL AND (user_id = :user OR (user_id IS NULL AND (invited_as = :subject OR invited_as = :email OR invited_as = :login))) ORDER BY user_id NULLS LAST, added_at")
			.param("firm", firm.value())
			.param("user", user.value())
			.param("subject", subject)
			.param("email", email == null ? "" : email.toLowerCase(java.util.Locale.ROOT))
			.param("login", login == null ? "" : login)
			.query(FirmStore::memberRow)
			.list()
			.stream()
			.findFirst();
	}

	/** The active memberships of a user, in any firm still open (a closed firm's members lose access). */
	public List<MemberRow> activeMembershipsOf(UserId user) {
		return jdbc.sql("SELECT * FROM firm_member WHERE user_id = :user AND removed_at IS NULL "
				+ "AND firm_id IN (SELECT id FROM firm WHERE closed_at IS NULL) ORDER BY added_at")
			.param("user", user.value())
			.query(FirmStore::memberRow)
			.list();
	}

	/** Whether the firm was closed by its owner. */
	public boolean isClosed(FirmId firm) {
		return jdbc.sql("SELECT COUNT(*) FROM firm WHERE id = :id AND closed_at IS NOT NULL")
			.param("id", firm.value())
			.query(Long.class)
			.single() > 0;
	}

	/** A closed firm, with what its closing recorded. */
	public record ClosedRow(Firm firm, Instant closedAt, UserId closedBy, String balanceChoice) {
	}

	/** The closed firms whose owner chose this for the balance (REFUND, FORFEIT), oldest closing first. */
	public List<ClosedRow> closedWith(String balanceChoice) {
		return jdbc.sql("SELECT * FROM firm WHERE closed_at IS NOT NULL AND balance_choice = :choice ORDER BY closed_at, id")
			.param("choice", balanceChoice)
			.query(FirmStore::closedRow)
			.list();
	}

	/** The firm's closing; empty while it is open. */
	public Optional<ClosedRow> closing(FirmId firm) {
		return jdbc.sql("SELECT * FROM firm WHERE id = :id AND closed_at IS NOT NULL")
			.param("id", firm.value())
			.query(FirmStore::closedRow)
			.optional();
	}

	private static ClosedRow closedRow(ResultSet rs, int n) throws SQLException {
		UUID by = rs.getObject("closed_by", UUID.class);
		return new ClosedRow(firm(rs, n), rs.getTimestamp("closed_at").toInstant(), by == null ? null : new UserId(by),
				rs.getString("balance_choice"));
	}

	/** Marks the firm closed; false if it already was. */
	public boolean close(FirmId firm, UserId by, String balanceChoice, Instant now) {
		return jdbc.sql("UPDATE firm SET closed_at = :now, closed_by = :by, balance_choice = :choice "
				+ "WHERE id = :id AND closed_at IS NULL")
			.param("now", java.sql.Timestamp.from(now))
			.param("by", by.value())
			.param("choice", balanceChoice)
			.param("id", firm.value())
			.update() == 1;
	}

	public Optional<MemberRow> findActiveMember(FirmId firm, UUID memberId) {
		return jdbc.sql("SELECT * FROM firm_member WHERE firm_id = :firm AND id = :id AND removed_at IS NULL")
			.param("firm", firm.value())
			.param("id", memberId)
			.query(FirmStore::memberRow)
			.optional();
	}

	public boolean isActivelyInvited(FirmId firm, String invitedAs) {
		return jdbc.sql("SELECT COUNT(*) FROM firm_member WHERE firm_id = :firm AND removed_at IS NULL AND invited_as = :invited")
			.param("firm", firm.value())
			.param("invited", invitedAs)
			.query(Integer.class)
			.single() > 0;
	}

	/** Whether this member row is still active (not removed). */
	public boolean isActive(UUID memberId) {
		return jdbc.sql("SELECT COUNT(*) FROM firm_member WHERE id = :id AND removed_at IS NULL")
			.param("id", memberId)
			.query(Integer.class)
			.single() > 0;
	}

	/** Whether an owner (not the SSO) removed this user from the firm: then the SSO does not add them back. */
	public boolean wasRemovedByOwner(FirmId firm, UserId user) {
		return jdbc.sql("SELECT COUNT(*) FROM firm_member WHERE firm_id = :firm AND user_id = :user AND removed_at IS NOT NULL AND removed_by <> 'sso'")
			.param("firm", firm.value())
			.param("user", user.value())
			.query(Integer.class)
			.single() > 0;
	}

	public void setRole(UUID memberId, FirmRole role) {
		jdbc.sql("UPDATE firm_member SET role = :role WHERE id = :id").param("id", memberId).param("role", role.name()).update();
	}

	/** Links an added member to the user who logged in; {@code matchedBy} says what recognised them. */
	public void linkMember(UUID memberId, UserId user, String displayName, String matchedBy) {
		jdbc.sql("UPDATE firm_member SET user_id = :user, display_name = :name, matched_by = :matched WHERE id = :id")
			.param("id", memberId)
			.param("user", user.value())
			.param("name", displayName)
			.param("matched", matchedBy)
			.update();
	}

	public void removeMember(FirmId firm, UUID memberId, String by, Instant now) {
		jdbc.sql("UPDATE firm_member SET removed_at = :now, removed_by = :by WHERE firm_id = :firm AND id = :id AND removed_at IS NULL")
			.param("firm", firm.value())
			.param("id", memberId)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("UPDATE firm_delegation SET withdrawn_at = :now, withdrawn_by = :by WHERE firm_id = :firm AND member_id = :id AND withdrawn_at IS NULL")
			.param("firm", firm.value())
			.param("id", memberId)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Every membership the user ever had, ended ones included. */
	public List<MemberRow> allMembershipsOf(UserId user) {
		return jdbc.sql("SELECT * FROM firm_member WHERE user_id = :user ORDER BY added_at")
			.param("user", user.value())
			.query(FirmStore::memberRow)
			.list();
	}

	/**
	 * Erases the person from their memberships and access requests: the rows stay for the firm's history, under
	 * the pseudonym instead of their name and e-mail or subject.
	 */
	public void pseudonymiseMember(UserId user, String pseudonym) {
		jdbc.sql("UPDATE firm_member SET display_name = :pseudonym, invited_as = :pseudonym, matched_by = NULL WHERE user_id = :user")
			.param("user", user.value())
			.param("pseudonym", pseudonym)
			.update();
		jdbc.sql("DELETE FROM firm_access_request WHERE user_id = :user").param("user", user.value()).update();
	}

	public List<Member> activeMembers(FirmId firm, Instant now) {
		List<MemberRow> rows = jdbc.sql("SELECT * FROM firm_member WHERE firm_id = :firm AND removed_at IS NULL ORDER BY role DESC, added_at")
			.param("firm", firm.value())
			.query(FirmStore::memberRow)
			.list();
		Map<UUID, List<DelegationGrant>> grants = activeGrants(firm, now);
		List<Member> members = new ArrayList<>();
		for (MemberRow row : rows) {
			members.add(row.toMember(grants.getOrDefault(row.id(), List.of())));
		}
		return members;
	}

	/** Delegations in force at {@code now}, by member. */
	public Map<UUID, List<DelegationGrant>> activeGrants(FirmId firm, Instant now) {
		return jdbc.sql("SELECT * FROM firm_delegation WHERE firm_id = :firm AND withdrawn_at IS NULL AND (valid_until IS NULL OR valid_until > :now) ORDER BY kind")
			.param("firm", firm.value())
			.param("now", Timestamp.from(now))
			.query((rs, n) -> Map.entry(rs.getObject("member_id", UUID.class), grant(rs)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	public List<DelegationGrant> activeGrants(FirmId firm, UUID member, Instant now) {
		return jdbc.sql("SELECT * FROM firm_delegation WHERE firm_id = :firm AND member_id = :member AND withdrawn_at IS NULL AND (valid_until IS NULL OR valid_until > :now) ORDER BY kind")
			.param("firm", firm.value())
			.param("member", member)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> grant(rs))
			.list();
	}

	public void grant(FirmId firm, UUID member, Delegation delegation, String by, Instant validUntil, Instant now) {
		jdbc.sql("INSERT INTO firm_delegation (id, firm_id, member_id, kind, granted_by, granted_at, valid_until) VALUES (:id, :firm, :member, :kind, :by, :now, :until)")
			.param("id", UUID.randomUUID())
			.param("firm", firm.value())
			.param("member", member)
			.param("kind", delegation.name())
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("until", validUntil == null ? null : Timestamp.from(validUntil))
			.update();
	}

	public int withdraw(FirmId firm, UUID member, Delegation delegation, String by, Instant now) {
		return jdbc.sql("UPDATE firm_delegation SET withdrawn_at = :now, withdrawn_by = :by WHERE firm_id = :firm AND member_id = :member AND kind = :kind AND withdrawn_at IS NULL")
			.param("firm", firm.value())
			.param("member", member)
			.param("kind", delegation.name())
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	public boolean requestAccess(FirmId firm, UserId user, String name, String email, Instant now) {
		return jdbc.sql("INSERT INTO firm_access_request (id, firm_id, user_id, display_name, email, requested_at) VALUES (:id, :firm, :user, :name, :email, :now) ON CONFLICT DO NOTHING")
			.param("id", UUID.randomUUID())
			.param("firm", firm.value())
			.param("user", user.value())
			.param("name", name)
			.param("email", email)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	public boolean hasOpenAccessRequest(FirmId firm, UserId user) {
		return jdbc.sql("SELECT COUNT(*) FROM firm_access_request WHERE firm_id = :firm AND user_id = :user AND closed_at IS NULL")
			.param("firm", firm.value())
			.param("user", user.value())
			.query(Integer.class)
			.single() > 0;
	}

	public List<AccessRequest> openAccessRequests(FirmId firm) {
		return jdbc.sql("SELECT * FROM firm_access_request WHERE firm_id = :firm AND closed_at IS NULL ORDER BY requested_at")
			.param("firm", firm.value())
			.query((rs, n) -> new AccessRequest(rs.getObject("id", UUID.class),
					new UserId(rs.getObject("user_id", UUID.class)), rs.getString("display_name"),
					rs.getString("email"), rs.getTimestamp("requested_at").toInstant()))
			.list();
	}

	public void closeAccessRequests(FirmId firm, UserId user, Instant now) {
		jdbc.sql("UPDATE firm_access_request SET closed_at = :now WHERE firm_id = :firm AND user_id = :user AND closed_at IS NULL")
			.param("firm", firm.value())
			.param("user", user.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	private static Firm firm(ResultSet rs, int n) throws SQLException {
		return new Firm(new FirmId(rs.getObject("id", UUID.class)), new Siren(rs.getString("siren")),
				rs.getString("name"), rs.getString("ordre_number"), rs.getString("address_line"),
				rs.getString("postal_code"), rs.getString("city"), rs.getTimestamp("created_at").toInstant());
	}

	private static MemberRow memberRow(ResultSet rs, int n) throws SQLException {
		UUID user = rs.getObject("user_id", UUID.class);
		String matchedBy = rs.getString("matched_by");
		return new MemberRow(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				user == null ? null : new UserId(user), rs.getString("invited_as"), rs.getString("display_name"),
				FirmRole.valueOf(rs.getString("role")), rs.getTimestamp("added_at").toInstant(),
				matchedBy == null ? null : MatchedBy.valueOf(matchedBy));
	}

	private static DelegationGrant grant(ResultSet rs) throws SQLException {
		Timestamp until = rs.getTimestamp("valid_until");
		return new DelegationGrant(rs.getObject("id", UUID.class), Delegation.valueOf(rs.getString("kind")),
				rs.getString("granted_by"), rs.getTimestamp("granted_at").toInstant(),
				until == null ? null : until.toInstant());
	}

	/** A member row, before its delegations are read. */
	public record MemberRow(UUID id, FirmId firm, UserId userId, String invitedAs, String displayName, FirmRole role,
			Instant addedAt, MatchedBy matchedBy) {

		public Member toMember(List<DelegationGrant> grants) {
			return new Member(id, firm, userId, invitedAs, displayName, role, addedAt, grants, matchedBy);
		}

	}

}
