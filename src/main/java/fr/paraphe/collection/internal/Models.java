package fr.paraphe.collection.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Names;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.Drafts;
import fr.paraphe.signing.PageSize;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models of collections ("modèles"): a collection's signers, their places, its message, order, reminders, seal and
 * recipients in copy, saved with the page sizes of its documents, then reused on new PDFs with the same layout (the
 * yearly engagement letter). A new PDF with fewer pages, or pages of another size, than the places need is refused
 * in French, naming the document and the page. Also the duplication of a collection as a new draft on the same
 * documents. PREPARE delegation or owner to save, use or delete; any member who may read collections lists them.
 */
@Service
public class Models {

	/** Points of difference tolerated between a model's page and a new PDF's page. */
	private static final float TOLERANCE = 1f;

	private final Collections collections;

	private final CollectionStore store;

	private final PreparationStore preparation;

	private final Drafts drafts;

	private final Firms firms;

	private final JsonMapper json;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final DraftEdits edits;

	Models(Collections collections, CollectionStore store, PreparationStore preparation, Drafts drafts, Firms firms,
			JsonMapper json, Clock clock, TransactionTemplate transactions, DraftEdits edits) {
		this.collections = collections;
		this.edits = edits;
		this.store = store;
		this.preparation = preparation;
		this.drafts = drafts;
		this.firms = firms;
		this.json = json;
		this.clock = clock;
		this.transactions = transactions;
	}

	/**
	 * A model.
	 * @param layout per document, the size of each page
	 */
	public record Model(UUID id, String name, DraftRequest request, List<List<PageSize>> layout, UserId createdBy,
			Instant createdAt) {

		/** How many documents the model's collections take. */
		public int documents() {
			return layout.size();
		}

		/** How many signers. */
		public int signers() {
			return request.signers() == null ? 0 : request.signers().size();
		}

	}

	/**
	 * Saves a collection of the firm (a draft or not) as a model; its deadline is not kept.
	 * @param name null for the collection's title
	 * @throws ProblemException 404, 403, 410 {@code collection.model.purged} when its documents are gone
	 */
	public Model save(UserId actor, FirmId firm, UUID collection, String name) {
		firms.require(actor, firm, Delegation.PREPARE);
		Model source = ofCollection(actor, firm, collection);
		String named = Names.text(name, 200);
		String modelName = named == null ? source.name() : named;
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		transactions.executeWithoutResult(status -> preparation.insertModel(id, firm, modelName,
				json.writeValueAsString(source.request()), json.writeValueAsString(source.layout()), actor, now));
		return find(actor, firm, id);
	}

	/**
	 * A collection of the firm as an unsaved model (no id): its request without the deadline, its documents' layout.
	 * @throws ProblemException 404, 403, 410 {@code collection.model.purged}
	 */
	Model ofCollection(UserId actor, FirmId firm, UUID collection) {
		Collection source = collections.find(actor, firm, collection);
		if (source.documentsPurged()) {
			throw new ProblemException(HttpStatus.GONE, "collection.model.purged");
		}
		List<List<PageSize>> layout = new ArrayList<>();
		for (Collection.Document document : source.documents()) {
			layout.add(drafts.check(original(collection, document.number())));
		}
		DraftRequest current = edits.asRequest(source);
		DraftRequest request = new DraftRequest(current.title(), current.message(), null, current.order(),
				current.reminderDays(), current.seal(), current.signers(), current.copies());
		return new Model(null, source.title(), request, layout, source.preparedBy(), source.createdAt());
	}

	/** The firm's models, newest first. @throws ProblemException 404, 403 */
	public List<Model> list(UserId actor, FirmId firm) {
		collections.requireReader(actor, firm);
		return transactions.execute(status -> preparation.models(firm)).stream().map(this::model).toList();
	}

	/** A model of the firm. @throws ProblemException 404, 403 */
	public Model find(UserId actor, FirmId firm, UUID id) {
		collections.requireReader(actor, firm);
		return transactions.execute(status -> preparation.model(firm, id)).map(this::model).orElseThrow(Models::notFound);
	}

	/** Deletes a model (the collections made from it stay). @throws ProblemException 404, 403 */
	public void delete(UserId actor, FirmId firm, UUID id) {
		firms.require(actor, firm, Delegation.PREPARE);
		if (!Boolean.TRUE.equals(transactions.execute(status -> preparation.deleteModel(firm, id)))) {
			throw notFound();
		}
	}

