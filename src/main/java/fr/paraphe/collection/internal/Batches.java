package fr.paraphe.collection.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Names;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.PageSize;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batches (envois groupés): one collection per client of a CSV, from a model or a draft, on one PDF for all or one
 * PDF per client (a ZIP whose file names a column gives), then launched together by a LAUNCH holder, each collection
 * reserved and tracked on its own. The CSV is checked whole before anything is created: every line's errors are
 * returned, with its line number, and nothing is created while one remains. The model's first client signer is
 * the place of the CSV's client; its other signers (a partner of the firm, say) stay in every collection. Extra
 * columns are merged into the title and the message as {@code {{colonne}}}.
 */
@Service
public class Batches {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]{1,100}?)\\s*\\}\\}");

	private static final String[] CIVILITY = { "civilite", "civ" };

	private static final String[] GIVEN_NAME = { "prenom" };

	private static final String[] SURNAME = { "nom" };

	private static final String[] EMAIL = { "email", "mail", "courriel", "adresseelectronique" };

	private static final String[] MOBILE = { "mobile", "telephone", "portable", "tel" };

	private static final String[] FILE = { "fichier", "document", "pdf" };

	private final Collections collections;

	private final Models models;

	private final PreparationStore preparation;

	private final CollectionStore store;

	private final Firms firms;

	private final Billing billing;

	private final BatchProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	Batches(Collections collections, Models models, PreparationStore preparation, CollectionStore store, Firms firms,
			Billing billing, BatchProperties properties, Clock clock, TransactionTemplate transactions) {
		this.store = store;
		this.collections = collections;
		this.models = models;
		this.preparation = preparation;
		this.firms = firms;
		this.billing = billing;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
	}

	/**
	 * What a batch is made of.
	 * @param model the model to use, or null with {@code draft}
	 * @param draft a collection of the firm to use as the model, or null with {@code model}
	 * @param title null for the model's; may hold {@code {{colonne}}}
	 * @param files the same PDFs for every client (as many as the model has documents); or empty: a ZIP, or the
	 * draft's own documents
	 * @param zip one PDF per client, named in the column {@code fichier}; or null
	 */
	public record Input(UUID model, UUID draft, String title, byte[] csv, List<Collections.Upload> files, byte[] zip) {
	}

	/** An error of a CSV line (0 for the file as a whole): a message key and its arguments. */
	public record LineError(int line, String key, List<Object> arguments) {
	}

	/** The CSV's errors: nothing was created. 400 {@code collection.batch.invalid} with the count. */
	public static final class Refused extends ProblemException {

		private static final long serialVersionUID = 1L;

		private final transient List<LineError> errors;

		Refused(List<LineError> errors) {
			super(HttpStatus.BAD_REQUEST, "collection.batch.invalid", errors.size());
			this.errors = List.copyOf(errors);
		}

		public List<LineError> errors() {
			return errors;
		}

	}

	/** A batch with its collections and their counts by state. */
	public record Summary(UUID id, String title, Instant createdAt, Instant launchedAt, List<Collection> collections) {

		public long count(CollectionStatus status) {
			return collections.stream().filter(collection -> collection.status() == status).count();
		}

		/** Launched: every collection that left the draft state. */
		public long sent() {
			return collections.stream().filter(collection -> collection.status() != CollectionStatus.DRAFT).count();
		}

		public boolean launched() {
			return launchedAt != null;
		}

	}

	/**
	 * Creates the drafts of a batch, all or none. PREPARE delegation or owner.
	 * @return the batch's id
	 * @throws Refused with every line's errors; ProblemException 404, 403, 400 {@code collection.batch.*}
	 */
	public UUID create(UserId actor, FirmId firm, Input input, Collections.Origin origin) {
		firms.require(actor, firm, Delegation.PREPARE);
		if ((input.model() == null) == (input.draft() == null)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.noSource");
		}
		Models.Model model = input.model() != null ? models.find(actor, firm, input.model())
				: models.ofCollection(actor, firm, input.draft());
		List<DraftRequest.NewSigner> signers = model.request().signers();
		int client = -1;
		for (int i = 0; i < signers.size() && client < 0; i++) {
			if (signers.get(i).kind() != SignerKind.MEMBER) {
				client = i;
			}
		}
		if (client < 0) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.noClient");
		}
		if (input.csv() == null || input.csv().length == 0) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.noCsv");
		}
		CsvTable table;
		try {
			table = CsvTable.parse(input.csv(), properties.maxLines());
		}
		catch (CsvTable.Unreadable unreadable) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.csv." + unreadable.reason(),
					properties.maxLines());
		}
		Map<String, int[]> columns = new LinkedHashMap<>();
		columns.put("civilité", new int[] { table.column(CIVILITY) });
		columns.put("prénom", new int[] { table.column(GIVEN_NAME) });
		columns.put("nom", new int[] { table.column(SURNAME) });
		columns.put("e-mail", new int[] { table.column(EMAIL) });
		columns.put("mobile", new int[] { table.column(MOBILE) });
		int fileColumn = table.column(FILE);
		List<String> missing = columns.entrySet().stream().filter(entry -> entry.getValue()[0] < 0).map(Map.Entry::getKey).toList();
		if (input.zip() != null && fileColumn < 0) {
			missing = new ArrayList<>(missing);
			missing.add("fichier");
		}
		if (!missing.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.missingColumns", String.join(", ", missing));
		}
		if (table.rows().isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.csv.noLine");
		}
		String title = Names.text(input.title(), 200) == null ? model.request().title() : Names.text(input.title(), 200);
		Map<String, Integer> headerKeys = new HashMap<>();
		for (int i = 0; i < table.header().size(); i++) {
			headerKeys.putIfAbsent(CsvTable.key(table.header().get(i)), i);
		}
		Set<String> unknown = new LinkedHashSet<>();
		for (String text : new String[] { title, model.request().message() }) {
			Matcher placeholder = PLACEHOLDER.matcher(text == null ? "" : text);
			while (placeholder.find()) {
				if (!headerKeys.containsKey(CsvTable.key(placeholder.group(1)))) {
					unknown.add(placeholder.group(1));
				}
			}
		}
		if (!unknown.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.unknownColumns", String.join(", ", unknown));
		}

		// The documents: the same for all, or one per client from the ZIP.
		List<Collections.Upload> shared = null;
		Map<String, byte[]> zipped = null;
		if (input.zip() != null) {
			if (model.documents() != 1) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.zipOneDocument", model.documents());
			}
			zipped = unzip(input.zip());
		}
		else if (input.files() != null && !input.files().isEmpty()) {
			shared = input.files();
			models.requireLayout(model, shared);
		}
		else if (input.draft() != null) {
			List<Collections.Upload> own = new ArrayList<>();
			Collection draft = collections.find(actor, firm, input.draft());
			for (Collection.Document document : draft.documents()) {
				own.add(new Collections.Upload(document.fileName(), models.original(input.draft(), document.number())));
			}
			shared = own;
		}
		else {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.noDocument");
		}
		List<List<PageSize>> sharedPages = shared == null ? null : model.layout();

		// Every line checked before anything is created.
		List<LineError> errors = new ArrayList<>();
		List<DraftRequest> requests = new ArrayList<>();
		List<List<Collections.Upload>> files = new ArrayList<>();
		DraftRequest.NewSigner template = signers.get(client);
		for (CsvTable.Row row : table.rows()) {
			int before = errors.size();
			if (row.cells().size() > table.header().size()) {
				errors.add(new LineError(row.line(), "collection.batch.line.columns",
						List.of(row.cells().size(), table.header().size())));
				continue;
			}
			String civility = cell(row, columns.get("civilité")[0]);
			String given = cell(row, columns.get("prénom")[0]);
			String surname = cell(row, columns.get("nom")[0]);
			String email = cell(row, columns.get("e-mail")[0]);
			String mobile = cell(row, columns.get("mobile")[0]);
			String civilityValue = civility(civility);
			if (civilityValue == null && !civility.isBlank()) {
				errors.add(new LineError(row.line(), "collection.batch.line.civility", List.of(civility)));
			}
			check(errors, row.line(), "collection.batch.line.givenName", given, true, () -> Collections.name(given, 1));
			check(errors, row.line(), "collection.batch.line.surname", surname, true, () -> Collections.name(surname, 1));
			check(errors, row.line(), "collection.batch.line.email", email, false, () -> Collections.email(email, 1));
			check(errors, row.line(), "collection.batch.line.mobile", mobile, false, () -> Collections.phone(mobile, 1));
			if (email.isBlank() && mobile.isBlank()) {
				errors.add(new LineError(row.line(), "collection.batch.line.noContact", List.of()));
			}
			List<Collections.Upload> rowFiles = shared;
			if (zipped != null) {
				String name = cell(row, fileColumn);
				byte[] pdf = zipped.get(name.strip());
				if (name.isBlank()) {
					errors.add(new LineError(row.line(), "collection.batch.line.noFile", List.of()));
				}
				else if (pdf == null) {
					errors.add(new LineError(row.line(), "collection.batch.line.fileMissing", List.of(name.strip())));
				}
				else {
					rowFiles = List.of(new Collections.Upload(name.strip(), pdf));
					try {
						models.requireLayout(model, rowFiles);
					}
					catch (ProblemException badPdf) {
						errors.add(new LineError(row.line(), badPdf.messageKey(), List.of(badPdf.arguments())));
					}
				}
			}
			if (errors.size() > before) {
				continue;
			}
			Channel channel = template.channel();
			if (channel == null || (channel.email() && email.isBlank()) || (channel.sms() && mobile.isBlank())) {
				channel = null;
			}
			List<DraftRequest.NewSigner> rowSigners = new ArrayList<>(signers);
			rowSigners.set(client, new DraftRequest.NewSigner(SignerKind.CLIENT, civilityValue, given, surname,
					email.isBlank() ? null : email, mobile.isBlank() ? null : mobile, null, channel, template.step(),
					template.places(), template.options()));
			DraftRequest request = new DraftRequest(merge(title, row, headerKeys), merge(model.request().message(), row,
					headerKeys), null, model.request().order(), model.request().reminderDays(), model.request().seal(),
					rowSigners, model.request().copies());
			try {
				collections.check(firm, request, sharedPages != null ? sharedPages : model.layout());
			}
			catch (ProblemException invalid) {
				errors.add(new LineError(row.line(), invalid.messageKey(), List.of(invalid.arguments())));
				continue;
			}
			requests.add(request);
			files.add(rowFiles);
		}
		if (!errors.isEmpty()) {
			throw new Refused(errors);
		}

		UUID batch = UUID.randomUUID();
		transactions.executeWithoutResult(status -> preparation.insertBatch(batch, firm, Names.text(
				title.length() > 200 ? title.substring(0, 200) : title, 200), actor, clock.instant()));
		List<UUID> created = new ArrayList<>();
		try {
			for (int i = 0; i < requests.size(); i++) {
				created.add(collections.create(actor, firm, requests.get(i), files.get(i), null, origin, batch)
					.collection()
					.id());
			}
		}
		catch (RuntimeException failure) {
			transactions.executeWithoutResult(status -> {
				created.forEach(store::delete);
				preparation.deleteBatch(batch);
			});
			throw failure;
		}
		return batch;
	}

	/**
	 * Launches every draft of a batch, each reserved on its own; a balance that does not cover them all refuses
	 * the whole batch before anything is reserved. LAUNCH delegation or owner.
	 * @return how many were launched
	 * @throws ProblemException 404, 403, 409 {@code collection.batch.launched}, 402 with the missing amount
	 */
	public int launch(UserId actor, FirmId firm, UUID batch, Collections.Origin origin) {
		firms.require(actor, firm, Delegation.LAUNCH);
		List<Collection> drafts = transactions.execute(status -> {
			PreparationStore.BatchRow row = preparation.lockBatch(firm, batch).orElseThrow(Batches::notFound);
			if (row.launchedAt() != null) {
				throw new ProblemException(HttpStatus.CONFLICT, "collection.batch.launched");
			}
			return preparation.batchMembers(batch)
				.stream()
				.map(id -> collections.view(firm, id))
				.filter(collection -> collection.status() == CollectionStatus.DRAFT)
				.toList();
		});
		Instant now = clock.instant();
		Money price = billing.tariffAt(now).grossPrice(Operation.COLLECTION_SIGNER);
		Money total = price.times(drafts.stream().mapToInt(collection -> collection.signers().size()).sum());
		Money balance = billing.balance(firm, actor);
		if (balance.compareTo(total) < 0) {
			throw new ProblemException(HttpStatus.PAYMENT_REQUIRED, "collection.error.insufficient",
					total.minus(balance).format(Locale.FRANCE)).withLink(Billing.ACCOUNT_PATH, "billing.insufficient.link");
		}
		boolean claimed = Boolean.TRUE.equals(transactions.execute(status -> {
			PreparationStore.BatchRow row = preparation.lockBatch(firm, batch).orElseThrow(Batches::notFound);
			if (row.launchedAt() != null) {
				return false;
			}
			preparation.batchLaunched(batch, actor, now);
			return true;
		}));
		if (!claimed) {
			throw new ProblemException(HttpStatus.CONFLICT, "collection.batch.launched");
		}
		int launched = 0;
		for (Collection draft : drafts) {
			collections.launch(actor, firm, draft.id(), "batch:" + batch, origin);
			launched++;
		}
		return launched;
	}

	/** A batch of the firm with its collections. @throws ProblemException 404, 403 */
	public Summary summary(UserId actor, FirmId firm, UUID batch) {
		collections.requireReader(actor, firm);
		PreparationStore.BatchRow row = transactions.execute(status -> preparation.batch(firm, batch))
			.orElseThrow(Batches::notFound);
		List<Collection> members = transactions.execute(status -> preparation.batchMembers(batch))
			.stream()
			.map(id -> collections.view(firm, id))
			.toList();
		return new Summary(row.id(), row.title(), row.createdAt(), row.launchedAt(), members);
	}

	/** The firm's batches, newest first. @throws ProblemException 404, 403 */
	public List<Summary> list(UserId actor, FirmId firm) {
		collections.requireReader(actor, firm);
		return transactions.execute(status -> preparation.batches(firm))
			.stream()
			.map(row -> summary(actor, firm, row.id()))
			.toList();
	}

	public static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "collection.batch.notFound");
	}

	private static String cell(CsvTable.Row row, int column) {
		return column < 0 || column >= row.cells().size() ? "" : row.cells().get(column).strip();
	}

	/** "M.", "Mme" and their common spellings; null for blank or unknown. */
	static String civility(String raw) {
		String key = CsvTable.key(raw);
		return switch (key) {
			case "m", "mr", "monsieur" -> "M.";
			case "mme", "madame", "mlle", "mademoiselle" -> "Mme";
			default -> null;
		};
	}

	/** Runs a field's check (unless it is blank and optional), adding the line's error. */
	private static void check(List<LineError> errors, int line, String key, String value, boolean required,
			Runnable check) {
		if (value.isBlank()) {
			if (required) {
				errors.add(new LineError(line, key + "Missing", List.of()));
			}
			return;
		}
		try {
			check.run();
		}
		catch (ProblemException invalid) {
			errors.add(new LineError(line, key, List.of(value)));
		}
	}

	private static String merge(String text, CsvTable.Row row, Map<String, Integer> headerKeys) {
		if (text == null) {
			return null;
		}
		Matcher placeholder = PLACEHOLDER.matcher(text);
		StringBuilder merged = new StringBuilder();
		while (placeholder.find()) {
			Integer column = headerKeys.get(CsvTable.key(placeholder.group(1)));
			placeholder.appendReplacement(merged, Matcher.quoteReplacement(column == null ? "" : cell(row, column)));
		}
		placeholder.appendTail(merged);
		return merged.toString();
	}

	/** The PDFs of a ZIP by name (without folders), within the configured size. */
	private Map<String, byte[]> unzip(byte[] zip) {
		Map<String, byte[]> files = new HashMap<>();
		long total = 0;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				if (entry.isDirectory()) {
					continue;
				}
				if (files.size() >= properties.maxLines() * 2 + 10) {
					throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.zipTooLarge");
				}
				byte[] bytes = read(in, properties.maxZipBytes() - total);
				total += bytes.length;
				String name = entry.getName();
				files.put(name.substring(name.lastIndexOf('/') + 1), bytes);
			}
		}
		catch (IOException | IllegalArgumentException unreadable) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.zipUnreadable");
		}
		if (files.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.zipUnreadable");
		}
		return files;
	}

	private static byte[] read(InputStream in, long limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while ((n = in.read(buffer)) > 0) {
			if (out.size() + n > limit) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.batch.zipTooLarge");
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

}
