package fr.paraphe.collection.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.billing.Reservation;
import fr.paraphe.collection.CollectionEvents;
import fr.paraphe.evidence.EvidenceEvent;
import fr.paraphe.evidence.EvidenceTrails;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Names;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Sha256;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.Drafts;
import fr.paraphe.signing.PageSize;
import fr.paraphe.pades.Appearance;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The firm's side of signature collections: prepare a draft (PREPARE delegation or owner), launch it, send it back
 * or cancel it (LAUNCH or owner), read it, its documents and its evidence (any member with PREPARE or LAUNCH).
 * Every method takes the acting user and their firm: another firm's collection is 404, as an unknown one. Each
 * change of state is audited ({@link CollectionEvents}), written to the evidence trail (the collection's id) and
 * e-mailed to the preparer and the launcher; the trail's head is then time-stamped ({@link EvidenceTrails#anchor}),
 * with no transaction open.
 */
@Service
public class Collections {

	/** Idempotency keys, as the seal API takes them. */
	public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{2,}");

	private final CollectionStore store;

	private final Drafts drafts;

	private final Firms firms;

	private final Billing billing;

	private final EvidenceTrails evidence;

	private final Invitations invitations;

	private final CollectionMails mails;

	private final CollectionProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	/** The most places one signer may have on one document. */
	public static final int MAX_PLACES = 10;

	private final fr.paraphe.collection.internal.SignerOptionStore options;

	private final PreparationStore preparation;

	Collections(fr.paraphe.collection.internal.SignerOptionStore options, CollectionStore store, Drafts drafts,
			Firms firms, Billing billing, EvidenceTrails evidence,
			Invitations invitations, CollectionMails mails, CollectionProperties properties, Clock clock,
			TransactionTemplate transactions, ApplicationEventPublisher events, PreparationStore preparation) {
		this.store = store;
		this.preparation = preparation;
		this.drafts = drafts;
		this.firms = firms;
		this.billing = billing;
		this.evidence = evidence;
		this.invitations = invitations;
		this.mails = mails;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
		this.options = options;
	}

	/** A PDF given for a draft. */
	public record Upload(String fileName, byte[] pdf) {
	}

	/** A created or launched collection, and whether the call replayed an earlier one (same Idempotency-Key). */
	public record Outcome(Collection collection, boolean replayed) {
	}

	/**
	 * Creates a draft. PREPARE delegation or owner.
	 * @param idempotencyKey null for none; a second call with the same key returns the first draft, replayed
	 * @throws ProblemException 403/404 from {@link Firms#require}, 400 {@code collection.error.*} for a bad
	 * field, the upload checks of {@link Drafts#check} (413, 415, 400)
	 */
	public Outcome create(UserId actor, FirmId firm, DraftRequest request, List<Upload> files, String idempotencyKey,
			Origin origin) {
		return create(actor, firm, request, files, idempotencyKey, origin, null);
	}

	/** {@link #create}, the draft joining a batch (null for none). */
	Outcome create(UserId actor, FirmId firm, DraftRequest request, List<Upload> files, String idempotencyKey,
			Origin origin, UUID batch) {
		String key = checkedKey(idempotencyKey);
		firms.require(actor, firm, Delegation.PREPARE);
		if (key != null) {
			Optional<UUID> earlier = transactions.execute(status -> store.byCreateKey(firm, key));
			if (earlier.isPresent()) {
				return new Outcome(view(firm, earlier.get()), true);
			}
		}
		if (files == null || files.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.noDocument");
		}
		if (files.size() > properties.maxDocuments()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.tooManyDocuments",
					properties.maxDocuments());
		}
		// The upload checks and the pages' sizes, before anything is kept.
		List<List<PageSize>> pages = new ArrayList<>();
		for (Upload file : files) {
			pages.add(drafts.check(file.pdf()));
		}
		Checked checked = check(firm, request, pages);
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		try {
			transactions.executeWithoutResult(status -> {
				store.insert(id, firm, checked.title(), checked.message(), checked.order(), checked.deadline(),
						checked.reminderDays(), checked.seal(), actor, key, now);
				for (int i = 0; i < files.size(); i++) {
					store.insertDocument(id, i + 1, fileName(files.get(i).fileName()), files.get(i).pdf(),
							Sha256.hex(files.get(i).pdf()));
				}
				checked.insertSigners(id, store, options);
				preparation.replaceCopies(id, Copies.rows(checked.copies()));
				if (batch != null) {
					preparation.joinBatch(id, batch);
				}
				store.event(id, null, "created", null, now);
				evidence.append(id, firm, origin.event("collection.created", "firm:" + actor.value(), now,
						Map.of("title", checked.title(), "documents", String.valueOf(files.size()), "signers",
								String.valueOf(checked.signers().size()))));
				events.publishEvent(new CollectionEvents.CollectionChanged(firm, actor.value().toString(), id,
						"created", CollectionStatus.DRAFT.name()));
			});
		}
		catch (org.springframework.dao.DuplicateKeyException concurrent) {
			// The same Idempotency-Key, posted twice at once: the first one made it.
			return new Outcome(view(firm, store.byCreateKey(firm, key).orElseThrow()), true);
		}
		return new Outcome(view(firm, id), false);
	}

	/**
	 * Launches a draft: reserves the cost of each signer (the tariff in force now), sets the deadline and invites
	 * the first signers. LAUNCH delegation or owner.
	 * @param idempotencyKey null for none; launching again with the key of the launch returns it, replayed
	 * @throws ProblemException 404, 403, 409 {@code collection.error.notDraft}, 402
	 * {@code collection.error.insufficient} with the missing amount (nothing reserved), 400
	 * {@code collection.error.deadlinePast}
	 */
	public Outcome launch(UserId actor, FirmId firm, UUID id, String idempotencyKey, Origin origin) {
		String key = checkedKey(idempotencyKey);
		firms.require(actor, firm, Delegation.LAUNCH);
		CollectionStore.Head head = transactions.execute(status -> store.head(firm, id)).orElseThrow(Collections::notFound);
		if (head.status() != CollectionStatus.DRAFT) {
			if (key != null && key.equals(launchKey(id))) {
				return new Outcome(view(firm, id), true);
			}
			throw new ProblemException(HttpStatus.CONFLICT, "collection.error.notDraft");
		}
		Instant now = clock.instant();
		Instant deadline = head.deadline() == null ? now.plus(properties.defaultDeadline()) : head.deadline();
		if (!deadline.isAfter(now)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.deadlinePast");
		}
		List<CollectionStore.SignerRow> signers = transactions.execute(status -> store.signers(id));
		Money price = billing.tariffAt(now).grossPrice(Operation.COLLECTION_SIGNER);
		Money total = price.times(signers.size());
		Money balance = billing.balance(firm, actor);
		if (balance.compareTo(total) < 0) {
			throw new ProblemException(HttpStatus.PAYMENT_REQUIRED, "collection.error.insufficient",
					total.minus(balance).format(Locale.FRANCE)).withLink(Billing.ACCOUNT_PATH, "billing.insufficient.link");
		}
		// Each reservation in its own short transaction (the account is locked only for it); all or none.
		List<Reservation> reservations = new ArrayList<>();
		try {
			for (CollectionStore.SignerRow signer : signers) {
				reservations.add(billing.reserve(firm, Operation.COLLECTION_SIGNER, reservationKey(signer.signer().id()),
						actor.value().toString()));
			}
			boolean launched = Boolean.TRUE.equals(transactions.execute(status -> {
				CollectionStore.Head locked = store.lock(id).orElseThrow(Collections::notFound);
				if (locked.status() != CollectionStatus.DRAFT) {
					return false;
				}
				store.launched(id, actor, deadline, key, now);
				for (int i = 0; i < signers.size(); i++) {
					store.reserved(signers.get(i).signer().id(), reservations.get(i).id(),
							reservations.get(i).amount().cents());
				}
				store.event(id, null, "launched", null, now);
				evidence.append(id, firm, origin.event("collection.launched", "firm:" + actor.value(), now,
						Map.of("deadline", deadline.toString(), "reserved", total.plain())));
				invitations.inviteTurn(id, now);
				mails.stateChanged(id, "launched");
				events.publishEvent(new CollectionEvents.CollectionChanged(firm, actor.value().toString(), id,
						"launched", CollectionStatus.IN_PROGRESS.name()));
				return true;
			}));
			if (!launched) {
				throw new ProblemException(HttpStatus.CONFLICT, "collection.error.notDraft");
			}
		}
		catch (RuntimeException | Error failure) {
			reservations.forEach(billing::release);
			throw failure;
		}
		evidence.anchor(id);
		return new Outcome(view(firm, id), false);
	}

	/**
	 * Sends a draft back to its preparer with a comment (it stays a draft). LAUNCH delegation or owner.
	 * @throws ProblemException 404, 403, 409 {@code collection.error.notDraft}, 400 for a bad comment
	 */
	public Collection sendBack(UserId actor, FirmId firm, UUID id, String comment, Origin origin) {
		firms.require(actor, firm, Delegation.LAUNCH);
		String text = Names.text(comment, 1000);
		if (text == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.commentRequired");
		}
		transactions.executeWithoutResult(status -> {
			CollectionStore.Head head = lockOf(firm, id);
			if (head.status() != CollectionStatus.DRAFT) {
				throw new ProblemException(HttpStatus.CONFLICT, "collection.error.notDraft");
			}
			Instant now = clock.instant();
			store.sendBack(id, text, now);
			store.event(id, null, "sentBack", text, now);
			evidence.append(id, firm, origin.event("collection.sent-back", "firm:" + actor.value(), now,
					Map.of("comment", text)));
			mails.stateChanged(id, "sentBack");
			events.publishEvent(new CollectionEvents.CollectionChanged(firm, actor.value().toString(), id, "sentBack",
					CollectionStatus.DRAFT.name()));
		});
		return view(firm, id);
	}

	/**
	 * Cancels a draft or a collection in progress, with a reason: what signers have not signed is released. LAUNCH
	 * delegation or owner.
	 * @throws ProblemException 404, 403, 409 {@code collection.error.ended}
	 */
	public Collection cancel(UserId actor, FirmId firm, UUID id, String reason, Origin origin) {
		Membership member = firms.require(actor, firm, Delegation.LAUNCH);
		String text = Names.text(reason, 1000);
		Instant now = clock.instant();
		transactions.executeWithoutResult(status -> {
			CollectionStore.Head head = lockOf(firm, id);
			if (!head.status().mayBecome(CollectionStatus.CANCELLED)) {
				throw new ProblemException(HttpStatus.CONFLICT, "collection.error.ended");
			}
			store.setStatus(id, CollectionStatus.CANCELLED, text, now);
			store.event(id, null, "cancelled", text, now);
			evidence.append(id, firm, origin.event("collection.cancelled", "firm:" + member.user().value(), now,
					text == null ? Map.of() : Map.of("reason", text)));
			mails.stateChanged(id, "cancelled");
			events.publishEvent(new CollectionEvents.CollectionChanged(firm, actor.value().toString(), id, "cancelled",
					CollectionStatus.CANCELLED.name()));
		});
		Lifecycle.releaseUnsigned(billing, firm, transactions.execute(status -> store.signers(id)));
		evidence.anchor(id);
		return view(firm, id);
	}

	/**
	 * Places (or, with null, removes) a signer's visible signature on a document of a draft. PREPARE delegation or
	 * owner.
	 * @throws ProblemException 404, 403, 409 {@code collection.error.notDraft}, 400 {@code collection.error.place}
	 */
	public void place(UserId actor, FirmId firm, UUID id, UUID signer, int document, Place place) {
		place(actor, firm, id, signer, document, place, false);
	}

	/**
	 * As {@link #place(UserId, FirmId, UUID, UUID, int, Place)}, or, with {@code add}, one more place for the signer
	 * on that document (their signature then covers each; at most {@link #MAX_PLACES} per document).
	 */
	public void place(UserId actor, FirmId firm, UUID id, UUID signer, int document, Place place, boolean add) {
		firms.require(actor, firm, Delegation.PREPARE);
		transactions.executeWithoutResult(status -> {
			CollectionStore.Head head = lockOf(firm, id);
			if (head.status() != CollectionStatus.DRAFT) {
				throw new ProblemException(HttpStatus.CONFLICT, "collection.error.notDraft");
			}
			CollectionStore.SignerRow row = store.signers(id)
				.stream()
				.filter(candidate -> candidate.signer().id().equals(signer))
				.findFirst()
				.orElseThrow(Collections::notFound);
			byte[] pdf = store.original(id, document).orElseThrow(Collections::notFound);
			if (place != null) {
				places(List.of(place), java.util.Collections.nCopies(document, drafts.check(pdf)), row.signer().position());
			}
			if (add && place != null) {
				long placed = row.signer().places().stream().filter(one -> one.document() == document).count();
				if (placed >= MAX_PLACES) {
					throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.tooManyPlaces", MAX_PLACES);
				}
				store.addPlace(signer, document, place);
			}
			else {
				store.replacePlace(signer, document, place, clock.instant());
			}
			store.touch(id, clock.instant());
		});
	}

	/** The options of each signer of a collection who has some (for a collection the caller already read). */
	public Map<UUID, SignerOptions> optionsOf(UUID collection) {
		return transactions.execute(status -> options.ofCollection(collection));
	}

	/** The displayed size of each page of a document. @throws ProblemException 404 */
	public List<PageSize> pageSizes(UserId actor, FirmId firm, UUID id, int document) {
		requireReader(actor, firm);
		byte[] pdf = transactions.execute(status -> {
			store.head(firm, id).orElseThrow(Collections::notFound);
			return store.original(id, document);
		}).orElseThrow(Collections::notFound);
		return drafts.check(pdf);
	}

	/** A collection of the firm, for a member with PREPARE or LAUNCH. @throws ProblemException 404, 403 */
	public Collection find(UserId actor, FirmId firm, UUID id) {
		requireReader(actor, firm);
		return view(firm, id);
	}

	/**
	 * The firm's collections, newest first, at most 200.
	 * @param status null for any; {@code from}, {@code to} (creation) null for any; {@code search} a title or a
	 * signer's name or e-mail, null for any
	 */
	public List<Collection> list(UserId actor, FirmId firm, CollectionStatus status, Instant from, Instant to,
			String search) {
		requireReader(actor, firm);
		String text = Names.text(search, 100);
		return transactions.execute(tx -> store.list(firm, status, from, to, text, 200)
			.stream()
			.map(head -> assemble(head))
			.toList());
	}

	/**
	 * A document of the collection: the signed PDF once completed, otherwise its current version.
	 * @param number from 1
	 * @throws ProblemException 404 (unknown, another firm's, or purged after the retention)
	 */
	public CollectionStore.Version document(UserId actor, FirmId firm, UUID id, int number) {
		requireReader(actor, firm);
		return transactions.execute(status -> {
			store.head(firm, id).orElseThrow(Collections::notFound);
			return store.current(id, number)
				.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument"));
		});
	}

	/** A page's picture of a document as uploaded, for the firm's pages. @throws ProblemException 404, 422 */
	public byte[] pagePicture(UserId actor, FirmId firm, UUID id, int number, int page) {
		requireReader(actor, firm);
		transactions.execute(status -> store.head(firm, id)).orElseThrow(Collections::notFound);
		return Lifecycle.picture(drafts, store, transactions, id, number, page);
	}

	/** The collection's timeline, oldest first. @throws ProblemException 404 */
	public List<CollectionStore.Event> timeline(UserId actor, FirmId firm, UUID id) {
		requireReader(actor, firm);
		return transactions.execute(status -> {
			store.head(firm, id).orElseThrow(Collections::notFound);
			return store.timeline(id);
		});
	}

	/** The whole evidence file as JSON. @throws ProblemException 404 */
	public byte[] evidenceJson(UserId actor, FirmId firm, UUID id) {
		requireReader(actor, firm);
		transactions.execute(status -> store.head(firm, id)).orElseThrow(Collections::notFound);
		return evidence.json(id);
	}

	/** The evidence file as a PDF sealed by the platform (PAdES B-LTA). @throws ProblemException 404 */
	public byte[] evidencePdf(UserId actor, FirmId firm, UUID id) {
		requireReader(actor, firm);
		transactions.execute(status -> store.head(firm, id)).orElseThrow(Collections::notFound);
		return evidence.sealedPdf(id);
	}

	/**
	 * Reminds one invited signer now, with a new link (the old one stops working); at most once a day per signer.
	 * LAUNCH delegation or owner.
	 * @throws ProblemException 404, 403, 409 {@code collection.error.notInvited}, 429 {@code collection.error.remindedToday}
	 */
	public void remind(UserId actor, FirmId firm, UUID id, UUID signer, Origin origin) {
		firms.require(actor, firm, Delegation.LAUNCH);
		transactions.executeWithoutResult(status -> {
			CollectionStore.Head head = lockOf(firm, id);
			CollectionStore.SignerRow row = store.signers(id)
				.stream()
				.filter(candidate -> candidate.signer().id().equals(signer))
				.findFirst()
				.orElseThrow(Collections::notFound);
			if (head.status() != CollectionStatus.IN_PROGRESS || row.signer().status() != SignerStatus.INVITED) {
				throw new ProblemException(HttpStatus.CONFLICT, "collection.error.notInvited");
			}
			Instant now = clock.instant();
			Instant last = row.signer().remindedAt() != null ? row.signer().remindedAt() : row.signer().invitedAt();
			if (row.signer().remindedAt() != null && last.isAfter(now.minus(java.time.Duration.ofDays(1)))) {
				throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "collection.error.remindedToday");
			}
			invitations.remind(head, row.signer(), now, "firm:" + actor.value());
		});
	}

	/** Whether the firm has a collection in progress (closing the firm waits for none). */
	boolean anyInProgress(FirmId firm) {
		return !transactions.execute(tx -> store.list(firm, CollectionStatus.IN_PROGRESS, null, null, null, 1)).isEmpty();
	}

	void requireReader(UserId actor, FirmId firm) {
		Membership member = firms.membershipOf(actor)
			.filter(membership -> membership.firm().equals(firm))
			.orElseThrow(Collections::notFound);
		if (!member.may(Delegation.PREPARE) && !member.may(Delegation.LAUNCH)) {
			firms.require(actor, firm, Delegation.PREPARE);
		}
	}

	CollectionStore.Head lockOf(FirmId firm, UUID id) {
		store.head(firm, id).orElseThrow(Collections::notFound);
		return store.lock(id).orElseThrow(Collections::notFound);
	}

	private String launchKey(UUID id) {
		return transactions.execute(status -> store.launchKey(id));
	}

	/** The collection as the firm sees it. */
	Collection view(FirmId firm, UUID id) {
		return transactions.execute(status -> store.head(firm, id).map(this::assemble)).orElseThrow(Collections::notFound);
	}

	private Collection assemble(CollectionStore.Head head) {
		return new Collection(head.id(), head.firm(), head.title(), head.message(), head.status(), head.order(),
				head.deadline(), head.reminderDays(), head.seal(), head.preparedBy(), head.launchedBy(), head.comment(),
				head.createdAt(), head.launchedAt(), head.endedAt(), head.documentsPurged(), store.documents(head.id()),
				store.signers(head.id()).stream().map(CollectionStore.SignerRow::signer).toList(),
				preparation.copies(head.id()).stream().map(copy -> new DraftRequest.Copy(copy.name(), copy.email())).toList());
	}

	/** The billing key of a signer's reservation, then of its debit. */
	static String reservationKey(UUID signer) {
		return "collection-signer:" + signer;
	}

	static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "collection.error.notFound");
	}

	private static String checkedKey(String key) {
		if (key == null) {
			return null;
		}
		if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badIdempotencyKey");
		}
		return key;
	}

	static String fileName(String name) {
		String value = name == null || name.isBlank() ? "document.pdf" : name.strip();
		value = value.replaceAll("[\\p{Cntrl}\\p{Cf}/\\\\]", "_");
		return value.length() > 255 ? value.substring(0, 255) : value;
	}

	/** A draft's fields, checked. */
	record Checked(String title, String message, SigningOrder order, Instant deadline,
			List<Integer> reminderDays, boolean seal, List<Collection.Signer> signers, List<DraftRequest.Copy> copies,
			List<SignerOptions> options) {

		/** Stores the signers with their options. */
		void insertSigners(UUID collection, CollectionStore store, fr.paraphe.collection.internal.SignerOptionStore stored) {
			for (int i = 0; i < signers.size(); i++) {
				store.insertSigner(collection, signers.get(i));
				stored.insert(signers.get(i).id(), options.get(i));
			}
		}

	}

	/** Checks a draft's fields against its documents' pages. @throws ProblemException 400 */
	Checked check(FirmId firm, DraftRequest request, List<List<PageSize>> pages) {
		if (request == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.noCollection");
		}
		String title = Names.text(request.title(), 200);
		if (title == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.title");
		}
		String message = message(request.message());
		SigningOrder order = request.order() == null ? SigningOrder.SEQUENTIAL : request.order();
		if (request.deadline() != null && !request.deadline().isAfter(clock.instant())) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.deadlinePast");
		}
		List<Integer> reminders = request.reminderDays() == null ? properties.reminderDays() : request.reminderDays();
		if (reminders.size() > 10 || reminders.stream().anyMatch(day -> day == null || day < 1 || day > 365)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.reminders");
		}
		List<DraftRequest.NewSigner> given = request.signers();
		if (given == null || given.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.noSigner");
		}
		if (given.size() > properties.maxSigners()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.tooManySigners", properties.maxSigners());
		}
		List<Collection.Signer> signers = new ArrayList<>();
		java.util.Set<UUID> members = new java.util.HashSet<>();
		for (int i = 0; i < given.size(); i++) {
			DraftRequest.NewSigner signer = given.get(i);
			if (signer == null) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.signer", i + 1);
			}
			int position = i + 1;
			int step = switch (order) {
				case PARALLEL -> 1;
				case SEQUENTIAL -> position;
				case GROUPS -> {
					if (signer.step() == null || signer.step() < 1 || signer.step() > properties.maxSigners()) {
						throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.step", position);
					}
					yield signer.step();
				}
			};
			List<Place> places = places(signer.places(), pages, position);
			SignerKind kind = signer.kind() == null ? SignerKind.CLIENT : signer.kind();
			if (kind == SignerKind.MEMBER) {
				if (signer.userId() == null || !members.add(signer.userId())) {
					throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.member", position);
				}
				UserId user = new UserId(signer.userId());
				Membership membership = firms.membershipOf(user)
					.filter(held -> held.firm().equals(firm))
					.orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.member", position));
				signers.add(new Collection.Signer(UUID.randomUUID(), position, step, kind, null, null, null, null, null,
						membership.user(), Channel.EMAIL, SignerStatus.WAITING, null, null, null, null, places));
				continue;
			}
			String givenName = name(signer.givenName(), position);
			String surname = name(signer.surname(), position);
			String civility = civility(signer.civility(), position);
			String email = email(signer.email(), position);
			String phone = phone(signer.phone(), position);
			Channel channel = signer.channel() != null ? signer.channel() : email != null ? Channel.EMAIL : Channel.SMS;
			if ((channel.email() && email == null) || (channel.sms() && phone == null)) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.channel", position);
			}
			signers.add(new Collection.Signer(UUID.randomUUID(), position, step, kind, civility, givenName, surname,
					email, phone, null, channel, SignerStatus.WAITING, null, null, null, null, places));
		}
		List<SignerOptions> options = new ArrayList<>();
		for (int i = 0; i < request.signers().size(); i++) {
			options.add(SignerOptions.checked(request.signers().get(i).options(), i + 1));
		}
		return new Checked(title, message, order, request.deadline(), List.copyOf(reminders),
				Boolean.TRUE.equals(request.seal()), signers, Copies.check(request.copies()), List.copyOf(options));
	}

	private static List<Place> places(List<Place> given, List<List<PageSize>> pages, int position) {
		if (given == null) {
			return List.of();
		}
		if (given.size() > 20) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.place", position);
		}
		for (Place place : given) {
			if (place == null || place.document() < 1 || place.document() > pages.size()
					|| !(place.width() >= 20 && place.height() >= 10)) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.place", position);
			}
			try {
				Drafts.requireInside(pages.get(place.document() - 1),
						List.of(Appearance.box(place.page(), place.x(), place.y(), place.width(), place.height())));
			}
			catch (ProblemException outside) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.place", position);
			}
		}
		return List.copyOf(given);
	}

	private static String message(String raw) {
		if (raw == null) {
			return null;
		}
		List<String> lines = new ArrayList<>();
		for (String line : raw.replace("\r\n", "\n").split("\n", -1)) {
			String cleaned = Names.text(line, 2000);
			lines.add(cleaned == null ? "" : cleaned);
		}
		String text = String.join("\n", lines).strip();
		if (text.length() > 2000) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.message");
		}
		return text.isEmpty() ? null : text;
	}

	static String name(String raw, int position) {
		String name;
		try {
			name = Names.name(raw, 64);
		}
		catch (Names.InvalidText invalid) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.name", position);
		}
		if (name == null || !name.matches("[\\p{L}][\\p{L}\\p{M} '’.-]*")) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.name", position);
		}
		return name;
	}

	static String civility(String raw, int position) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.strip();
		if (!List.of("M.", "Mme").contains(value)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.civility", position);
		}
		return value;
	}

	static String email(String raw, int position) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.strip().toLowerCase(Locale.ROOT);
		if (value.length() > 254 || !EMAIL.matcher(value).matches() || !Names.isClean(value)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.email", position);
		}
		return value;
	}

	/** A mobile number in E.164; a French national number (06…, 07…) becomes +33…. */
	static String phone(String raw, int position) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.replaceAll("[\\s.()-]", "");
		if (value.matches("0[67][0-9]{8}")) {
			value = "+33" + value.substring(1);
		}
		if (!value.matches("\\+[1-9][0-9]{7,14}")) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.phone", position);
		}
		return value;
	}

	/**
	 * Where a request came from, for the evidence trail.
	 * @param ip the client's address, or null (a scheduled job)
	 * @param userAgent or null
	 */
	public record Origin(String ip, String userAgent) {

		/** The server's own work (a scheduled job). */
		public static final Origin SERVER = new Origin(null, null);

		EvidenceEvent event(String type, String party, Instant at, Map<String, String> details) {
			return new EvidenceEvent(type, party, at, ip, userAgent, new LinkedHashMap<>(details));
		}

	}

}
