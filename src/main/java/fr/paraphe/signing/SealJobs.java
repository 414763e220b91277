package fr.paraphe.signing;

import fr.paraphe.signing.internal.Documents;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.billing.Reservation;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.pades.Appearance;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.shared.ClusterJobs;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.SealJobManifestPdf;
import fr.paraphe.signing.internal.SealJobStore;
import fr.paraphe.signing.internal.SigningKeys;
import fr.paraphe.validation.ReportSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk sealing jobs: up to {@link #MAX_DOCUMENTS} PDFs sealed with the firm's seal in the background, on any node.
 * <p><b>Money.</b> The whole job's price is reserved when it is submitted, in the transaction that records the job
 * (one reservation per document, keyed {@code sealjob:<job>:<index>}): a balance that does not cover it all is
 * refused with 402 and nothing is recorded. Each sealed document settles its own reservation (its reservation's
 * ledger entry becomes its debit, without the account row: {@link Billing#settleAll}, one per batch); a failed one
 * releases its own; when the job ends, whatever is still reserved is released. One audit entry per recorded batch
 * names its documents ({@link SigningEvents.JobDocumentsSealed}).
 * <p><b>Once.</b> A worker claims documents under a lease (a random token and an expiry, taken with
 * {@code FOR UPDATE SKIP LOCKED}), seals them with no lock and no transaction held, then, in ONE transaction,
 * marks the document sealed (only if its token still holds the lease), records it in the firm's register (which
 * alone stores the sealed PDF: the job's row references the register's entry, the result ZIP reads it there, the
 * register's purge drops it) and settles the document's reservation (a debit keyed {@code sealjob:<job>:<index>}, which the ledger takes once
 * whatever happens). A node killed before that commit leaves the document pending with nothing stored and nothing
 * charged: its lease expires and a node seals it again (the first signature, never stored nor delivered, is
 * lost with the dead node's memory). A node killed after it leaves the document sealed, never claimed again.
 * Two nodes can never both record a document: the second's update finds the token changed (and its settlement
 * would find the keyed debit and give its reservation back).
 */
@Service
public class SealJobs {

	private static final Logger log = LoggerFactory.getLogger(SealJobs.class);

	/** The most documents one job may hold. */
	public static final int MAX_DOCUMENTS = 1_000;

	/** How many times a document is tried after passing failures (not the document's fault) before it fails. */
	static final int MAX_ATTEMPTS = 3;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SealJobStore store;

	private final FirmSeals seals;

	private final Firms firms;

	private final Billing billing;

	private final PadesSigner signer;

	private final SigningKeys keys;

	private final Documents documents;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ObjectProvider<ReportSeal> platformSeal;

	private final ClusterJobs cluster;

	private final Duration lease;

	private final int batch;

	/** This node's worker, started at once when a job is submitted here. */
	private volatile Runnable waker;

	SealJobs(SealJobStore store, FirmSeals seals, Firms firms, Billing billing, PadesSigner signer, SigningKeys keys,
			Documents documents, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock,
			ObjectProvider<ReportSeal> platformSeal, ClusterJobs cluster,
			@Value("${paraphe.signing.seal-jobs.lease:PT2M}") Duration lease,
			@Value("${paraphe.signing.seal-jobs.batch:32}") int batch) {
		this.store = store;
		this.seals = seals;
		this.firms = firms;
		this.billing = billing;
		this.signer = signer;
		this.keys = keys;
		this.documents = documents;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.platformSeal = platformSeal;
		this.cluster = cluster;
		this.lease = lease;
		this.batch = Math.max(1, batch);
	}

	void onSubmit(Runnable wake) {
		this.waker = wake;
	}

	/** A PDF of a job, as uploaded. */
	public record Upload(String fileName, byte[] content) {
	}

	/** The seal's settings, as for one seal ({@code POST /api/v1/seals}); the box's fields are null for defaults. */
	public record Settings(SignatureLevel level, String reason, boolean certify, boolean visible, Integer page, Float x,
			Float y, Float width, Float height) {

		SignatureParameters parameters() {
			SignatureParameters parameters = new SignatureParameters(level, null, null, reason, null, null, null, 0);
			if (certify) {
				parameters = parameters.withCertification(2);
			}
			if (visible) {
				parameters = parameters.withAppearance(Appearance.boxOrDefault(page == null ? 1 : page, x, y, width,
						height), null);
			}
			return parameters;
		}

	}

	/** A submitted job: its id, and whether it answers a replay of the same Idempotency-Key. */
	public record Submitted(UUID id, boolean replayed) {
	}

	/** A job's progress. */
	public record Status(UUID id, String status, int total, int done, int failed, String level, Instant createdAt,
			Instant finishedAt, boolean expired, List<DocumentStatus> documents) {

		public boolean finished() {
			return "COMPLETED".equals(status);
		}

	}

	/** One document of a job: its state and, if it failed, the message key of why. */
	public record DocumentStatus(int index, String fileName, String status, String sourceSha256, String sealedSha256,
			String errorKey) {
	}

	/**
	 * Records a job and reserves its whole price. Members with the SEAL delegation, CGU accepted, a valid seal.
	 * @param idempotencyKey null for none; the same key (per firm) answers the first job if the request is the same
	 * @throws ProblemException 400 {@code signing.jobs.noFile}, 413 {@code signing.jobs.tooMany}, 402
	 * {@code billing.insufficientFor} with the missing amount (nothing reserved), 409 {@code signing.error.noSeal},
	 * 422 {@code signing.api.idempotencyMismatch}
	 */
	public Submitted submit(FirmId firm, UserId actor, List<Upload> uploads, Settings settings, String idempotencyKey,
			Documents.Channel channel) {
		if (uploads.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.noFile");
		}
		if (uploads.size() > MAX_DOCUMENTS) {
			throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "signing.jobs.tooMany", String.valueOf(MAX_DOCUMENTS));
		}
		IssuedCertificate certificate = seals.certificateFor(firm, actor);
		CertifiedNames.apply(certificate, settings.parameters());
		List<String> hashes = uploads.stream().map(upload -> sha256(upload.content())).toList();
		String fingerprint = fingerprint(uploads, hashes, settings);
		UUID id = idempotencyKey == null ? UUID.randomUUID()
				: UUID.nameUUIDFromBytes(("seal-job|" + firm.value() + "|" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
		if (idempotencyKey != null) {
			Optional<Submitted> earlier = replay(firm, idempotencyKey, fingerprint);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		Instant now = clock.instant();
		Money price = billing.price(Operation.SEAL);
		try {
			transactions.executeWithoutResult(status -> {
				store.insertJob(new SealJobStore.Job(id, firm, actor.value(), channel.name(), idempotencyKey, fingerprint,
						settings.level().name(), settings.reason(), settings.certify(), settings.visible(), settings.page(),
						settings.x(), settings.y(), settings.width(), settings.height(), "RUNNING", uploads.size(),
						price.cents(), now, null, now.plus(documents.retention()), false));
				LinkedHashMap<String, UUID> reservations = new LinkedHashMap<>();
				List<SealJobStore.Upload> rows = new ArrayList<>(uploads.size());
				for (int index = 0; index < uploads.size(); index++) {
					UUID reservation = UUID.randomUUID();
					reservations.put(key(id, index), reservation);
					rows.add(new SealJobStore.Upload(uploads.get(index).fileName(), uploads.get(index).content(),
							hashes.get(index), reservation));
				}
				store.insertDocuments(id, rows);
				// The reservations last: the firm's account row stays locked only for them, until the commit.
				Money reserved = billing.reserveAll(firm, Operation.SEAL, reservations, actor.value().toString())
					.get(0)
					.amount();
				if (!reserved.equals(price)) {
					// The tariff changed in between: the job's documents are debited what was reserved.
					store.updatePrice(id, reserved.cents());
				}
			});
		}
		catch (DuplicateKeyException concurrentRetry) {
			return replay(firm, idempotencyKey, fingerprint).orElseThrow(() -> concurrentRetry);
		}
		Runnable wake = waker;
		if (wake != null) {
			wake.run();
		}
		return new Submitted(id, false);
	}

	private Optional<Submitted> replay(FirmId firm, String idempotencyKey, String fingerprint) {
		if (idempotencyKey == null) {
			return Optional.empty();
		}
		return store.jobByKey(firm, idempotencyKey).map(job -> {
			if (!job.fingerprint().equals(fingerprint)) {
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "signing.api.idempotencyMismatch");
			}
			return new Submitted(job.id(), true);
		});
	}

	/**
	 * A job's progress. Members with the SEAL delegation of the job's firm.
	 * @throws ProblemException 404 {@code signing.jobs.notFound} for an unknown or another firm's job
	 */
	public Status status(FirmId firm, UserId actor, UUID id) {
		SealJobStore.Job job = job(firm, actor, id);
		List<SealJobStore.Document> rows = store.documents(id);
		int done = (int) rows.stream().filter(row -> "SEALED".equals(row.status())).count();
		int failed = (int) rows.stream().filter(row -> "FAILED".equals(row.status())).count();
		return new Status(id, job.status(), job.total(), done, failed, job.level(), job.createdAt(), job.finishedAt(),
				job.purged(), rows.stream()
					.map(row -> new DocumentStatus(row.index(), row.fileName(), row.status(), row.sourceSha256(),
							row.sealedSha256(), row.errorKey()))
					.toList());
	}

	/**
	 * Writes the finished job's results to {@code target} as a ZIP: the sealed PDFs, {@code manifest.json} and
	 * {@code manifest.pdf} (the same, sealed by the platform). Members with the SEAL delegation.
	 * @throws ProblemException 404 as {@link #status}, 409 {@code signing.jobs.running} before the end, 410
	 * {@code signing.jobs.expired} once the files' retention ended
	 */
	public void result(FirmId firm, UserId actor, UUID id, Path target) {
		SealJobStore.Job job = job(firm, actor, id);
		if (!"COMPLETED".equals(job.status())) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.jobs.running");
		}
		byte[][] manifest = store.manifest(id)
			.orElseThrow(() -> new ProblemException(HttpStatus.GONE, "signing.jobs.expired"));
		try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
			Map<Integer, String> names = entryNames(store.documents(id));
			for (SealJobStore.Document document : store.documents(id)) {
				if (!"SEALED".equals(document.status())) {
					continue;
				}
				byte[] sealed = store.sealed(id, document.index())
					.orElseThrow(() -> new ProblemException(HttpStatus.GONE, "signing.jobs.expired"));
				zip.putNextEntry(new ZipEntry(names.get(document.index())));
				zip.write(sealed);
				zip.closeEntry();
			}
			zip.putNextEntry(new ZipEntry("manifest.json"));
			zip.write(manifest[0]);
			zip.closeEntry();
			if (manifest[1] != null) {
				zip.putNextEntry(new ZipEntry("manifest.pdf"));
				zip.write(manifest[1]);
				zip.closeEntry();
			}
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	private SealJobStore.Job job(FirmId firm, UserId actor, UUID id) {
		firms.require(actor, firm, Delegation.SEAL);
		return store.job(id)
			.filter(job -> job.firm().equals(firm))
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.jobs.notFound"));
	}

	/**
	 * Claims up to a batch of pending documents (any job, any node), seals them one by one with no transaction
	 * open, then records the whole batch in one transaction (one commit, the firm's account row not taken).
	 * @return how many were claimed (0: nothing to do)
	 */
	int work() {
		UUID token = UUID.randomUUID();
		Instant now = clock.instant();
		List<SealJobStore.Claimed> claimed = transactions
			.execute(status -> store.claim(token, now, now.plus(lease), batch));
		Map<UUID, Optional<Context>> contexts = new HashMap<>();
		List<Outcome> outcomes = new ArrayList<>(claimed.size());
		for (SealJobStore.Claimed document : claimed) {
			if (Thread.currentThread().isInterrupted()) {
				// The node stops: nothing of this batch is recorded; the leases expire and another node takes it.
				return claimed.size();
			}
			contexts.computeIfAbsent(document.job(), this::context)
				.ifPresent(context -> outcomes.add(seal(context, document)));
		}
		record(outcomes);
		for (UUID job : contexts.keySet()) {
			if (!store.anyPending(job)) {
				finish(job);
			}
		}
		return claimed.size();
	}

	/**
	 * What sealing a job's documents needs, checked once per batch: the job, its firm's certificate, parameters,
	 * and the actor's name for the register.
	 */
	private record Context(SealJobStore.Job job, IssuedCertificate certificate, fr.paraphe.pades.SigningKey key,
			SignatureParameters parameters, String actorName, String refusal) {
	}

	/**
	 * A claimed document once its seal was tried: sealed (its PDF), failed for good (the message key of why), or
	 * failed for a passing reason (to try again).
	 */
	private record Outcome(Context context, SealJobStore.Claimed document, Reservation reservation, byte[] sealed,
			String sealedSha256, String errorKey, RuntimeException passing) {

		static Outcome sealed(Context context, SealJobStore.Claimed document, Reservation reservation, byte[] sealed) {
			// Hashed once, here on the sealing thread: the job's row, the register and the audit entry share it.
			return new Outcome(context, document, reservation, sealed, sha256(sealed), null, null);
		}

		static Outcome failed(Context context, SealJobStore.Claimed document, Reservation reservation,
				String errorKey, RuntimeException passing) {
			return new Outcome(context, document, reservation, null, null, errorKey, passing);
		}

	}

	private Optional<Context> context(UUID id) {
		Optional<SealJobStore.Job> found = store.job(id);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		SealJobStore.Job job = found.get();
		Settings settings = new Settings(SignatureLevel.valueOf(job.level()), job.reason(), job.certify(), job.visible(),
				job.boxPage(), job.boxX(), job.boxY(), job.boxWidth(), job.boxHeight());
		try {
			IssuedCertificate certificate = seals.certificateFor(job.firm(), new UserId(job.actor()));
			// The key and its chain read once for the batch, not once per document.
			return Optional.of(new Context(job, certificate, keys.of(certificate),
					CertifiedNames.apply(certificate, settings.parameters()), documents.actorName(new UserId(job.actor())),
					null));
		}
		catch (ProblemException refused) {
			// No valid seal any more, the delegation withdrawn, new CGU not accepted: the documents fail with why.
			return Optional.of(new Context(job, null, null, null, null, refused.messageKey()));
		}
	}

	/** Seals one document, with no transaction open. */
	private Outcome seal(Context context, SealJobStore.Claimed document) {
		SealJobStore.Job job = context.job();
		Reservation reservation = new Reservation(document.reservation(), job.firm(), key(job.id(), document.index()),
				Operation.SEAL, null, job.actor().toString(), null);
		if (context.refusal() != null) {
			return Outcome.failed(context, document, reservation, context.refusal(), null);
		}
		try {
			return Outcome.sealed(context, document, reservation,
					signer.sign(document.source(), context.key(), context.parameters()));
		}
		catch (ProblemException refused) {
			if (refused.getStatusCode().is4xxClientError()) {
				return Outcome.failed(context, document, reservation, refused.messageKey(), null);
			}
			return Outcome.failed(context, document, reservation, null, refused);
		}
		catch (RuntimeException failure) {
			return Outcome.failed(context, document, reservation, null, failure);
		}
	}

	/**
	 * Records a batch in one transaction: the sealed documents whose lease still holds (the others were taken over
	 * by another node, which records them) marked sealed and entered in the firm's register, which alone stores
	 * their PDFs (the job's row references the register's entry), then all settled at once (each document's
	 * reservation turned into its own debit, no account lock) with one audit entry for the batch's documents of
	 * each job ({@link SigningEvents.JobDocumentsSealed}: each document's SHA-256, findable and provable) and one
	 * {@code Debited} for their debits; each failed one marked and its reservation released. Each step is one
	 * JDBC batch for the whole batch of documents, not one statement per document.
	 */
	private void record(List<Outcome> outcomes) {
		List<Outcome> passing = outcomes.stream().filter(outcome -> outcome.passing() != null).toList();
		List<Outcome> final_ = outcomes.stream().filter(outcome -> outcome.passing() == null).toList();
		if (!final_.isEmpty()) {
			transactions.executeWithoutResult(status -> {
				List<Outcome> sealed = new ArrayList<>();
				for (Outcome outcome : final_) {
					SealJobStore.Claimed document = outcome.document();
					if (outcome.sealed() != null) {
						sealed.add(outcome);
					}
					else if (store.recordFailed(document.job(), document.index(), document.token(), outcome.errorKey())) {
						billing.release(outcome.reservation());
					}
				}
				List<UUID> registered = sealed.stream().map(outcome -> UUID.randomUUID()).toList();
				boolean[] recorded = store.recordSealed(java.util.stream.IntStream.range(0, sealed.size())
					.mapToObj(n -> {
						Outcome outcome = sealed.get(n);
						return new SealJobStore.Sealing(outcome.document().job(), outcome.document().index(),
								outcome.document().token(), registered.get(n), outcome.sealedSha256(),
								outcome.context().certificate().serial().hex());
					})
					.toList(), clock.instant());
				Map<UUID, List<Documents.Made>> madeByJob = new LinkedHashMap<>();
				Map<UUID, List<Outcome>> sealedByJob = new LinkedHashMap<>();
				for (int n = 0; n < sealed.size(); n++) {
					if (!recorded[n]) {
						continue;
					}
					Outcome outcome = sealed.get(n);
					UUID job = outcome.context().job().id();
					madeByJob.computeIfAbsent(job, id -> new ArrayList<>())
						.add(new Documents.Made(registered.get(n), outcome.document().fileName(), outcome.sealed(),
								outcome.sealedSha256()));
					sealedByJob.computeIfAbsent(job, id -> new ArrayList<>()).add(outcome);
				}
				for (List<Outcome> ofJob : sealedByJob.values()) {
					Context context = ofJob.get(0).context();
					SealJobStore.Job job = context.job();
					SignatureParameters parameters = context.parameters();
					documents.recordAll(job.firm(), new UserId(job.actor()), context.actorName(), Documents.Kind.SEAL,
							Documents.Channel.valueOf(job.channel()), parameters.level(), parameters.certification() > 0,
							Money.ofCents(job.priceCents()), madeByJob.get(job.id()));
					events.publishEvent(new SigningEvents.JobDocumentsSealed(job.firm(), job.actor().toString(), job.id(),
							parameters.level().etsiName(), context.certificate().serial().hex(),
							ofJob.stream()
								.map(outcome -> new SigningEvents.JobDocument(outcome.document().index(),
										outcome.sealedSha256()))
								.toList()));
					billing.settleAll(ofJob.stream().map(Outcome::reservation).toList());
				}
			});
		}
		for (Outcome outcome : passing) {
			retryLater(outcome.document(), outcome.reservation(), outcome.passing());
		}
	}

	private void fail(SealJobStore.Claimed document, Reservation reservation, String errorKey) {
		transactions.executeWithoutResult(status -> {
			if (store.recordFailed(document.job(), document.index(), document.token(), errorKey)) {
				billing.release(reservation);
			}
		});
	}

	private void retryLater(SealJobStore.Claimed document, Reservation reservation, RuntimeException failure) {
		if (document.attempts() >= MAX_ATTEMPTS) {
			log.warn("Seal job {} document {} failed {} times; it fails", document.job(), document.index(),
					document.attempts(), failure);
			fail(document, reservation, "signing.jobs.documentError");
		}
		else {
			log.warn("Seal job {} document {} failed (attempt {}); it is tried again", document.job(), document.index(),
					document.attempts(), failure);
			transactions.executeWithoutResult(
					status -> store.releaseLease(document.job(), document.index(), document.token()));
		}
	}

	/**
	 * Ends a job none of whose documents is pending, once (its row locked): releases what is still reserved,
	 * writes the manifest and its sealed PDF, publishes {@link SealJobCompleted}.
	 */
	void finish(UUID id) {
		SealJobStore.Job job = store.job(id).orElse(null);
		if (job == null || !"RUNNING".equals(job.status())) {
			return;
		}
		List<SealJobStore.Document> rows = store.documents(id);
		byte[] manifest = manifest(job, rows);
		// The platform's seal (the one on validation reports); without one (a profile that declares none), the ZIP
		// holds the JSON manifest alone.
		byte[] manifestPdf = platformSeal.orderedStream()
			.findFirst()
			.map(seal -> seal.seal(SealJobManifestPdf.render(job, rows, manifest)))
			.orElse(null);
		transactions.executeWithoutResult(status -> {
			if (!store.lockRunning(id)) {
				return;
			}
			SealJobStore.Counts counts = store.counts(id);
			if (counts.pending() > 0) {
				return;
			}
			for (SealJobStore.Document row : rows) {
				if (!"SEALED".equals(row.status())) {
					billing.release(new Reservation(row.reservation(), job.firm(), key(id, row.index()), Operation.SEAL,
							null, job.actor().toString(), null));
				}
			}
			store.finish(id, manifest, manifestPdf, clock.instant());
			events.publishEvent(new SealJobCompleted(job.firm(), id, job.total(), counts.sealed(), counts.failed()));
		});
	}

	/** Finishes the jobs whose last document was recorded by a node that stopped before finishing them. */
	void finishLeftOver() {
		for (UUID job : store.runningWithNothingPending(20)) {
			finish(job);
		}
	}

	/** Drops the files of jobs past the documents' retention, on one node at a time. */
	@Scheduled(initialDelayString = "PT3M", fixedDelayString = "${paraphe.signing.documents.purge-interval:PT1H}")
	void purgeOnOneNode() {
		try {
			cluster.runOnce("signing-seal-jobs-purge", Duration.ofMinutes(5), Duration.ofMinutes(30),
					() -> transactions.executeWithoutResult(status -> store.purge(clock.instant())));
		}
		catch (RuntimeException failure) {
			log.warn("Purging expired seal jobs failed; the next run will retry", failure);
		}
	}

	/** The manifest: the job, and for each document its name, SHA-256 before and after, seal serial and level. */
	private static byte[] manifest(SealJobStore.Job job, List<SealJobStore.Document> rows) {
		Map<Integer, String> names = entryNames(rows);
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("job", job.id().toString());
		manifest.put("level", SignatureLevel.valueOf(job.level()).etsiName());
		manifest.put("createdAt", job.createdAt().toString());
		manifest.put("total", rows.size());
		List<Map<String, Object>> files = new ArrayList<>();
		for (SealJobStore.Document row : rows) {
			Map<String, Object> file = new LinkedHashMap<>();
			file.put("index", row.index());
			file.put("name", row.fileName());
			file.put("status", row.status());
			file.put("sha256Before", row.sourceSha256());
			if ("SEALED".equals(row.status())) {
				file.put("file", names.get(row.index()));
				file.put("sha256After", row.sealedSha256());
				file.put("sealCertificateSerial", row.serial());
				file.put("level", SignatureLevel.valueOf(job.level()).etsiName());
				file.put("sealedAt", row.sealedAt() == null ? null : row.sealedAt().toString());
			}
			else {
				file.put("error", row.errorKey());
			}
			files.add(file);
		}
		manifest.put("files", files);
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
	}

	/** The ZIP entry of each sealed document: {@code <name>-cachete.pdf}, numbered when two are alike. */
	private static Map<Integer, String> entryNames(List<SealJobStore.Document> rows) {
		Map<Integer, String> names = new HashMap<>();
		java.util.Set<String> taken = new java.util.HashSet<>(java.util.Set.of("manifest.json", "manifest.pdf"));
		for (SealJobStore.Document row : rows) {
			String base = baseName(row.fileName());
			String name = base + "-cachete.pdf";
			for (int n = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
				name = base + "-" + n + "-cachete.pdf";
			}
			names.put(row.index(), name);
		}
		return names;
	}

	private static String baseName(String fileName) {
		String name = fileName == null ? "document" : fileName.strip();
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
			name = name.substring(0, name.length() - 4);
		}
		name = name.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip();
		return name.isEmpty() ? "document" : name;
	}

	static String key(UUID job, int index) {
		return "sealjob:" + job + ":" + index;
	}

	private static String fingerprint(List<Upload> uploads, List<String> hashes, Settings settings) {
		StringBuilder text = new StringBuilder(String.valueOf(settings));
		for (int index = 0; index < uploads.size(); index++) {
			text.append('|').append(uploads.get(index).fileName()).append('|').append(hashes.get(index));
		}
		return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	static String sha256(byte[] content) {
		return fr.paraphe.shared.Sha256.hex(content);
	}

}
