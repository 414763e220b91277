package fr.paraphe.collection.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Reservation;
import fr.paraphe.collection.CollectionEvents;
import fr.paraphe.evidence.EvidenceEvent;
import fr.paraphe.evidence.EvidenceTrails;
import fr.paraphe.evidence.MaskedAddresses;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.notification.Notifications;
import fr.paraphe.otp.OneTimeCodes;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pades.SigningKey;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.OneTimeSigner;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.CertifiedNames;
import fr.paraphe.signing.Drafts;
import fr.paraphe.signing.PersonalSignatures;
import fr.paraphe.terms.Terms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signer's side, from their personal link: read the documents, consent, receive a one-time code, sign or decline.
 * A link opens only its own signer of its own collection; order is enforced here, when the link is used, not only
 * by when invitations go out. A client signs with a one-time certificate issued for this signature (its key
 * destroyed after use, whatever happens); a firm member, logged in as themselves, with their own certificate (SIGN
 * delegation). Each signature is an incremental update of each document's latest version, written only if no other
 * signature was written meanwhile (compare and set on the version), so none is ever lost.
 */
@Service
public class SignerDesk {

	private static final Logger log = LoggerFactory.getLogger(SignerDesk.class);

	static final Duration CODE_VALIDITY = Duration.ofMinutes(10);

	/** How many times a signature is tried again on a newer version before giving up (parallel signers). */
	private static final int MAX_RACES = 50;

	/** The code of a collection's signer: bound and limited per signer. */
	static final OneTimeCodes.Purpose CODE = new OneTimeCodes.Purpose("collection.signer", CODE_VALIDITY, 5,
			new OneTimeCodes.Limits(1, 5, 10, 10, Duration.ofDays(1)));

	private final CollectionStore store;

	private final OneTimeCodes codes;

	private final Notifications notifications;

	private final EvidenceTrails evidence;

	private final CertificationAuthority ca;

	private final KeyStore keys;

	private final PadesSigner signer;

	private final Billing billing;

	private final Firms firms;

	private final Terms terms;

	private final PersonalSignatures personal;

	private final Drafts drafts;

	private final Invitations invitations;

	private final CollectionMails mails;

	private final Completion completion;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final SignerOptionStore options;

	SignerDesk(SignerOptionStore options, CollectionStore store, OneTimeCodes codes, Notifications notifications, EvidenceTrails evidence,
			CertificationAuthority ca, KeyStore keys, PadesSigner signer, Billing billing, Firms firms, Terms terms,
			PersonalSignatures personal, Drafts drafts, Invitations invitations, CollectionMails mails,
			Completion completion, Clock clock, TransactionTemplate transactions, ApplicationEventPublisher events) {
		this.store = store;
		this.codes = codes;
		this.notifications = notifications;
		this.evidence = evidence;
		this.ca = ca;
		this.keys = keys;
		this.signer = signer;
		this.billing = billing;
		this.firms = firms;
		this.terms = terms;
		this.personal = personal;
		this.drafts = drafts;
		this.invitations = invitations;
		this.mails = mails;
		this.completion = completion;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
		this.options = options;
	}

	/** Where the signer stands, as their page shows it. */
	public enum Stage {

		/** Their turn: they may read, consent, ask a code, sign or decline. */
		YOUR_TURN,

		/** An earlier signer has not signed yet. */
		NOT_YET,

		/** They signed; the collection goes on. */
		SIGNED,

		/** They declined. */
		DECLINED,

		/** Completed: the signed documents can be downloaded. */
		COMPLETED,

		/** Ended without them: declined by someone else, expired or cancelled. */
		ENDED

	}

	/**
	 * What a link opens.
	 * @param member whether the signer is a member of the firm (who must be logged in as themselves)
	 * @param destinations where a code goes, masked
	 */
	public record Visit(UUID collection, UUID signer, String firmName, String title, String message,
			CollectionStatus status, Instant deadline, Stage stage, String signerName, boolean member,
			List<Collection.Document> documents, List<Integer> pageCounts, List<Place> places,
			List<String> destinations, SignerOptions options, List<PageView> pages, List<Provided> provided) {
	}

	/**
	 * A page picture with the boxes the signer's signature will draw on it, in the picture's coordinates (points
	 * from the top-left corner of the displayed page).
	 */
	public record PageView(int document, int page, float width, float height, List<Box> boxes) {
	}

