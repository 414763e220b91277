package fr.paraphe.signing;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.audit.AuditEntry;
import fr.paraphe.audit.AuditTrail;
import fr.paraphe.billing.Billing;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.FirmDetails;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Message;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationData;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.terms.Terms;
import fr.paraphe.validation.TestSigner;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The firm's seal certificate through its whole life: the owner asks, a registration officer approves (the CA
 * issues it, the owners are e-mailed) or rejects with a reason; the owner revokes it (OCSP and the CRL say so at
 * once, sealing stops) and renews it (a new serial, the old one superseded). And who may do none of it.
 */
@ParapheIntegrationTest
class SealCheckIntegrationTests {

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	SealChecks checks;

	@Autowired
	FirmSeals seals;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	RevocationData revocationData;

	@Autowired
	Notifications notifications;

	@Autowired
	AuditTrail audit;

	@Autowired
	Billing billing;

	@Autowired
	Terms terms;

	private CheckedSeals checked;

	private User owner;

	private FirmId firm;

	private User officer;

	@BeforeEach
	void aFirmWithoutSeal() {
		checked = new CheckedSeals(firms, users, checks);
		owner = users.recordLogin(new SsoProfile("check-owner-" + UUID.randomUUID(), "Odile Propriétaire",
				"odile-" + UUID.randomUUID() + "@cabinet.example", Role.EXPERT_COMPTABLE, TestSirens.random(),
				"Cabinet Vérifié"));
		firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		officer = checked.officer();
	}

	@Test
	void theOwnerAsksAnOfficerApprovesAndTheCaIssuesTheSealAtOnce() throws Exception {
		Firm details = firms.firm(firm, owner.id());
		assertThat(seals.current(details.siren())).isEmpty();
		SealCheck request = checked.request(owner, firm);

		SealCheck queued = checks.queue(officer).stream().filter(one -> one.id().equals(request.id())).findFirst().orElseThrow();
		assertThat(queued.firmName()).isEqualTo("Cabinet Vérifié");
		assertThat(queued.siren()).isEqualTo(details.siren());
		assertThat(queued.ordreNumber()).isEqualTo("75-0012345");
		assertThat(queued.address()).isEqualTo("12 rue des Comptes, 75002 Paris");
		assertThat(queued.requestedByName()).isEqualTo("Odile Propriétaire");
		assertThat(queued.directoryUrl())
			.isEqualTo("https://annuaire-entreprises.data.gouv.fr/entreprise/" + details.siren().value());
		// The officers are told by e-mail, once the request is committed, with a link to it.
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !notifications.sentTo(officer.email()).isEmpty());
		assertThat(notifications.sentTo(officer.email())).singleElement().satisfies(mail -> {
			assertThat(mail.template()).isEqualTo("review-waiting");
			assertThat(mail.subject()).isEqualTo("Une demande attend votre vérification");
			assertThat(mail.text()).contains("Le cabinet Cabinet Vérifié demande son certificat de cachet")
				.contains("/verification/cabinets/" + request.id());
		});

		IssuedCertificate certificate = checks.approve(officer, request.id());
		assertThat(certificate.subject()).contains("NTRFR-" + details.siren().value()).contains("Cabinet Vérifié");
		assertThat(certificate.issuer()).isEqualTo(Authority.CACHETS);
		assertThat(seals.current(details.siren()).orElseThrow().serial()).isEqualTo(certificate.serial());
		assertThat(checks.latest(owner.id(), firm).orElseThrow().status()).isEqualTo(SealCheck.Status.APPROVED);
		assertThat(checks.isChecked(owner.id(), firm)).isTrue();
		assertThat(checks.queue(officer)).extracting(SealCheck::id).doesNotContain(request.id());
		assertThat(notifications.sentTo(owner.email())).extracting(Message::template).contains("seal-approved");

