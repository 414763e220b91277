package fr.paraphe.pades;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.ExternalTools;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.UserId;
import fr.paraphe.validation.TestSigner;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.reports.Reports;
import org.apache.pdfbox.Loader;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: a document signed by three people (certificates of the platform's CA), then sealed by their firm, then
 * archived with a document time-stamp (B-LTA), each an incremental update. EU DSS 6.4 offline, with only the Paraphe
 * root trusted, passes every signature and the document time-stamp; pdfsig (poppler + NSS) finds every signature
 * valid, made with a trusted certificate, and the last revision covering the whole file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultipleSignaturesIntegrationTests extends AbstractPadesIntegrationTests {

	private static final List<String> SIGNERS = List.of("Élodie Dupré", "Marc Lévêque", "Inès Ferrand");

	private byte[] archived;

	@Override
	SignatureLevel level() {
		return SignatureLevel.B_LTA;
	}

	@Override
	eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat() {
		return eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA;
	}

	@BeforeAll
	void threeSignersThenTheSealThenADocumentTimestamp() {
		byte[] pdf = TestSigner.document("Assemblée générale", "Procès-verbal", "Annexe");
		int i = 0;
		for (String name : SIGNERS) {
			String[] parts = name.split(" ");
			SigningKey key = keyOf(ca.issue(new NaturalPerson(UserId.random(), parts[0], parts[1],
					"IDCFR-MULTI" + i++ + System.nanoTime() % 100_000, "FR")));
			pdf = signer.sign(pdf, key, SignatureParameters.invisible(SignatureLevel.B_T, name, "Approuvé")
				.withAppearance(Appearance.box(2, 40 + 170 * (i - 1), 60, 160, 60), null));
		}
		pdf = signer.sign(pdf, seal(), SignatureParameters.invisible(SignatureLevel.B_LT, "Cabinet Démo", "Cachet du cabinet"));
		archived = signer.extend(pdf, SignatureLevel.B_LTA);
	}

	@Test
	void eachSignatureIsItsOwnIncrementalUpdate() throws IOException {
		try (PDDocument document = Loader.loadPDF(archived)) {
			List<PDSignature> signatures = document.getSignatureDictionaries();
			assertThat(signatures).hasSize(5);
			assertThat(signatures.subList(0, 4)).allSatisfy(
					signature -> assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached"));
			assertThat(signatures.get(4).getSubFilter()).isEqualTo("ETSI.RFC3161");
			// Each byte range ends at a different %%EOF: five revisions, each covered by the signature made on it.
			assertThat(signatures.stream().map(signature -> {
				int[] range = signature.getByteRange();
				return range[2] + range[3];
			}).distinct()).hasSize(5);
			assertThat(signatures.get(4).getByteRange()[2] + signatures.get(4).getByteRange()[3]).isEqualTo(archived.length);
		}
	}

	/**
	 * Issue 11: the platform's own multi-revision documents (visible signatures in the margin of page 2, a seal, a
	 * document time-stamp and its validation data) pass Paraphe's stricter checks — no widget over the signed
	 * content, no metadata change, every revision strictly readable, no object re-pointed.
	 */
	@Test
	void parapheFindsNoForbiddenChangeBetweenTheRevisions() {
		// Paraphe's validator trusting the platform's root, with a deadline for a loaded test machine (the first
		// validation in a cold JVM renders pages and loads DSS: it took over 10 s at a load average of 20).
		fr.paraphe.validation.internal.ValidationReport report;
		try (fr.paraphe.validation.internal.DefaultPdfValidator paraphe = fr.paraphe.validation.internal.Validators
			.trusting(new fr.paraphe.validation.internal.DefaultPdfValidator.Limits(20L << 20,
					java.time.Duration.ofSeconds(120), 1, 1, 32L << 20, 256L << 20),
					ca.authority(Authority.ROOT).certificate())) {
			report = fr.paraphe.validation.internal.Validators.validate(paraphe, archived);
		}

		assertThat(report.signatures()).hasSize(4);
		assertThat(report.signatures()).allSatisfy(signature -> assertThat(signature.modifications())
			.as(signature.modifications().toString())
			.noneMatch(modification -> !modification.permitted()));
		assertThat(report.verdict()).as(report.explanation()).isEqualTo(fr.paraphe.validation.internal.Verdict.VALID);
	}

	@Test
	void dssPassesEverySignatureAndTheDocumentTimestamp() {
		assertAllPassed(archived, 4);
		Reports reports = validate(archived);
		SimpleReport report = reports.getSimpleReport();
		List<TimestampWrapper> documentTimestamps = reports.getDiagnosticData().getTimestampList().stream()
			.filter(timestamp -> timestamp.getType() != null && timestamp.getType().isDocumentTimestamp())
			.toList();
		assertThat(documentTimestamps).as("document time-stamps").hasSize(1);
		for (TimestampWrapper timestamp : documentTimestamps) {
			assertThat(report.getIndication(timestamp.getId())).as("document time-stamp %s %s", timestamp.getId(),
					report.getSubIndication(timestamp.getId())).isEqualTo(Indication.PASSED);
		}
	}

	@Test
	void pdfsigFindsEverySignatureValidAndTrusted(@TempDir Path temp) throws Exception {
		Path pdfsig = ExternalTools.require("pdfsig", "poppler-utils");
		Path certutil = ExternalTools.require("certutil", "libnss3-tools");
		Path nss = Files.createDirectories(temp.resolve("nss"));
		Path root = temp.resolve("root.crt");
		Files.write(root, ca.authority(Authority.ROOT).encoded());
		run(certutil.toString(), "-N", "-d", "sql:" + nss, "--empty-password");
		run(certutil.toString(), "-A", "-d", "sql:" + nss, "-n", "root", "-t", "C,C,C", "-i", root.toString());
		Path file = temp.resolve("multiple.pdf");
		Files.write(file, archived);
		String output = run(pdfsig.toString(), "-nssdir", "sql:" + nss, file.toString());
		assertThat(output).contains("Signature #5").doesNotContain("Signature #6").doesNotContain("Digest Mismatch")
			.doesNotContain("Signature is Invalid");
		// The four CAdES signatures are valid, and their certificates chain to the trusted root. (The fifth, a
		// document time-stamp, pdfsig cannot verify: "Unimplemented Feature".) Poppler up to 22.12 (Debian 12) ignores
		// the result of NSS's CERT_PKIXVerifyCert and reports the thread's last NSS error, left over from earlier
		// calls, so a successful verification shows as "Unknown issue with Certificate or corrupted data" there;
		// later versions say "Certificate is Trusted." (docs/signing.md). A failed verification is reported
		// precisely, so none of its messages may appear, and NSS's own vfychain must find each chain good for
		// signing.
		for (int number = 1; number <= 4; number++) {
			String block = block(output, number);
			assertThat(block).as(block).contains("Signature Validation: Signature is Valid.")
				.containsAnyOf("Certificate Validation: Certificate is Trusted.",
						"Certificate Validation: Unknown issue with Certificate or corrupted data.")
				.doesNotContain("isn't Trusted").doesNotContain("issuer is unknown").doesNotContain("revoked")
				.doesNotContain("expired");
		}
		Path untrusted = Files.createDirectories(temp.resolve("nss-empty"));
		run(certutil.toString(), "-N", "-d", "sql:" + untrusted, "--empty-password");
		assertThat(block(run(pdfsig.toString(), "-nssdir", "sql:" + untrusted, file.toString()), 1))
			.as("the same file without the root in the database").contains("Certificate issuer isn't Trusted.");
		vfychain(ExternalTools.require("vfychain", "libnss3-tools"), nss, temp);
		for (String name : SIGNERS) {
			assertThat(output).contains(name);
		}
		assertThat(block(output, 5)).contains("Total document signed");
	}

	/** NSS's verdict on each signer's chain (leaf and issuing CA from the CMS) for usage 4, e-mail signer. */
	private void vfychain(Path vfychain, Path nss, Path temp) {
		try (PDDocument document = Loader.loadPDF(archived)) {
			int n = 0;
			for (PDSignature signature : document.getSignatureDictionaries()) {
				if (!"ETSI.CAdES.detached".equals(signature.getSubFilter())) {
					continue;
				}
				CMSSignedData cms = new CMSSignedData(signature.getContents());
				SignerInformation signerInfo = cms.getSignerInfos().getSigners().iterator().next();
				X509CertificateHolder leaf = (X509CertificateHolder) cms.getCertificates().getMatches(signerInfo.getSID())
					.iterator().next();
				X509CertificateHolder issuing = cms.getCertificates().getMatches(null).stream()
					.map(X509CertificateHolder.class::cast)
					.filter(holder -> holder.getSubject().equals(leaf.getIssuer()))
					.findFirst()
					.orElseThrow();
				Path leafFile = temp.resolve("leaf" + n + ".der");
				Path issuingFile = temp.resolve("issuing" + n++ + ".der");
				Files.write(leafFile, leaf.getEncoded());
				Files.write(issuingFile, issuing.getEncoded());
				assertThat(run(vfychain.toString(), "-d", "sql:" + nss, "-pp", "-u", "4", leafFile.toString(),
						issuingFile.toString())).as(leaf.getSubject().toString()).contains("Chain is good!");
			}
			assertThat(n).isEqualTo(4);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String block(String output, int number) {
		Matcher matcher = Pattern.compile("(?s)Signature #" + number + ":(.*?)(?=Signature #\\d+:|\\z)").matcher(output);
		assertThat(matcher.find()).as(output).isTrue();
		return matcher.group(1);
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
