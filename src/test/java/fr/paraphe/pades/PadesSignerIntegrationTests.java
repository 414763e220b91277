package fr.paraphe.pades;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import fr.paraphe.ExternalTools;
import fr.paraphe.pki.Authority;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.validation.TestSigner;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's behaviour beyond the levels: pdfsig's opinion, extension to a higher level, several signatures,
 * DocMDP, and the refusal of bad input without output.
 */
class PadesSignerIntegrationTests extends AbstractPadesIntegrationTests {

	@TempDir
	Path temp;

	@Override
	SignatureLevel level() {
		return SignatureLevel.B_LT;
	}

	@Override
	eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat() {
		return eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT;
	}

	@Test
	void pdfsigFindsTheSignatureValidAndCoveringTheWholeDocument() throws Exception {
		Path pdfsig = ExternalTools.require("pdfsig", "poppler-utils");
		Path certutil = ExternalTools.require("certutil", "libnss3-tools");
		// At B-T the signature is the last revision; at B-LTA the document time-stamp is.
		byte[] signed = signer.sign(TestSigner.document("Procès-verbal"), person(),
				SignatureParameters.invisible(SignatureLevel.B_T, "Élodie Dupré", "Approbation"));
		byte[] archived = signer.sign(TestSigner.document("Procès-verbal"), person(),
				SignatureParameters.invisible(SignatureLevel.B_LTA, "Élodie Dupré", "Approbation"));
		Path nss = Files.createDirectories(temp.resolve("nss"));
		Path root = temp.resolve("root.crt");
		Files.write(root, ca.authority(Authority.ROOT).encoded());
		run(certutil.toString(), "-N", "-d", "sql:" + nss, "--empty-password");
		run(certutil.toString(), "-A", "-d", "sql:" + nss, "-n", "root", "-t", "C,C,C", "-i", root.toString());
		Path file = temp.resolve("signed.pdf");
		Files.write(file, signed);
		String output = run(pdfsig.toString(), "-nssdir", "sql:" + nss, file.toString());
		assertThat(output).contains("Signature is Valid.").contains("Total document signed").doesNotContain("Digest Mismatch");
		Files.write(file, archived);
		String lta = run(pdfsig.toString(), "-nssdir", "sql:" + nss, file.toString());
		// pdfsig cannot verify document time-stamps ("Unimplemented Feature"): it checks the signature, and sees the
		// time-stamp cover the whole file.
		assertThat(lta).contains("Signature is Valid.").contains("Signature #2").contains("Total document signed")
			.doesNotContain("Digest Mismatch").doesNotContain("Signature is Invalid");
	}

