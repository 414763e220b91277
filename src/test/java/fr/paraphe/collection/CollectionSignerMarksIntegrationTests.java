package fr.paraphe.collection;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.SignerInput;
import fr.paraphe.pki.Authority;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.Modification;
import fr.paraphe.validation.internal.PdfValidator;
import fr.paraphe.validation.internal.SignatureResult;
import fr.paraphe.validation.internal.ValidationReport;
import fr.paraphe.validation.internal.Verdict;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signer's marks: every place the preparer set, initials on every page, the typed mention and "Fait à …, le …",
 * all in the signer's one signature update; checked independently (EU DSS with only our root trusted, pdfsig) and
 * by our own validator (no forbidden modification).
 */
@ParapheIntegrationTest
class CollectionSignerMarksIntegrationTests extends CollectionTest {

	@Autowired
	PdfValidator validator;

	@Autowired
	fr.paraphe.evidence.EvidenceTrails trails;

	CollectionSignerMarksIntegrationTests() {
		super("Cabinet Paraphes", Money.parse("50"));
	}

	static String signer(String given, String surname, String email, String mention, float x) {
		return "{\"kind\":\"CLIENT\",\"civility\":\"Mme\",\"givenName\":\"" + given + "\",\"surname\":\"" + surname
				+ "\",\"email\":\"" + email + "\",\"channel\":\"EMAIL\",\"places\":["
				+ "{\"document\":1,\"page\":1,\"x\":" + x + ",\"y\":120,\"width\":220,\"height\":100},"
				+ "{\"document\":1,\"page\":2,\"x\":" + x + ",\"y\":120,\"width\":220,\"height\":100}],"
				+ "\"options\":{\"initials\":true,\"mention\":\"" + mention + "\",\"placeAndDate\":true}}";
	}

	@Test
	void twoSignersWithInitialsMentionPlaceAndDateAndTwoPlacesGiveADocumentEveryValidatorPasses() throws Exception {
		String first = "marks-" + UUID.randomUUID() + "@exemple.test";
		String second = "marks-" + UUID.randomUUID() + "@exemple.test";
		String body = "{\"title\":\"Lettre de mission\",\"order\":\"PARALLEL\",\"signers\":["
				+ signer("Claire", "Martin", first, "Lu et approuvé", 40) + ","
				+ signer("Paul", "Durand", second, "Bon pour accord", 320) + "]}";
		HttpResponse<String> created = fixture.create(key, body, null,
				TestSigner.document("Lettre de mission, page 1", "Lettre de mission, page 2"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode draft = json.readTree(created.body());
		assertThat(draft.get("signers").get(0).get("options").get("mention").asString()).isEqualTo("Lu et approuvé");
		String id = draft.get("id").asString();
		HttpResponse<String> launched = fixture.post("/api/v1/collections/" + id + "/launch", key, null, null);
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);

		String token = fixture.latestToken(first);
		desk.sendCode(token, true, null, Collections.Origin.SERVER);
		String code = fixture.latestCode(first);
		// A wrong mention or no city is refused before the code is checked: the code still works afterwards.
		assertThatThrownBy(() -> desk.sign(token, code, new SignerInput("Lu et approuvé et signé", "Paris"), null,
				Collections.Origin.SERVER)).hasMessageContaining("collection.error.mentionTyped");
		assertThatThrownBy(() -> desk.sign(token, code, new SignerInput("Lu et approuve", null), null,
				Collections.Origin.SERVER)).hasMessageContaining("collection.error.city");
		assertThatThrownBy(() -> desk.sign(token, code, new SignerInput("Lu et approuve", "<script>"), null,
				Collections.Origin.SERVER)).isInstanceOf(ProblemException.class);
		desk.sign(token, code, new SignerInput("  LU ET APPROUVE ", "Paris"), null, Collections.Origin.SERVER);

		String other = fixture.latestToken(second);
		desk.sendCode(other, true, null, Collections.Origin.SERVER);
		desk.sign(other, fixture.latestCode(second), new SignerInput("bon pour accord", "Saint-Étienne"), null,
				Collections.Origin.SERVER);

		HttpResponse<byte[]> pdf = fixture.get("/api/v1/collections/" + id + "/documents/1", key, null);
		assertThat(pdf.statusCode()).isEqualTo(200);
		byte[] signed = pdf.body();

		// Each signature's one field has four widgets: two places, initials on both pages.
		try (PDDocument document = Loader.loadPDF(signed)) {
			List<PDSignatureField> signatures = new ArrayList<>();
			for (PDField field : document.getDocumentCatalog().getAcroForm().getFieldTree()) {
				if (field instanceof PDSignatureField signature && signature.getSignature() != null
						&& !"DocTimeStamp".equals(signature.getSignature().getCOSObject().getNameAsString("Type"))) {
					signatures.add(signature);
				}
			}
			assertThat(signatures).hasSize(2);
			for (PDSignatureField signature : signatures) {
				assertThat(signature.getWidgets()).hasSize(4);
				List<Integer> pages = new ArrayList<>();
				for (PDAnnotationWidget widget : signature.getWidgets()) {
					pages.add(document.getPages().indexOf(widget.getPage()) + 1);
					assertThat(widget.getPage().getAnnotations().stream()
						.anyMatch(annotation -> annotation.getCOSObject() == widget.getCOSObject())).isTrue();
				}
				assertThat(pages).containsExactlyInAnyOrder(1, 1, 2, 2);
			}
			String drawn = new String(signatures.get(0).getWidgets().get(0).getNormalAppearanceStream()
				.getContentStream().toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
			assertThat(drawn).as("handwritten lines, slanted").contains(" 0.25 1 ");
		}

		SimpleReport report = fixture.dss(signed);
		assertThat(report.getSignatureIdList()).hasSize(2);
		for (String signature : report.getSignatureIdList()) {
			assertThat(report.getIndication(signature)).as(signature).isEqualTo(Indication.TOTAL_PASSED);
		}
		String pdfsig = CollectionFixture.pdfsig(signed, ca.authority(Authority.ROOT).encoded());
		assertThat(pdfsig.split("Signature is Valid\\.", -1)).as(pdfsig).hasSizeGreaterThanOrEqualTo(3);
		assertThat(pdfsig).doesNotContain("Digest Mismatch").doesNotContain("Signature is Invalid");

		ValidationReport ours = validator.validate(new ByteArrayInputStream(signed), "lettre.pdf", Locale.FRENCH);
		for (SignatureResult signature : ours.signatures()) {
			assertThat(signature.modifications().stream().filter(modification -> !modification.permitted())
				.map(Modification::toString)
				.toList()).as(ours.explanation()).isEmpty();
		}
		assertThat(ours.verdict()).as(ours.explanation()).isEqualTo(Verdict.VALID);

		String trail = new String(trails.json(UUID.fromString(id)), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(trail).contains("Fait à Paris, le ", "Fait à Saint-Étienne, le ", "initialsOnEveryPage");
		assertThat(Instant.now()).isNotNull();
	}

}