		// Deciding twice, or asking again once checked, is refused.
		assertProblem(() -> checks.approve(officer, request.id()), 409, "signing.check.decided");
		assertProblem(() -> checks.request(owner, firm), 409, "signing.check.alreadyChecked");
		awaitAudit("signing.seal.check.requested", "signing.seal.check.approved", "signing.seal.issued");
	}

	@Test
	void aRejectionTellsTheOwnerWhyAndTheyMayAskAgain() {
		assertProblem(() -> checks.request(owner, firm), 409, "signing.check.incomplete");
		SealCheck request = checked.request(owner, firm);
		assertProblem(() -> checks.request(owner, firm), 409, "signing.check.pending");
		assertProblem(() -> checks.reject(officer, request.id(), "  "), 400, "signing.check.reason");
		assertProblem(() -> checks.reject(officer, request.id(), "x".repeat(501)), 400, "signing.check.reason");

		checks.reject(officer, request.id(), "Le numéro d’inscription à l’Ordre ne correspond pas au cabinet.");
		SealCheck rejected = checks.latest(owner.id(), firm).orElseThrow();
		assertThat(rejected.status()).isEqualTo(SealCheck.Status.REJECTED);
		assertThat(rejected.reason()).isEqualTo("Le numéro d’inscription à l’Ordre ne correspond pas au cabinet.");
		assertThat(seals.current(firms.firm(firm, owner.id()).siren())).isEmpty();
		assertThat(notifications.sentTo(owner.email())).filteredOn(message -> "seal-rejected".equals(message.template()))
			.singleElement()
			.satisfies(message -> assertThat(message.text()).contains("ne correspond pas au cabinet"));
		assertProblem(() -> checks.approve(officer, request.id()), 409, "signing.check.decided");
		assertProblem(() -> seals.issue(owner.id(), firm), 409, "signing.seal.notChecked");

		SealCheck again = checks.request(owner, firm);
		assertThat(again.status()).isEqualTo(SealCheck.Status.PENDING);
		awaitAudit("signing.seal.check.rejected");
	}

	@Test
	void onlyTheOwnerAndOfficersActAndNobodyReachesAnotherFirm() {
		User collaborator = users.recordLogin(new SsoProfile("check-collab-" + UUID.randomUUID(), "Colin Collab", null,
				Role.COLLABORATEUR, firms.firm(firm, owner.id()).siren(), "Cabinet Vérifié"));
		firms.addCollaborator(firm, owner.id(), collaborator.subject());
		users.recordLogin(new SsoProfile(collaborator.subject(), "Colin Collab", null, Role.COLLABORATEUR,
				firms.firm(firm, owner.id()).siren(), "Cabinet Vérifié"));
		UUID member = firms.membershipOf(collaborator.id()).orElseThrow().memberId();
		// Even the SEAL delegation does not let a collaborator manage the certificate.
		firms.grant(firm, owner.id(), member, Delegation.SEAL, null);
		IssuedCertificate certificate = checked.issue(owner, firm);

		assertProblem(() -> checks.request(collaborator, firm), 403, "firm.refused.ownerOnly");
		assertProblem(() -> seals.revoke(collaborator.id(), firm, RevocationReason.KEY_COMPROMISE), 403, null);
		assertProblem(() -> seals.renew(collaborator.id(), firm), 403, null);
		assertProblem(() -> checks.queue(collaborator), 403, "signing.check.officersOnly");
		assertProblem(() -> checks.queue(owner), 403, "signing.check.officersOnly");

		User stranger = users.recordLogin(new SsoProfile("check-stranger-" + UUID.randomUUID(), "Sam Autre", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Autre Cabinet"));
		assertProblem(() -> checks.request(stranger, firm), 404, null);
		assertProblem(() -> seals.revoke(stranger.id(), firm, RevocationReason.KEY_COMPROMISE), 404, null);
		assertProblem(() -> seals.renew(stranger.id(), firm), 404, null);
		assertProblem(() -> checks.latest(stranger.id(), firm), 404, null);
		SealCheck strangers = checked.request(stranger, firms.membershipOf(stranger.id()).orElseThrow().firm());
		assertProblem(() -> checks.approve(owner, strangers.id()), 404, null);
		assertProblem(() -> checks.reject(stranger, strangers.id(), "moi-même"), 404, null);
		assertProblem(() -> checks.forReview(owner, strangers.id()), 404, null);
		assertProblem(() -> checks.approve(officer, UUID.randomUUID()), 404, null);

		assertThat(seals.current(firms.firm(firm, owner.id()).siren()).orElseThrow().serial())
			.isEqualTo(certificate.serial());
	}

	@Test
	void aRevokedSealIsRevokedInOcspAndTheCrlAtOnceAndSealsNoMore() throws Exception {
		IssuedCertificate certificate = checked.issue(owner, firm);
		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		billing.credit(firm, owner.id(), Money.parse("20"));
		assertThat(seals.seal(firm, owner.id(), TestSigner.document("Avant"),
				SignatureParameters.invisible(SignatureLevel.B_B, null, null))).isNotEmpty();

		assertProblem(() -> seals.revoke(owner.id(), firm, RevocationReason.CA_COMPROMISE), 400, "signing.seal.badReason");
		assertProblem(() -> seals.revoke(owner.id(), firm, null), 400, "signing.seal.badReason");
		List<IssuedCertificate> revoked = seals.revoke(owner.id(), firm, RevocationReason.KEY_COMPROMISE);
		assertThat(revoked).extracting(IssuedCertificate::serial).containsExactly(certificate.serial());

		BasicOCSPResp ocsp = (BasicOCSPResp) new OCSPResp(revocationData.ocsp(ocspRequest(certificate.serial().value())))
			.getResponseObject();
		assertThat(ocsp.getResponses()[0].getCertStatus()).isInstanceOfSatisfying(RevokedStatus.class,
				status -> assertThat(status.getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code()));
		X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
			.generateCRL(new ByteArrayInputStream(revocationData.crl(Authority.CACHETS)));
		assertThat(crl.getRevokedCertificate(certificate.serial().value())).isNotNull();

		assertProblem(() -> seals.seal(firm, owner.id(), TestSigner.document("Après"),
				SignatureParameters.invisible(SignatureLevel.B_B, null, null)), 409, "signing.error.noSeal");
		assertProblem(() -> seals.revoke(owner.id(), firm, RevocationReason.KEY_COMPROMISE), 409,
				"signing.seal.noneToRevoke");
		awaitAudit("signing.seal.revoked");

		// Still checked: a new certificate needs no new check.
		IssuedCertificate again = seals.renew(owner.id(), firm);
		assertThat(again.serial()).isNotEqualTo(certificate.serial());
		assertThat(seals.seal(firm, owner.id(), TestSigner.document("De nouveau"),
				SignatureParameters.invisible(SignatureLevel.B_B, null, null))).isNotEmpty();
	}

	@Test
	void renewalGivesANewSerialAndSupersedesTheOldOneOnceTheNewExists() throws Exception {
		IssuedCertificate old = checked.issue(owner, firm);
		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		billing.credit(firm, owner.id(), Money.parse("20"));

		IssuedCertificate renewed = seals.renew(owner.id(), firm);
		assertThat(renewed.serial()).isNotEqualTo(old.serial());
		assertThat(renewed.subject()).contains("NTRFR-" + firms.firm(firm, owner.id()).siren().value());
		IssuedCertificate oldNow = ca.find(old.serial()).orElseThrow();
		assertThat(oldNow.isRevoked()).isTrue();
		assertThat(oldNow.revocationReason()).isEqualTo(RevocationReason.SUPERSEDED);
		// The revocation time has a CRL's precision, the second (RFC 5280 §5.1.2.6, GeneralizedTime).
		assertThat(oldNow.revokedAt()).isAfterOrEqualTo(renewed.issuedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		assertThat(seals.current(firms.firm(firm, owner.id()).siren()).orElseThrow().serial()).isEqualTo(renewed.serial());

		seals.seal(firm, owner.id(), TestSigner.document("Avec le nouveau"),
				SignatureParameters.invisible(SignatureLevel.B_B, null, null));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(audit.forFirm(firm, 50))
				.filteredOn(entry -> entry.action().equals("signing.document.sealed"))
				.extracting(entry -> entry.details().get("certificate"))
				.containsExactly(renewed.serial().hex()));
		awaitAudit("signing.seal.renewed");

		// A firm whose name changed needs a new check before a new certificate.
		Firm details = firms.firm(firm, owner.id());
		firms.updateDetails(firm, owner.id(), new FirmDetails("Cabinet Renommé", details.ordreNumber(),
				details.addressLine(), details.postalCode(), details.city()));
		assertThat(checks.isChecked(owner.id(), firm)).isFalse();
		assertProblem(() -> seals.renew(owner.id(), firm), 409, "signing.seal.notChecked");
		SealCheck recheck = checks.request(owner, firm);
		IssuedCertificate renamed = checks.approve(officer, recheck.id());
		assertThat(renamed.subject()).contains("Cabinet Renommé");
		assertThat(ca.find(renewed.serial()).orElseThrow().revocationReason()).isEqualTo(RevocationReason.SUPERSEDED);
	}

	@Test
	void anApprovalWaitsForTheFirmAsAsked() {
		SealCheck request = checked.request(owner, firm);
		Firm details = firms.firm(firm, owner.id());
		firms.updateDetails(firm, owner.id(), new FirmDetails("Cabinet Changé Entre-temps", details.ordreNumber(),
				details.addressLine(), details.postalCode(), details.city()));
		assertProblem(() -> checks.approve(officer, request.id()), 409, "signing.check.changed");
		assertThat(seals.current(details.siren())).isEmpty();
		checks.reject(officer, request.id(), "Le nom a changé depuis la demande.");
		assertThat(checks.request(owner, firm).firmName()).isEqualTo("Cabinet Changé Entre-temps");
	}

	private byte[] ocspRequest(BigInteger serial) throws Exception {
		CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new X509CertificateHolder(ca.authority(Authority.CACHETS).encoded()), serial);
		return new OCSPReqBuilder().addRequest(id).build().getEncoded();
	}

	private void awaitAudit(String... actions) {
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(audit.forFirm(firm, 100)).extracting(AuditEntry::action).contains(actions));
	}

	private static void assertProblem(Executable action, int status, String key) {
		assertThatThrownBy(action::execute).isInstanceOfSatisfying(ProblemException.class, problem -> {
			assertThat(problem.getStatusCode().value()).isEqualTo(status);
			if (key != null) {
				assertThat(problem.messageKey()).isEqualTo(key);
			}
		});
	}

}
