package fr.paraphe.collection.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.evidence.EvidenceEvent;
import fr.paraphe.evidence.EvidenceTrails;
import fr.paraphe.evidence.MaskedAddresses;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.DigestAlgorithm;

import org.springframework.stereotype.Component;

/**
 * Signers' personal links: a random token of 256 bits, sent once (e-mail, or SMS for a signer without e-mail) and
 * kept only as its SHA-256; a reminder's new link replaces the old one; the completion's e-mail carries a download
 * link of its own. Joins the caller's transaction.
 */
@Component
class Invitations {

	/** Where a signer's link points: {@code /collecte/<token>}. */
	static final String PATH = "/collecte/";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRANCE)
		.withZone(ZoneId.of("Europe/Paris"));

	private final CollectionStore store;

	private final Notifications notifications;

	private final EvidenceTrails evidence;

	private final Firms firms;

	private final Users users;

	private final String baseUrl;

	Invitations(CollectionStore store, Notifications notifications, EvidenceTrails evidence, Firms firms, Users users,
			fr.paraphe.notification.MailProperties mail) {
		this.baseUrl = mail.baseUrl();
		this.store = store;
		this.notifications = notifications;
		this.evidence = evidence;
		this.firms = firms;
		this.users = users;
	}

	/** SHA-256 of a token, in lower-case hex: what is stored of a link. */
	static String hash(String token) {
		return HexFormat.of()
			.formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(token.getBytes(StandardCharsets.UTF_8)));
	}

	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether this signer's turn has come: every signer of an earlier step signed. */
	static boolean turnOf(Collection.Signer signer, List<Collection.Signer> all) {
		return all.stream()
			.filter(other -> other.step() < signer.step())
			.allMatch(other -> other.status() == SignerStatus.SIGNED);
	}

	/** Invites every waiting signer whose turn has come. @return how many were invited */
	int inviteTurn(UUID collection, Instant now) {
		CollectionStore.Head head = store.head(collection).orElseThrow();
		List<Collection.Signer> signers = store.signers(collection).stream().map(CollectionStore.SignerRow::signer).toList();
		int invited = 0;
		for (Collection.Signer signer : signers) {
			if (signer.status() == SignerStatus.WAITING && turnOf(signer, signers)) {
				String token = newToken();
				store.invite(signer.id(), hash(token), now);
				String sentTo = send(head, signer, token, false);
				store.event(collection, signer.id(), "invited", sentTo, now);
				evidence.append(collection, head.firm(), new EvidenceEvent("signer.invited", party(signer), now, null,
						null, details("channel", signer.email() != null || signer.kind() == SignerKind.MEMBER ? "EMAIL" : "SMS",
								"address", sentTo)));
				invited++;
			}
		}
		return invited;
	}

	/** Reminds an invited signer with a new link. */
	void remind(CollectionStore.Head head, Collection.Signer signer, Instant now, String by) {
		String token = newToken();
		store.reminded(signer.id(), hash(token), now);
		String sentTo = send(head, signer, token, true);
		store.event(head.id(), signer.id(), "reminded", sentTo, now);
		evidence.append(head.id(), head.firm(), new EvidenceEvent("signer.reminded", party(signer), now, null, null,
				details("address", sentTo, "by", by)));
	}

	/** Sends a completed collection's download link to a signer: a new link, beside the signing one. */
	void delivered(CollectionStore.Head head, Collection.Signer signer, Instant now) {
		String token = newToken();
		store.relink(signer.id(), hash(token));
		Map<String, Object> variables = Map.of("firmName", firms.nameOf(head.firm()), "title", head.title(), "link",
				PATH + token);
		String email = emailOf(signer);
		if (email != null) {
			notifications.emailSecret(email, Locale.FRENCH, "collection-completed", variables, token, head.title());
		}
		else {
			notifications.smsSecret(signer.phone(), Locale.FRENCH, "collection-completed", token, head.title(),
					baseUrl + PATH + token);
		}
	}

	/** The signer's party name in the evidence trail. */
	static String party(Collection.Signer signer) {
		return signer.id().toString();
	}

	/** The e-mail address of a signer: the client's, or the member's own. */
	String emailOf(Collection.Signer signer) {
		if (signer.kind() == SignerKind.MEMBER) {
			return users.findById(signer.userId()).map(User::email).filter(email -> !email.isBlank()).orElse(null);
		}
		return signer.email();
	}

	private String send(CollectionStore.Head head, Collection.Signer signer, String token, boolean reminder) {
		String email = emailOf(signer);
		String firmName = firms.nameOf(head.firm());
		String deadline = head.deadline() == null ? "" : DATE.format(head.deadline());
		if (email != null) {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("firmName", firmName);
			variables.put("title", head.title());
			variables.put("message", head.message() == null ? "" : head.message());
			variables.put("link", PATH + token);
			variables.put("deadline", deadline);
			variables.put("reminder", reminder);
			variables.put("name", signer.kind() == SignerKind.MEMBER ? "" : signer.displayName());
			notifications.emailSecret(email, Locale.FRENCH, "collection-invitation", variables, token, firmName,
					head.title());
			return MaskedAddresses.email(email);
		}
		notifications.smsSecret(signer.phone(), Locale.FRENCH, "collection-invitation", token, firmName, head.title(),
				baseUrl + PATH + token, deadline);
		return MaskedAddresses.phone(signer.phone());
	}

	static Map<String, String> details(String... pairs) {
		Map<String, String> details = new LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				details.put(pairs[i], pairs[i + 1]);
			}
		}
		return details;
	}

}
