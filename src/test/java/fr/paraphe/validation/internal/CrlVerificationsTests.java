package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;

import eu.europa.esig.dss.crl.CRLBinary;
import eu.europa.esig.dss.crl.CRLUtils;
import eu.europa.esig.dss.crl.CRLValidity;
import eu.europa.esig.dss.crl.stream.impl.CRLUtilsStreamImpl;
import eu.europa.esig.dss.model.x509.CertificateToken;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What DSS finds about a CRL (its signature, its issuer, its dates) is remembered by the CRL's exact bytes and the
 * issuer's exact certificate: the same CRL in the next document is not checked again, a newer CRL always is (a
 * certificate revoked since is reported revoked at once), a CRL whose signature fails stays failed, the cache is
 * bounded, and DSS used outside Paraphe's validations is left as it is.
 */
class CrlVerificationsTests {

	static final TestPki PKI = new TestPki("Racine CRL");

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final DefaultPdfValidator VALIDATOR = Validators.trusting(PKI.root());

	@AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Test
	void dssReadsCrlsThroughParaphe() throws Exception {
		java.lang.reflect.Field impl = CRLUtils.class.getDeclaredField("impl");
		impl.setAccessible(true);
		assertThat(impl.get(null)).isInstanceOf(CrlVerifications.class);
	}

	@Test
	void theSameCrlIsCheckedOnceNotAtEveryValidation() {
		byte[] first = TestSigner.sign(TestSigner.document("Lettre de mission"), CLAIRE,
				TestSigner.Options.approval(PKI.crl()));
		long before = CrlVerifications.checks();
		ValidationReport report = Validators.validate(VALIDATOR, first);
		assertThat(report.verdict()).isEqualTo(Verdict.VALID);
		assertThat(report.signatures().get(0).revocation().status()).isEqualTo("GOOD");
		assertThat(CrlVerifications.checks()).isEqualTo(before + 1);

		ValidationReport again = Validators.validate(VALIDATOR, first);
		assertThat(again.verdict()).isEqualTo(Verdict.VALID);
		assertThat(again.signatures().get(0).revocation()).isEqualTo(report.signatures().get(0).revocation());
		assertThat(CrlVerifications.checks()).isEqualTo(before + 1);
	}

	@Test
	void aCertificateRevokedAfterARememberedCrlIsReportedRevokedByTheNextCrl() {
		TestPki.Credentials paul = PKI.issue("Paul Durand", "Client SARL");
		X509CRL good = PKI.crl();
		byte[] before = TestSigner.sign(TestSigner.document("Contrat"), paul, TestSigner.Options.approval(good));
		assertThat(Validators.validate(VALIDATOR, before).signatures().get(0).revocation().status()).isEqualTo("GOOD");
		assertThat(Validators.validate(VALIDATOR, before).verdict()).isEqualTo(Verdict.VALID);

		// Paul's certificate is revoked: the CA's next CRL lists it, and a document carrying that CRL says so.
		byte[] after = TestSigner.sign(TestSigner.document("Avenant"), paul,
				TestSigner.Options.approval(PKI.crl(paul.certificate())));
		ValidationReport report = Validators.validate(VALIDATOR, after);
		SignatureResult.Revocation revocation = report.signatures().get(0).revocation();
		assertThat(revocation.status()).isEqualTo("REVOKED");
		assertThat(revocation.revokedAt()).isNotNull();
		assertThat(report.verdict()).isNotEqualTo(Verdict.VALID);
		assertThat(report.valid()).isFalse();
	}

	@Test
	void aCrlWhoseSignatureFailsFailsEachTime() {
		// Same issuer name, another key: the CRL's signature does not verify with the real root's key.
		X509CRL forged = new TestPki("Racine CRL").crl();
		byte[] pdf = TestSigner.sign(TestSigner.document("Facture"), CLAIRE, TestSigner.Options.approval(forged));
		ValidationReport first = Validators.validate(VALIDATOR, pdf);
		ValidationReport second = Validators.validate(VALIDATOR, pdf);
		assertThat(first.verdict()).isNotEqualTo(Verdict.VALID);
		assertThat(first.signatures().get(0).revocation().status()).isNotEqualTo("GOOD");
		assertThat(second.verdict()).isEqualTo(first.verdict());
		assertThat(second.signatures().get(0).revocation()).isEqualTo(first.signatures().get(0).revocation());
	}

	@Test
	void aRememberedFindingIsWhatDssFindsAfresh() throws Exception {
		CRLUtilsStreamImpl dss = new CRLUtilsStreamImpl();
		CrlVerifications remembering = new CrlVerifications();
		CertificateToken issuer = new CertificateToken(PKI.root());
		CRLBinary crl = new CRLBinary(PKI.crl(CLAIRE.certificate()).getEncoded());
		try (CrlVerifications.Scope scope = CrlVerifications.remembering()) {
			remembering.buildCRLValidity(crl, issuer);
			long checks = CrlVerifications.checks();
			CertificateToken sameIssuer = new CertificateToken(PKI.root());
			CRLValidity remembered = remembering.buildCRLValidity(new CRLBinary(crl.getBinaries()), sameIssuer);
			assertThat(CrlVerifications.checks()).isEqualTo(checks);
			CRLValidity fresh = dss.buildCRLValidity(new CRLBinary(crl.getBinaries()), sameIssuer);
			assertThat(remembered.isValid()).isTrue();
			assertThat(remembered).usingRecursiveComparison().ignoringFields("crlBinary.xmlId").isEqualTo(fresh);
			assertThat(remembered.getIssuerToken()).isSameAs(sameIssuer);
			assertThat(remembering.getRevocationInfo(remembered, CLAIRE.certificate().getSerialNumber())).isNotNull();
		}
	}

	@Test
	void theCacheIsBounded() throws CRLException, java.io.IOException {
		CrlVerifications remembering = new CrlVerifications();
		CertificateToken issuer = new CertificateToken(PKI.root());
		List<CRLBinary> crls = new ArrayList<>();
		for (int i = 0; i < CrlVerifications.CAPACITY + 20; i++) {
			crls.add(new CRLBinary(PKI.crl().getEncoded())); // each with its own number: other bytes
		}
		try (CrlVerifications.Scope scope = CrlVerifications.remembering()) {
			for (CRLBinary crl : crls) {
				assertThat(remembering.buildCRLValidity(crl, issuer).isValid()).isTrue();
			}
		}
		assertThat(CrlVerifications.remembered()).isEqualTo(CrlVerifications.CAPACITY);
	}

	@Test
	void dssUsedOutsideParaphesValidationsRemembersNothing() throws Exception {
		CRLBinary crl = new CRLBinary(PKI.crl().getEncoded());
		long checks = CrlVerifications.checks();
		for (int i = 0; i < 2; i++) {
			assertThat(CRLUtils.buildCRLValidity(crl, new CertificateToken(PKI.root())).isValid()).isTrue();
		}
		assertThat(CrlVerifications.checks()).isEqualTo(checks);
		try (CrlVerifications.Scope scope = CrlVerifications.remembering()) {
			CRLUtils.buildCRLValidity(crl, new CertificateToken(PKI.root()));
		}
		assertThat(CrlVerifications.checks()).isEqualTo(checks + 1);
	}

}
