package fr.paraphe.signing;

import fr.paraphe.signing.internal.Documents;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.signing.internal.SealCheckStore;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.terms.Terms;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.LegalPerson;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.TemporaryFiles;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.SealReplays;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Firms' electronic seals: the seal certificate ("Paraphe Cachets", organizationIdentifier NTRFR-&lt;SIREN&gt;, ETSI
 * EN 319 412-3) that the CA keeps under the firm's SIREN, and sealing a PDF with it, paid and checked.
 */
@Service
public class FirmSeals {

	/** The refusal when the firm has no valid seal certificate (409). */
	public static final String NO_SEAL = "signing.error.noSeal";

	private final CertificationAuthority ca;

	private final Firms firms;

	private final Billing billing;

	private final PadesSigner signer;

	private final fr.paraphe.signing.internal.SigningKeys keys;

	private final Clock clock;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final Terms terms;

	private final SealReplays replays;

	private final SealCheckStore checks;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	private final Documents documents;
	private final TemporaryFiles temporary;

	FirmSeals(CertificationAuthority ca, Firms firms, Billing billing, PadesSigner signer, fr.paraphe.signing.internal.SigningKeys keys, Clock clock,
			org.springframework.context.ApplicationEventPublisher events, Terms terms, SealCheckStore checks,
			SealReplays replays, org.springframework.transaction.support.TransactionTemplate transactions,
			Documents documents, TemporaryFiles temporary) {
		this.documents = documents;
		this.temporary = temporary;
		this.transactions = transactions;
		this.replays = replays;
		this.terms = terms;
		this.checks = checks;
		this.events = events;
		this.ca = ca;
		this.firms = firms;
		this.billing = billing;
		this.signer = signer;
		this.keys = keys;
		this.clock = clock;
	}

	/** The reasons an owner may give (RFC 5280 §5.3.1); the others belong to the CA. */
	public static final java.util.List<RevocationReason> OWNER_REASONS = java.util.List.of(RevocationReason.KEY_COMPROMISE,
			RevocationReason.CESSATION_OF_OPERATION, RevocationReason.SUPERSEDED, RevocationReason.AFFILIATION_CHANGED,
			RevocationReason.UNSPECIFIED);