	/**
	 * Creates a draft from a model on new PDFs, after checking they have the pages the places need, of the same
	 * sizes.
	 * @param title null for the model's
	 * @throws ProblemException 404, 403, 400 {@code collection.model.*}, and as {@link Collections#create}
	 */
	public Collections.Outcome createFrom(UserId actor, FirmId firm, UUID id, String title, List<Collections.Upload> files,
			Collections.Origin origin) {
		firms.require(actor, firm, Delegation.PREPARE);
		Model model = find(actor, firm, id);
		requireLayout(model, files);
		DraftRequest request = model.request();
		String named = Names.text(title, 200);
		return collections.create(actor, firm, named == null ? request : withTitle(request, named), files, null, origin);
	}

	/** The model's request with another title. */
	static DraftRequest withTitle(DraftRequest request, String title) {
		return new DraftRequest(title, request.message(), request.deadline(), request.order(), request.reminderDays(),
				request.seal(), request.signers(), request.copies());
	}

	/**
	 * Checks that new PDFs fit a model: as many documents, and each page where a signer signs present and of the
	 * model's size.
	 * @throws ProblemException 400 {@code collection.model.documents}, {@code collection.model.fewerPages},
	 * {@code collection.model.pageSize}, and the upload checks of {@link Drafts#check}
	 */
	void requireLayout(Model model, List<Collections.Upload> files) {
		if (files == null || files.size() != model.documents()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.model.documents", model.documents(),
					files == null ? 0 : files.size());
		}
		List<List<PageSize>> given = new ArrayList<>();
		for (Collections.Upload file : files) {
			given.add(drafts.check(file.pdf()));
		}
		for (DraftRequest.NewSigner signer : model.request().signers()) {
			for (Place place : signer.places() == null ? List.<Place>of() : signer.places()) {
				List<PageSize> pages = given.get(place.document() - 1);
				if (place.page() > pages.size()) {
					throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.model.fewerPages", place.document(),
							pages.size(), place.page());
				}
				PageSize expected = model.layout().get(place.document() - 1).get(place.page() - 1);
				PageSize actual = pages.get(place.page() - 1);
				if (Math.abs(expected.width() - actual.width()) > TOLERANCE
						|| Math.abs(expected.height() - actual.height()) > TOLERANCE) {
					throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.model.pageSize", place.document(),
							place.page(), millimetres(expected), millimetres(actual));
				}
			}
		}
	}

	/**
	 * Duplicates a collection of the firm as a new draft on the same documents (as uploaded), with its fields,
	 * signers, places and recipients in copy; the deadline is not kept.
	 * @throws ProblemException 404, 403, 410 {@code collection.model.purged}
	 */
	public Collection duplicate(UserId actor, FirmId firm, UUID collection, Collections.Origin origin) {
		firms.require(actor, firm, Delegation.PREPARE);
		Collection source = collections.find(actor, firm, collection);
		if (source.documentsPurged()) {
			throw new ProblemException(HttpStatus.GONE, "collection.model.purged");
		}
		List<Collections.Upload> files = new ArrayList<>();
		for (Collection.Document document : source.documents()) {
			files.add(new Collections.Upload(document.fileName(), original(collection, document.number())));
		}
		DraftRequest current = edits.asRequest(source);
		return collections.create(actor, firm, new DraftRequest(current.title(), current.message(), null, current.order(),
				current.reminderDays(), current.seal(), current.signers(), current.copies()), files, null, origin)
			.collection();
	}

	byte[] original(UUID collection, int number) {
		return transactions.execute(status -> store.original(collection, number))
			.orElseThrow(() -> new ProblemException(HttpStatus.GONE, "collection.model.purged"));
	}

	private static String millimetres(PageSize size) {
		return String.format(Locale.FRANCE, "%.0f × %.0f mm", size.width() * 25.4 / 72, size.height() * 25.4 / 72);
	}

	private Model model(PreparationStore.ModelRow row) {
		try {
			return new Model(row.id(), row.name(), json.readValue(row.request(), DraftRequest.class),
					json.readValue(row.layout(), new TypeReference<List<List<PageSize>>>() {
					}), row.createdBy(), row.createdAt());
		}
		catch (JacksonException unreadable) {
			throw new IllegalStateException("Unreadable model " + row.id(), unreadable);
		}
	}

	public static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "collection.model.notFound");
	}

}