	@Test
	void aBasicSignatureExtendsToLta() {
		byte[] basic = signer.sign(TestSigner.document("Bilan"), person(),
				SignatureParameters.invisible(SignatureLevel.B_B, "Élodie Dupré", "Bilan"));
		byte[] lta = signer.extend(basic, SignatureLevel.B_LTA);
		var report = validate(lta).getSimpleReport();
		assertThat(report.getSignatureIdList()).hasSize(1);
		String id = report.getSignatureIdList().get(0);
		assertThat(report.getIndication(id)).isEqualTo(eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED);
		assertThat(report.getSignatureFormat(id)).isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA);
	}

	@Test
	void anLtSignatureExtendsToLtaAndKeepsItsEarlierSignatures() {
		byte[] first = signer.sign(TestSigner.document("Statuts"), person(),
				SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré", "Statuts"));
		byte[] second = signer.sign(first, seal(), SignatureParameters.invisible(SignatureLevel.B_LT, "Cabinet Démo", "Cachet"));
		byte[] lta = signer.extend(second, SignatureLevel.B_LTA);
		var report = validate(lta).getSimpleReport();
		assertThat(report.getSignatureIdList()).hasSize(2);
		for (String id : report.getSignatureIdList()) {
			assertThat(report.getIndication(id)).isEqualTo(eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED);
			assertThat(report.getSignatureFormat(id)).isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA);
		}
	}

	@Test
	void aCertificationWithP2AllowsFurtherSignaturesAndP1RefusesThem() {
		SigningKey key = person();
		byte[] certifiedP2 = signer.sign(TestSigner.document("Contrat"), key,
				SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré", "Certification").withCertification(2));
		byte[] countersigned = signer.sign(certifiedP2, key,
				SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré", "Contre-signature"));
		assertAllPassed(countersigned, 2);
		byte[] certifiedP1 = signer.sign(TestSigner.document("Contrat figé"), key,
				SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré", "Certification").withCertification(1));
		assertAllPassed(certifiedP1, 1);
		assertProblem(() -> signer.sign(certifiedP1, key,
				SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré", "Refusée")), HttpStatus.CONFLICT,
				"signing.error.locked");
		assertProblem(() -> signer.sign(countersigned, key,
				SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré", "Trop tard").withCertification(2)),
				HttpStatus.CONFLICT, "signing.error.certifyAfterSignature");
	}

	@Test
	void refusesWhatIsNotAPdfDamagedOrEncryptedAndWritesNothing() throws Exception {
		SigningKey key = person();
		SignatureParameters parameters = SignatureParameters.invisible(SignatureLevel.B_B, "Élodie Dupré", null);
		assertProblem(() -> signer.sign("Bonjour, ceci est du texte".getBytes(StandardCharsets.UTF_8), key, parameters),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "signing.error.notPdf");
		byte[] pdf = TestSigner.document("Tronqué");
		byte[] damaged = java.util.Arrays.copyOf(pdf, 200);
		assertProblem(() -> signer.sign(damaged, key, parameters), HttpStatus.BAD_REQUEST, "signing.error.damaged");
		byte[] encrypted;
		try (PDDocument document = Loader.loadPDF(pdf)) {
			document.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			encrypted = out.toByteArray();
		}
		assertProblem(() -> signer.sign(encrypted, key, parameters), HttpStatus.BAD_REQUEST, "signing.error.encrypted");
		Path input = temp.resolve("text.pdf");
		Files.writeString(input, "pas un PDF");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertProblem(() -> signer.sign(input, out, key, parameters), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"signing.error.notPdf");
		assertThat(out.size()).isZero();
	}

	@Test
	void visibleSignaturesShowTheSignerWithAnEmbeddedFontAndAllPass() throws Exception {
		SignatureParameters first = SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré", "Lu et approuvé")
			.withAppearance(Appearance.box(1, 72, 72, 220, 80), "Cabinet Démo");
		byte[] once = signer.sign(TestSigner.document("Page 1", "Page 2"), person(), first);
		SignatureParameters second = SignatureParameters.invisible(SignatureLevel.B_LT, "Grégoire Nüßlein", "Visa")
			.withAppearance(Appearance.box(2, 300, 600, 200, 60), null);
		byte[] twice = signer.sign(once, person(), second);
		assertAllPassed(twice, 2);
		try (PDDocument document = Loader.loadPDF(twice)) {
			var fields = document.getDocumentCatalog().getAcroForm().getFields();
			assertThat(fields).hasSize(2);
			for (var field : fields) {
				var widget = field.getWidgets().get(0);
				assertThat(widget.getRectangle().getWidth()).isGreaterThan(100);
				var resources = widget.getAppearance().getNormalAppearance().getAppearanceStream().getResources();
				boolean embedded = false;
				for (var name : resources.getFontNames()) {
					embedded |= resources.getFont(name).isEmbedded();
				}
				assertThat(embedded).isTrue();
				String text = new String(widget.getAppearance().getNormalAppearance().getAppearanceStream()
					.getContents().readAllBytes(), StandardCharsets.ISO_8859_1);
				assertThat(text).contains("Tj");
			}
			assertThat(document.getPage(1).getAnnotations()).hasSize(1);
		}
	}

	@Test
	void anExistingEmptyFieldTakesTheSignature() throws Exception {
		byte[] withField;
		try (PDDocument document = Loader.loadPDF(TestSigner.document("Mandat"))) {
			var form = new org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm(document);
			document.getDocumentCatalog().setAcroForm(form);
			var field = new org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField(form);
			field.setPartialName("Client");
			var widget = field.getWidgets().get(0);
			widget.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(300, 100, 200, 70));
			widget.setPage(document.getPage(0));
			document.getPage(0).getAnnotations().add(widget);
			form.getFields().add(field);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			withField = out.toByteArray();
		}
		byte[] signed = signer.sign(withField, person(), SignatureParameters
			.invisible(SignatureLevel.B_LT, "Élodie Dupré", "Mandat").withAppearance(Appearance.field("Client"), null));
		assertAllPassed(signed, 1);
		try (PDDocument document = Loader.loadPDF(signed)) {
			var field = (org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField) document.getDocumentCatalog()
				.getAcroForm().getField("Client");
			assertThat(field.getSignature()).isNotNull();
			assertThat(field.getWidgets().get(0).getAppearance()).isNotNull();
		}
		assertProblem(() -> signer.sign(signed, person(), SignatureParameters
			.invisible(SignatureLevel.B_B, "Élodie Dupré", null).withAppearance(Appearance.field("Client"), null)),
				HttpStatus.BAD_REQUEST, "signing.error.fieldNotFound");
	}

	@Test
	void refusesABoxOutsideThePage() {
		assertProblem(() -> signer.sign(TestSigner.document("Une page"), person(), SignatureParameters
			.invisible(SignatureLevel.B_B, "Élodie Dupré", null).withAppearance(Appearance.box(1, 500, 800, 200, 80), null)),
				HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
		assertProblem(() -> signer.sign(TestSigner.document("Une page"), person(), SignatureParameters
			.invisible(SignatureLevel.B_B, "Élodie Dupré", null).withAppearance(Appearance.box(2, 10, 10, 200, 80), null)),
				HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
	}

	static void assertProblem(Runnable action, HttpStatus status, String key) {
		assertThatThrownBy(action::run).isInstanceOfSatisfying(ProblemException.class, problem -> {
			assertThat(problem.getStatusCode()).isEqualTo(status);
			assertThat(problem.messageKey()).isEqualTo(key);
		});
	}

	private static String run(String... command) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of(command));
		Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