	/**
	 * Renews (or, after a revocation, issues again) the seal certificate of a firm that a registration officer
	 * checked as it is now: no new check unless the firm's SIREN or name changed since. The new certificate exists
	 * before the old one is revoked as superseded, so the firm is never without a seal. Owners only; publishes
	 * {@link SigningEvents.SealCertificateIssued}.
	 * @throws ProblemException 403/404 from {@link Firms#requireOwner}, 409 {@code signing.seal.notChecked} if no
	 * officer checked the firm as it is now (ask for the seal: {@link SealChecks#request})
	 */
	@org.springframework.transaction.annotation.Transactional
	public IssuedCertificate issue(UserId owner, FirmId firm) {
		firms.requireOwner(owner, firm);
		Firm details = firms.firm(firm, owner);
		SealCheck check = checks.latestApprovedForUpdate(details.siren())
			.filter(approved -> approved.covers(details.siren(), details.name()))
			.orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "signing.seal.notChecked"));
		return issueChecked(details, owner.value().toString(), check);
	}

	/** As {@link #issue}: the owner's "Renouveler". */
	@org.springframework.transaction.annotation.Transactional
	public IssuedCertificate renew(UserId owner, FirmId firm) {
		return issue(owner, firm);
	}

	/** Issues the certificate of a firm whose check {@code check} approved, then supersedes the older ones. */
	IssuedCertificate issueChecked(Firm firm, String actor, SealCheck check) {
		java.util.List<IssuedCertificate> previous = valid(firm.siren());
		IssuedCertificate issued = ca.issue(new LegalPerson(firm.siren(), firm.name()));
		checks.recordCertificate(check.id(), issued.serial().hex());
		for (IssuedCertificate old : previous) {
			try {
				ca.revoke(old.serial(), RevocationReason.SUPERSEDED);
			}
			catch (CertificationAuthority.AlreadyRevokedException revokedMeanwhile) {
				// revoked by someone else in between: it is superseded all the same
			}
		}
		events.publishEvent(new SigningEvents.SealCertificateIssued(firm.id(), actor, issued.serial().hex(),
				issued.subject(), String.join(",", previous.stream().map(old -> old.serial().hex()).toList())));
		return issued;
	}

	/**
	 * Revokes the firm's valid seal certificate(s) with an RFC 5280 §5.3.1 reason: OCSP answers "revoked" and the
	 * new CRL is published when this returns (see {@link CertificationAuthority#revoke}); sealing then fails with
	 * {@code signing.error.noSeal} until the owner renews it. Owners only; publishes
	 * {@link SigningEvents.SealCertificateRevoked}.
	 * @return the revoked certificates
	 * @throws ProblemException 403/404 from {@link Firms#requireOwner}, 400 {@code signing.seal.badReason} for a
	 * reason not in {@link #OWNER_REASONS}, 409 {@code signing.seal.noneToRevoke} without a valid certificate
	 */
	@org.springframework.transaction.annotation.Transactional
	public java.util.List<IssuedCertificate> revoke(UserId owner, FirmId firm, RevocationReason reason) {
		firms.requireOwner(owner, firm);
		if (reason == null || !OWNER_REASONS.contains(reason)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.seal.badReason");
		}
		Firm details = firms.firm(firm, owner);
		checks.latestApprovedForUpdate(details.siren());
		java.util.List<IssuedCertificate> revoked = new java.util.ArrayList<>();
		for (IssuedCertificate certificate : valid(details.siren())) {
			try {
				revoked.add(ca.revoke(certificate.serial(), reason));
				events.publishEvent(new SigningEvents.SealCertificateRevoked(firm, owner.value().toString(),
						certificate.serial().hex(), reason.name()));
			}
			catch (CertificationAuthority.AlreadyRevokedException revokedMeanwhile) {
				// nothing left to do for this one
			}
		}
		if (revoked.isEmpty()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.seal.noneToRevoke");
		}
		return revoked;
	}

	/** The firm's seal certificates, newest first, for its owners (the page's history). */
	public java.util.List<IssuedCertificate> certificates(UserId owner, FirmId firm) {
		firms.requireOwner(owner, firm);
		return ca.certificatesOf(firms.firm(firm, owner).siren());
	}

	private java.util.List<IssuedCertificate> valid(Siren siren) {
		return ca.certificatesOf(siren)
			.stream()
			.filter(certificate -> certificate.status(clock.instant()) == IssuedCertificate.Status.VALID)
			.toList();
	}

	/** The newest valid seal certificate of the firm with this SIREN; empty if none. */
	public Optional<IssuedCertificate> current(Siren siren) {
		return ca.certificatesOf(siren)
			.stream()
			.filter(certificate -> certificate.status(clock.instant()) == IssuedCertificate.Status.VALID)
			.findFirst();
	}

	/**
	 * Issues a seal certificate for a SIREN that has none valid, without a registration officer's check: for the
	 * platform's own seal (its operator is not a firm of the platform) and, through {@link DemoSeal}, the
	 * demonstration firm once its check is recorded. Never for a firm's request: see {@link #issue}.
	 */
	public IssuedCertificate ensure(Siren siren, String organizationName) {
		return current(siren).orElseGet(() -> ca.issue(new LegalPerson(siren, organizationName)));
	}

	/**
	 * Seals {@code pdf} with the firm's seal, on behalf of {@code actor}, and debits the firm: reserve, sign with
	 * nothing held, settle (see {@link #seal(FirmId, UserId, java.nio.file.Path, java.nio.file.Path,
	 * SignatureParameters, String)}); a refused payment seals nothing, a failed signature debits nothing.
	 * Publishes {@link SigningEvents.DocumentSealed} for the audit trail.
	 * @throws ProblemException 403/404 without the SEAL delegation, 409 {@code signing.error.noSeal} without a
	 * valid seal certificate, 402 when the balance is short, and the engine's input errors
	 */
	public byte[] seal(FirmId firm, UserId actor, byte[] pdf, SignatureParameters parameters) {
		java.nio.file.Path input = temporary.create("paraphe-seal-mem-in-");
		java.nio.file.Path output = null;
		try {
			java.nio.file.Files.write(input, pdf);
			output = temporary.create("paraphe-seal-mem-out-");
			seal(firm, actor, input, output, parameters, null, Documents.Origin.page(null));
			return java.nio.file.Files.readAllBytes(output);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		finally {
			TemporaryFiles.delete(input);
			TemporaryFiles.delete(output);
		}
	}

	/**
	 * As {@link #seal(FirmId, UserId, byte[], SignatureParameters)}, from a file to a file, so that memory stays
	 * bounded whatever the document's size. {@code sealed} is complete when this returns, untouched if it throws
	 * before signing.
	 */
	public Sealed seal(FirmId firm, UserId actor, java.nio.file.Path pdf, java.nio.file.Path sealed,
			SignatureParameters parameters) {
		return seal(firm, actor, pdf, sealed, parameters, null, Documents.Origin.page(null));
	}

	/** As {@link #seal(FirmId, UserId, java.nio.file.Path, java.nio.file.Path, SignatureParameters, String, Documents.Origin)}, from the API. */
	public Sealed seal(FirmId firm, UserId actor, java.nio.file.Path pdf, java.nio.file.Path sealed,
			SignatureParameters parameters, String idempotencyKey) {
		return seal(firm, actor, pdf, sealed, parameters, idempotencyKey, Documents.Origin.api(null));
	}

	/**
	 * As {@link #seal(FirmId, UserId, java.nio.file.Path, java.nio.file.Path, SignatureParameters)}, with the
	 * caller's idempotency key: a retry of the same request (same document, same parameters) with the same key
	 * (per firm, for a day) gets the document sealed the first time, neither sealed nor charged again.
	 * <p>Reserve, sign, settle: the seal's price is reserved in a short transaction, the document is signed with
	 * no lock and no connection held (so a firm's seals run in parallel, and a busy account blocks no one else),
	 * then the debit, keyed by the sealed document's id ({@code seal:<id>}), is taken in the transaction that
	 * records the result and keeps the sealed document a day under that id ({@link #sealed}). A failed signature
	 * releases the reservation; one left by a crash is released by billing's housekeeping, never debited.
	 * The sealed document also goes to the firm's {@link Documents}, with {@code origin}'s channel and file name.
	 * @param idempotencyKey null for none
	 * @return the document's id, and whether {@code sealed} holds the first request's document (a replay)
	 * @throws ProblemException 422 {@code signing.api.idempotencyMismatch} when the key was used for another
	 * document or other parameters
	 */
	public Sealed seal(FirmId firm, UserId actor, java.nio.file.Path pdf, java.nio.file.Path sealed,
			SignatureParameters parameters, String idempotencyKey, Documents.Origin origin) {
		IssuedCertificate certificate = sealCertificate(firm, actor);
		SignatureParameters named = CertifiedNames.apply(certificate, parameters);
		String fingerprint = idempotencyKey == null ? null : SealReplays.fingerprint(pdf, named);
		// With a key, the document's id follows from it, so that concurrent retries reserve for one document.
		UUID document = idempotencyKey == null ? UUID.randomUUID()
				: UUID.nameUUIDFromBytes((firm.value() + "|" + idempotencyKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		if (idempotencyKey != null && replay(firm, idempotencyKey, fingerprint, sealed)) {
			return replayed(firm, idempotencyKey, document);
		}
		String source = SealReplays.sha256(pdf);
		fr.paraphe.billing.Reservation reservation = billing.reserve(firm, Operation.SEAL, "seal:" + document,
				actor.value().toString());
		if (reservation.replayed()) {
			if (idempotencyKey != null && replay(firm, idempotencyKey, fingerprint, sealed)) {
				return replayed(firm, idempotencyKey, document);
			}
			throw new ProblemException(HttpStatus.CONFLICT, "signing.api.replayed");
		}
		Boolean replayed;
		try {
			try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(sealed)) {
				signer.sign(pdf, out, keys.of(certificate), named);
			}
			replayed = transactions.execute(status -> {
				// The document (twice: kept a day for retrieval, and in the register), its event, then the debit:
				// the settlement turns the reservation's entry into it without taking the firm's account row.
				boolean first = replays.saveIfAbsent(firm, document, idempotencyKey, fingerprint, source, sealed);
				if (first) {
					documents.record(firm, actor, Documents.Kind.SEAL, origin.channel(), origin.fileName(),
							named.level(), named.certification() > 0, reservation.amount(), sealed);
					events.publishEvent(new SigningEvents.DocumentSealed(firm, actor.value().toString(),
							named.level().etsiName(), certificate.serial().hex(), SealReplays.sha256(sealed), document));
				}
				// A concurrent retry with this key that settled first finds its debit here and gives this
				// reservation back: it answers that retry's document.
				billing.settle(reservation);
				return !first;
			});
		}
		catch (java.io.IOException failure) {
			billing.release(reservation);
			throw new java.io.UncheckedIOException(failure);
		}
		catch (RuntimeException | Error failure) {
			billing.release(reservation);
			throw failure;
		}
		if (Boolean.TRUE.equals(replayed) && replay(firm, idempotencyKey, fingerprint, sealed)) {
			return replayed(firm, idempotencyKey, document);
		}
		return new Sealed(document, false);
	}

	/**
	 * Writes the firm's document sealed less than a day ago under {@code id} to {@code target}: a charged seal
	 * fetched again (its response was lost). Members with the SEAL delegation.
	 * @throws ProblemException 404 for an unknown, expired or another firm's id
	 */
	public void sealed(FirmId firm, UserId actor, UUID id, java.nio.file.Path target) {
		firms.require(actor, firm, Delegation.SEAL);
		if (!replays.copyById(firm, id, target)) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "signing.api.sealNotFound");
		}
	}

	/**
	 * The ids of the firm's seals of the last day whose PDF sent had this SHA-256, newest first: how a client that
	 * lost a response finds its seal. Members with the SEAL delegation.
	 */
	public java.util.List<SealReplays.Kept> sealedFrom(FirmId firm, UserId actor, String sha256) {
		firms.require(actor, firm, Delegation.SEAL);
		return replays.findBySource(firm, sha256);
	}

	/** A charged seal: its document's id (kept a day, named by its debit) and whether it answers a replay. */
	public record Sealed(UUID id, boolean replayed) {
	}

	private Sealed replayed(FirmId firm, String idempotencyKey, UUID derived) {
		return new Sealed(replays.idOf(firm, idempotencyKey).orElse(derived), true);
	}

	/** Copies the document first sealed under this key to {@code sealed}; false if there is none. */
	private boolean replay(FirmId firm, String idempotencyKey, String fingerprint, java.nio.file.Path sealed) {
		Optional<String> first = replays.fingerprintOf(firm, idempotencyKey);
		if (first.isEmpty()) {
			return false;
		}
		if (!first.get().equals(fingerprint)) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "signing.api.idempotencyMismatch");
		}
		return replays.copyTo(firm, idempotencyKey, sealed);
	}

	/**
	 * The firm's valid seal certificate, for {@code actor} to seal with: the SEAL delegation, the CGU in force
	 * accepted, a valid certificate (see {@link SealJobs}).
	 */
	IssuedCertificate certificateFor(FirmId firm, UserId actor) {
		return sealCertificate(firm, actor);
	}

	private IssuedCertificate sealCertificate(FirmId firm, UserId actor) {
		firms.require(actor, firm, Delegation.SEAL);
		// Sealing opens only once the CGU in force are accepted (by the key's creator, for the API).
		terms.requireAccepted(actor);
		Firm details = firms.firm(firm, actor);
		return current(details.siren())
			.orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, NO_SEAL));
	}

}