	/** @param initials true for the initials' box, false for a signature box */
	public record Box(float x, float top, float width, float height, boolean initials) {
	}

	/** A document the signer provided: for which request, under what name, its SHA-256. */
	public record Provided(int number, String fileName, long size, String sha256) {
	}

	/**
	 * Opens a link: the signer's visit, recorded in the evidence trail.
	 * @throws ProblemException 404 {@code collection.link.unknown} for a token that is no signer's (guessed, or
	 * replaced by a newer link)
	 */
	public Visit open(String token, Collections.Origin origin) {
		return transactions.execute(status -> {
			CollectionStore.SignerRow row = signerOf(token);
			Visit visit = visit(row);
			Instant now = clock.instant();
			if (visit.stage() == Stage.YOUR_TURN && !store.hasEvent(row.collection(), row.signer().id(), "opened")) {
				store.event(row.collection(), row.signer().id(), "opened", null, now);
			}
			evidence.append(row.collection(), firmOf(row), origin.event("signer.opened", Invitations.party(row.signer()),
					now, Map.of("stage", visit.stage().name())));
			return visit;
		});
	}

	/**
	 * Records the signer's consent and sends a one-time code (6 digits, 10 minutes, 5 tries) by their channel(s);
	 * a new code supersedes the earlier one.
	 * @return where it went, masked
	 * @throws ProblemException 404 unknown link, 409 {@code collection.error.notYourTurn} when it is not their turn,
	 * 400 {@code collection.error.consent} without consent, 429 beyond the codes' limits, 403 for a member not
	 * logged in as themselves
	 */
	public List<String> sendCode(String token, boolean consent, UserId loggedIn, Collections.Origin origin) {
		return transactions.execute(status -> {
			CollectionStore.SignerRow row = signerOf(token);
			requireTurn(row, loggedIn);
			if (!consent) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.consent");
			}
			Instant now = clock.instant();
			store.consented(row.signer().id(), now);
			Collection.Signer who = row.signer();
			OneTimeCodes.Issued issued = codes.issue(CODE, who.id(), who.id());
			String title = store.head(row.collection()).orElseThrow().title();
			List<String> sentTo = new ArrayList<>();
			String email = invitations.emailOf(who);
			if (who.channel().email() && email != null) {
				notifications.emailSecret(email, Locale.FRENCH, "collection-code",
						Map.of("code", issued.code(), "title", title, "minutes", CODE_VALIDITY.toMinutes()), issued.code());
				sentTo.add(MaskedAddresses.email(email));
			}
			if (who.channel().sms() && who.phone() != null) {
				notifications.smsSecret(who.phone(), Locale.FRENCH, "collection-code", issued.code(), issued.code(),
						CODE_VALIDITY.toMinutes());
				sentTo.add(MaskedAddresses.phone(who.phone()));
			}
			store.event(row.collection(), who.id(), "codeSent", String.join(", ", sentTo), now);
			evidence.append(row.collection(), firmOf(row), origin.event("signer.code.sent", Invitations.party(who), now,
					Map.of("consent", "true", "channel", who.channel().name(), "address", String.join(", ", sentTo))));
			return sentTo;
		});
	}

	/**
	 * Checks the code and signs every document; the last signer's signature completes the collection.
	 * @throws ProblemException 404 unknown link, 409 not their turn or already done, 400
	 * {@code collection.error.badCode} (the try counted) / {@code collection.error.codeExpired}, 429 too many tries
	 */
	public void sign(String token, String code, UserId loggedIn, Collections.Origin origin) {
		sign(token, code, SignerInput.NONE, loggedIn, origin);
	}

	/**
	 * As {@link #sign(String, String, UserId, Collections.Origin)}, with what the signer typed for the options the
	 * preparer set; checked before the code, so that a mistake there does not cost a try.
	 * @throws ProblemException also 400 {@code collection.error.mentionTyped} (not the expected words),
	 * {@code collection.error.city}, {@code collection.error.attachmentMissing}
	 */
	public void sign(String token, String code, SignerInput input, UserId loggedIn, Collections.Origin origin) {
		CollectionStore.SignerRow row = transactions.execute(status -> signerOf(token));
		SignerOptions asked = transactions.execute(status -> options.of(row.collection(), row.signer().id()));
		List<String> handwritten = handwritten(asked, input == null ? SignerInput.NONE : input);
		requireAttachments(row, asked);
		OneTimeCodes.Check check = transactions.execute(status -> {
			CollectionStore.SignerRow locked = signerOf(token);
			store.lockSigner(locked.signer().id());
			requireTurn(signerOf(token), loggedIn);
			OneTimeCodes.Check verdict = codes.check(CODE, locked.signer().id(), code);
			if (!verdict.accepted()) {
				evidence.append(locked.collection(), firmOf(locked), origin.event("signer.code.refused",
						Invitations.party(locked.signer()), clock.instant(), Map.of("verdict", verdict.verdict().name())));
			}
			return verdict;
		});
		if (check.verdict() == OneTimeCodes.Verdict.LOCKED) {
			throw new OneTimeCodes.TooSoon(check.waitTime());
		}
		if (check.counted()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badCode");
		}
		if (!check.accepted()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.codeExpired");
		}
		CollectionStore.Head head = transactions.execute(status -> store.head(row.collection())).orElseThrow();
		Collection.Signer who = row.signer();
		IssuedCertificate certificate;
		SigningKey key;
		boolean oneTime = who.kind() == SignerKind.CLIENT;
		if (oneTime) {
			certificate = ca.issueOneTime(new OneTimeSigner(who.givenName(), who.surname(),
					who.channel().email() ? who.email() : null, who.channel().sms() ? who.phone() : null,
					who.id().toString()));
		}
		else {
			firms.require(who.userId(), head.firm(), Delegation.SIGN);
			terms.requireAccepted(who.userId());
			certificate = personal.certificateOf(who.userId())
				.orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "signing.error.noCertificate"));
		}
		List<Map<String, String>> hashes = new ArrayList<>();
		try {
			key = new SigningKey(certificate.key(), ca.chainOf(certificate));
			for (Collection.Document document : transactions.execute(status -> store.documents(row.collection()))) {
				hashes.add(signDocument(row.collection(), document.number(), key, certificate, who, asked,
						handwritten));
			}
		}
		finally {
			if (oneTime) {
				keys.destroy(certificate.key());
			}
		}
		Instant now = clock.instant();
		boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
			CollectionStore.Head locked = store.lock(row.collection()).orElseThrow();
			if (locked.status() != CollectionStatus.IN_PROGRESS
					|| !store.finish(who.id(), SignerStatus.SIGNED, null, certificate.serial().hex(), now)) {
				return false;
			}
			Reservation reservation = Lifecycle.reservationOf(head.firm(), row,
					head.launchedBy() == null ? "system" : head.launchedBy().value().toString());
			if (reservation != null) {
				billing.settle(reservation);
			}
			store.event(row.collection(), who.id(), "signed", certificate.serial().hex(), now);
			Map<String, String> details = new java.util.LinkedHashMap<>();
			details.put("certificate", certificate.serial().hex());
			details.put("certificateKind", oneTime ? "ONE_TIME" : "PERSONAL");
			if (!handwritten.isEmpty()) {
				details.put("handwritten", String.join(" / ", handwritten));
			}
			if (asked.initials()) {
				details.put("initialsOnEveryPage", "true");
			}
			for (int i = 0; i < hashes.size(); i++) {
				details.put("document" + (i + 1) + ".sha256Before", hashes.get(i).get("before"));
				details.put("document" + (i + 1) + ".sha256After", hashes.get(i).get("after"));
			}
			evidence.append(row.collection(), head.firm(), origin.event("signer.signed", Invitations.party(who), now,
					details));
			events.publishEvent(new CollectionEvents.SignerFinished(head.firm(), Invitations.party(who),
					row.collection(), who.id(), SignerStatus.SIGNED.name(), certificate.serial().hex()));
			invitations.inviteTurn(row.collection(), now);
			return true;
		}));
		if (!recorded) {
			log.warn("Collection {} ended while signer {} was signing: the signature is in the documents, not recorded",
					row.collection(), who.id());
			throw new ProblemException(HttpStatus.CONFLICT, "collection.error.ended");
		}
		completion.completeIfAllSigned(row.collection());
	}

	/** Signs one document on its latest version, again on a newer one if another signature came first. */
	private Map<String, String> signDocument(UUID collection, int number, SigningKey key,
			IssuedCertificate certificate, Collection.Signer who, SignerOptions asked, List<String> handwritten) {
		SignatureParameters parameters = CertifiedNames.apply(certificate,
				new SignatureParameters(SignatureLevel.B_LT, null, null, null, null, null, null, 0));
		List<Place> own = who.places().stream().filter(place -> place.document() == number).toList();
		if (!own.isEmpty() || asked.initials()) {
			List<Place> all = transactions.execute(status -> store.signers(collection))
				.stream()
				.flatMap(other -> other.signer().places().stream())
				.filter(place -> place.document() == number)
				.toList();
			List<fr.paraphe.signing.PageSize> pages = drafts
				.check(transactions.execute(status -> store.original(collection, number)).orElseThrow());
			parameters = parameters.withMarks(SignerMarks.of(own, all, who.position() - 1, pages,
					asked.initials() ? SignerMarks.initials(parameters.signerName()) : null, handwritten));
		}
		for (int race = 0; race < MAX_RACES; race++) {
			CollectionStore.Version current = transactions.execute(status -> store.current(collection, number))
				.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument"));
			byte[] signed = signer.sign(current.pdf(), key, parameters);
			String after = fr.paraphe.shared.Sha256.hex(signed);
			if (Boolean.TRUE.equals(transactions
				.execute(status -> store.replace(collection, number, current.version(), signed, after)))) {
				return Map.of("before", current.sha256(), "after", after);
			}
		}
		throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "collection.error.busy");
	}

	/**
	 * Declines, with a reason: the collection ends (DECLINED), what was reserved for those who did not sign is
	 * released.
	 * @throws ProblemException 404, 409 not their turn or already done, 400 {@code collection.error.reason}
	 */
	public void decline(String token, String reason, UserId loggedIn, Collections.Origin origin) {
		String text = fr.paraphe.shared.Names.text(reason, 1000);
		if (text == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.reason");
		}
		UUID collection = transactions.execute(status -> {
			CollectionStore.SignerRow row = signerOf(token);
			store.lock(row.collection());
			requireTurn(signerOf(token), loggedIn);
			Instant now = clock.instant();
			if (!store.finish(row.signer().id(), SignerStatus.DECLINED, text, null, now)) {
				throw new ProblemException(HttpStatus.CONFLICT, "collection.error.finished");
			}
			store.setStatus(row.collection(), CollectionStatus.DECLINED, null, now);
			store.event(row.collection(), row.signer().id(), "declined", text, now);
			evidence.append(row.collection(), firmOf(row), origin.event("signer.declined",
					Invitations.party(row.signer()), now, Map.of("reason", text)));
			mails.stateChanged(row.collection(), "declined");
			events.publishEvent(new CollectionEvents.SignerFinished(firmOf(row), Invitations.party(row.signer()),
					row.collection(), row.signer().id(), SignerStatus.DECLINED.name(), null));
			events.publishEvent(new CollectionEvents.CollectionChanged(firmOf(row), Invitations.party(row.signer()),
					row.collection(), "declined", CollectionStatus.DECLINED.name()));
			return row.collection();
		});
		CollectionStore.Head head = transactions.execute(status -> store.head(collection)).orElseThrow();
		Lifecycle.releaseUnsigned(billing, head.firm(), transactions.execute(status -> store.signers(collection)));
		evidence.anchor(collection);
	}

	/**
	 * A document for the signer: as uploaded while they read it, the signed PDF once the collection completed.
	 * @throws ProblemException 404 (unknown link or document, or purged)
	 */
	public CollectionStore.Version document(String token, int number) {
		return transactions.execute(status -> {
			CollectionStore.SignerRow row = signerOf(token);
			CollectionStore.Head head = store.head(row.collection()).orElseThrow();
			if (head.status() == CollectionStatus.COMPLETED) {
				return store.current(row.collection(), number)
					.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument"));
			}
			if (head.status() != CollectionStatus.IN_PROGRESS) {
				throw new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument");
			}
			CollectionStore.Version current = store.current(row.collection(), number)
				.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument"));
			byte[] original = store.original(row.collection(), number).orElseThrow();
			return new CollectionStore.Version(number, current.fileName(), original, 1, fr.paraphe.shared.Sha256.hex(original));
		});
	}

	/** A page's picture of a document, for the signer reading it. @throws ProblemException 404, 422 */
	public byte[] pagePicture(String token, int number, int page) {
		CollectionStore.SignerRow row = transactions.execute(status -> signerOf(token));
		CollectionStore.Head head = transactions.execute(status -> store.head(row.collection())).orElseThrow();
		if (head.status() != CollectionStatus.IN_PROGRESS) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument");
		}
		return Lifecycle.picture(drafts, store, transactions, row.collection(), number, page);
	}

	/** A signer's own attestation (sealed PDF), once they signed. @throws ProblemException 404 */
	public byte[] attestation(String token) {
		CollectionStore.SignerRow row = transactions.execute(status -> signerOf(token));
		if (row.signer().status() != SignerStatus.SIGNED) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument");
		}
		return evidence.attestation(row.collection(), Invitations.party(row.signer()));
	}

	/**
	 * The lines the signer writes above their signature: the mention as typed, "Fait à …, le …".
	 * @throws ProblemException 400 {@code collection.error.mentionTyped}, {@code collection.error.city}
	 */
	private List<String> handwritten(SignerOptions asked, SignerInput input) {
		List<String> lines = new ArrayList<>();
		if (asked.mention() != null) {
			String typed;
			try {
				typed = fr.paraphe.shared.Names.text(input.mention(), 100);
			}
			catch (fr.paraphe.shared.Names.InvalidText invalid) {
				typed = null;
			}
			if (!SignerOptions.sameWords(asked.mention(), typed)) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.mentionTyped", asked.mention());
			}
			lines.add(typed);
		}
		if (asked.placeAndDate()) {
			String city;
			try {
				city = fr.paraphe.shared.Names.name(input.city(), 60);
			}
			catch (fr.paraphe.shared.Names.InvalidText invalid) {
				city = null;
			}
			if (city == null || !city.matches("[\\p{L}][\\p{L}\\p{M}\\p{N} '’.()-]*")) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.city");
			}
			lines.add("Fait à " + city + ", le " + DAY.format(clock.instant()));
		}
		return List.copyOf(lines);
	}

	/** @throws ProblemException 400 {@code collection.error.attachmentMissing} while a document asked is missing */
	private void requireAttachments(CollectionStore.SignerRow row, SignerOptions asked) {
		if (asked.attachments().isEmpty()) {
			return;
		}
		java.util.Set<Integer> given = new java.util.HashSet<>();
		transactions.execute(status -> options.attachments(row.collection()))
			.stream()
			.filter(attachment -> attachment.signer().equals(row.signer().id()))
			.forEach(attachment -> given.add(attachment.number()));
		for (int number = 1; number <= asked.attachments().size(); number++) {
			if (!given.contains(number)) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.attachmentMissing",
						asked.attachments().get(number - 1).label());
			}
		}
	}

	private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter
		.ofPattern("dd/MM/yyyy", Locale.FRENCH)
		.withZone(java.time.ZoneId.of("Europe/Paris"));

	/**
	 * The signer of this link, locked, when it is their turn (for a step of theirs done elsewhere in the module).
	 * @throws ProblemException 404, 409, 403 as {@link #sendCode}
	 */
	CollectionStore.SignerRow turnOf(String token, UserId loggedIn) {
		CollectionStore.SignerRow row = signerOf(token);
		store.lockSigner(row.signer().id());
		requireTurn(row, loggedIn);
		return row;
	}

	/** Whether {@code user} is the member this link belongs to. */
	public boolean isMemberSigner(String token, UserId user) {
		CollectionStore.SignerRow row = transactions.execute(status -> signerOf(token));
		return row.signer().kind() == SignerKind.MEMBER && row.signer().userId().equals(user);
	}

	/** The in-progress collections where this member has a signature to give, for their home page. */
	public List<UUID> openFor(UserId member) {
		return transactions.execute(status -> store.openForMember(member));
	}

	private CollectionStore.SignerRow signerOf(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "collection.link.unknown");
		}
		return store.signerByToken(Invitations.hash(token))
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.link.unknown"));
	}

	private fr.paraphe.shared.FirmId firmOf(CollectionStore.SignerRow row) {
		return store.head(row.collection()).orElseThrow().firm();
	}

	private Visit visit(CollectionStore.SignerRow row) {
		CollectionStore.Head head = store.head(row.collection()).orElseThrow();
		List<Collection.Signer> all = store.signers(row.collection()).stream().map(CollectionStore.SignerRow::signer).toList();
		Collection.Signer who = row.signer();
		Stage stage;
		if (head.status() == CollectionStatus.COMPLETED) {
			stage = Stage.COMPLETED;
		}
		else if (who.status() == SignerStatus.SIGNED) {
			stage = head.status() == CollectionStatus.IN_PROGRESS ? Stage.SIGNED : Stage.ENDED;
		}
		else if (who.status() == SignerStatus.DECLINED) {
			stage = Stage.DECLINED;
		}
		else if (head.status() != CollectionStatus.IN_PROGRESS || expired(head)) {
			stage = Stage.ENDED;
		}
		else if (who.status() != SignerStatus.INVITED || !Invitations.turnOf(who, all)) {
			stage = Stage.NOT_YET;
		}
		else {
			stage = Stage.YOUR_TURN;
		}
		List<String> destinations = new ArrayList<>();
		String email = invitations.emailOf(who);
		if (who.channel().email() && email != null) {
			destinations.add(MaskedAddresses.email(email));
		}
		if (who.channel().sms() && who.phone() != null) {
			destinations.add(MaskedAddresses.phone(who.phone()));
		}
		List<Collection.Document> documents = store.documents(head.id());
		List<Integer> pageCounts = new ArrayList<>();
		List<PageView> pages = new ArrayList<>();
		SignerOptions asked = options.of(head.id(), who.id());
		List<Place> everyone = all.stream().flatMap(other -> other.places().stream()).toList();
		for (Collection.Document document : documents) {
			List<fr.paraphe.signing.PageSize> sizes = stage == Stage.YOUR_TURN
					? store.original(head.id(), document.number()).map(drafts::check).orElse(List.of()) : List.of();
			pageCounts.add(sizes.size());
			List<Place> own = who.places().stream().filter(place -> place.document() == document.number()).toList();
			List<Place> onDocument = everyone.stream().filter(place -> place.document() == document.number()).toList();
			for (int page = 1; page <= sizes.size(); page++) {
				fr.paraphe.signing.PageSize size = sizes.get(page - 1);
				List<Box> boxes = new ArrayList<>();
				for (Place place : own) {
					if (place.page() == page) {
						boxes.add(new Box(place.x(), size.height() - place.y() - place.height(), place.width(),
								place.height(), false));
					}
				}
				if (asked.initials()) {
					float[] box = SignerMarks.initialsBox(size, who.position() - 1, page, onDocument);
					if (box != null) {
						boxes.add(new Box(box[0], size.height() - box[1] - box[3], box[2], box[3], true));
					}
				}
				pages.add(new PageView(document.number(), page, size.width(), size.height(), List.copyOf(boxes)));
			}
		}
		List<Provided> provided = options.attachments(head.id())
			.stream()
			.filter(attachment -> attachment.signer().equals(who.id()))
			.map(attachment -> new Provided(attachment.number(), attachment.fileName(), attachment.size(),
					attachment.sha256()))
			.toList();
		return new Visit(head.id(), who.id(), firms.nameOf(head.firm()), head.title(), head.message(), head.status(),
				head.deadline(), stage, who.displayName(), who.kind() == SignerKind.MEMBER, documents,
				List.copyOf(pageCounts), who.places(), destinations, asked, List.copyOf(pages), provided);
	}

	private boolean expired(CollectionStore.Head head) {
		return head.deadline() != null && !head.deadline().isAfter(clock.instant());
	}

	/** Refuses unless it is this signer's turn, and, for a member, unless they are logged in as themselves. */
	private void requireTurn(CollectionStore.SignerRow row, UserId loggedIn) {
		Stage stage = visit(row).stage();
		if (stage == Stage.NOT_YET) {
			throw new ProblemException(HttpStatus.CONFLICT, "collection.error.notYourTurn");
		}
		if (stage != Stage.YOUR_TURN) {
			throw new ProblemException(HttpStatus.CONFLICT, "collection.error.finished");
		}
		if (row.signer().kind() == SignerKind.MEMBER && !Optional.ofNullable(loggedIn).equals(Optional.of(row.signer().userId()))) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "collection.error.loginAsMember");
		}
	}

}
