package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.Modification.Kind;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The attack corpus: documents signed by the test signer, then attacked with PDFBox incremental updates or raw byte
 * edits. Every attack must end as not valid (modified, failed or refused); every untouched original and every
 * permitted change must stay valid.
 */
class AttackCorpusTests {

	static final TestPki PKI = new TestPki("Racine corpus");

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final TestPki.Credentials PAUL = PKI.issue("Paul Durand", "Client SARL");

	static final DefaultPdfValidator VALIDATOR = Validators.trusting(PKI.root());

	static final byte[] ONE_PAGE = TestSigner.document("Lettre de mission : honoraires annuels 1 000 EUR");

	static final byte[] TWO_PAGES = TestSigner.document("Lettre de mission", "Conditions generales");

	static final byte[] SIGNED = sign(ONE_PAGE, CLAIRE);

	@AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Nested
	class OriginalsAndPermittedChanges {

		@Test
		void aSignedDocumentIsValid() {
			assertValid(validate(SIGNED));
		}

		@Test
		void twoSuccessiveSignaturesAreBothValidAndTheLaterOneIsListed() {
			ValidationReport report = validate(sign(SIGNED, PAUL));

			assertValid(report);
			assertThat(report.signatures()).hasSize(2);
			assertThat(report.signatures().get(0).modifications()).extracting(Modification::kind)
				.contains(Kind.SIGNATURE_ADDED);
			assertThat(report.explanation()).contains("seuls des ajouts autorisés y ont été faits (signature ajoutée)")
				.contains("Paul Durand (Client SARL)");
		}

		@Test
		void aCertifiedDocumentP2SignedAgainIsValid() {
			byte[] certified = TestSigner.sign(ONE_PAGE, CLAIRE, TestSigner.Options.certification(2, PKI.crl()));

			assertValid(validate(certified));
			assertValid(validate(sign(certified, PAUL)));
		}

		@Test
		void formFillingAllowedByACertificationP2IsValidAndListed() {
			byte[] form = TestSigner.documentWithTextField("Attestation", "montant", "1 000 EUR", false);
			byte[] certified = TestSigner.sign(form, CLAIRE, TestSigner.Options.certification(2, PKI.crl()));
			byte[] filled = incremental(certified, document -> setField(document, "montant", "1 500 EUR"));

			ValidationReport report = validate(filled);

			assertValid(report);
			assertThat(report.signatures().get(0).modifications())
				.anyMatch(modification -> modification.kind() == Kind.FORM_FILLED && modification.permitted());
		}

	}

	@Nested
	class Attacks {

		@Test
		void anEditInsideTheSignedRange() {
			byte[] attacked = SIGNED.clone();
			int at = indexOf(attacked, "/MediaBox [0.0 0.0 595");
			attacked[at + "/MediaBox [0.0 0.0 ".length()] = '4';

			ValidationReport report = assertNotGreen(attacked);
			assertThat(report.signatures().get(0).subIndication()).isEqualTo("HASH_FAILURE");
		}

		@Test
		void aPageAppendedInAnIncrementalUpdate() {
			byte[] attacked = incremental(SIGNED, document -> {
				PDPage page = new PDPage(PDRectangle.A4);
				write(document, page, "Avenant : honoraires 10 000 EUR");
				document.addPage(page);
				document.getPages().getCOSObject().setNeedToBeUpdated(true);
			});

			assertKinds(assertNotGreen(attacked), Kind.PAGES_ADDED_OR_REMOVED);
		}

		@Test
		void aPageRemovedInAnIncrementalUpdate() {
			byte[] signed = sign(TWO_PAGES, CLAIRE);
			byte[] attacked = incremental(signed, document -> {
				document.removePage(1);
				document.getPages().getCOSObject().setNeedToBeUpdated(true);
			});

			assertKinds(assertNotGreen(attacked), Kind.PAGES_ADDED_OR_REMOVED);
		}

		@Test
		void thePageContentReplacedThroughARedefinedObject() {
			// A later xref entry for the page's content stream object: same number, other text.
			int number = contentObjectNumber(SIGNED);
			String body = "<< /Length 58 >>\nstream\nBT /F1 14 Tf 72 700 Td (Honoraires : 10 000 EUR) Tj ET\n\nendstream";
			byte[] attacked = fr.paraphe.validation.internal.Attacks.appendUpdate(SIGNED,
					number + " 0 obj\n" + body + "\nendobj\n");

			assertKinds(assertNotGreen(attacked), Kind.PAGE_CONTENT_CHANGED);
		}

		@Test
		void theSignatureReasonReplacedLater() {
			assertKinds(assertNotGreen(redefineSignatureDictionary(SIGNED, "/Reason (Approbation)",
					"/Reason (Annulation)")), Kind.SIGNATURE_DICTIONARY_CHANGED);
		}

		@Test
		void theSignatureTimeReplacedLater() {
			byte[] attacked = redefineSignatureDictionary(SIGNED, "/M (D:", "/M (D:1999");
			// keep the date well-formed: D:1999 followed by the rest shifts the year; DSS may also refuse it
			assertNotGreen(attacked);
		}

		@Test
		void aByteRangeThatStopsBeforeTheEndOfTheFile() {
			assertNotGreen(editByteRange(SIGNED, range -> new long[] { range[0], range[1], range[2], range[3] - 40 }));
		}

		@Test
		void aByteRangeThatPointsPastTheEnd() {
			assertNotGreen(editByteRange(SIGNED, range -> new long[] { range[0], range[1], range[2],
					(long) Math.pow(10, Long.toString(range[3]).length()) - 1 }));
		}

		@Test
		void aByteRangeThatOverlapsTheSignatureValue() {
			assertNotGreen(editByteRange(SIGNED, range -> new long[] { range[0], range[1] + 100, range[2], range[3] }));
		}

		@Test
		void aSecondSignatureWhoseByteRangeCannotBeReadBesideAValidOne() {
			// Found by the fuzz test: DSS then validates the first signature only and would say nothing else.
			byte[] twice = sign(SIGNED, PAUL);
			String text = new String(twice, StandardCharsets.ISO_8859_1);
			int at = text.lastIndexOf("/ByteRange [") + "/ByteRange ".length();
			byte[] attacked = twice.clone();
			attacked[at] = 'Z';

			ValidationReport report = assertNotGreen(attacked);
			assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
			assertThat(report.explanation()).contains("n’a pas pu être vérifiée");
		}

		@Test
		void unsignedBytesAppendedAfterTheSignedRevision() {
			byte[] attacked = concat(SIGNED, "\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% trailing garbage\n"
				.getBytes(StandardCharsets.ISO_8859_1));

			assertNotGreen(attacked);
		}

		@Test
		void aSecondValidSignatureWrappingAChangedDocument() {
			byte[] changed = incremental(SIGNED, document -> {
				PDPage page = document.getPage(0);
				write(document, page, "Honoraires : 10 000 EUR");
			});
			byte[] wrapped = sign(changed, PAUL);

			ValidationReport report = assertNotGreen(wrapped);
			assertThat(report.verdict()).isEqualTo(Verdict.MODIFIED);
			assertThat(report.signatures().get(0).indication()).isNotEqualTo(Indication.TOTAL_PASSED);
			assertThat(report.signatures().get(1).indication()).isEqualTo(Indication.TOTAL_PASSED);
		}

		@Test
		void anOverlayAnnotationHidingTextAfterSigning() {
			byte[] attacked = incremental(SIGNED, document -> addOverlay(document, "Honoraires : 10 000 EUR"));

			assertKinds(assertNotGreen(attacked), Kind.ANNOTATION_ADDED);
		}

		@Test
		void aFormFieldValueReplacedAfterAnApprovalSignature() {
			byte[] form = TestSigner.documentWithTextField("Attestation", "montant", "1 000 EUR", false);
			byte[] attacked = incremental(sign(form, CLAIRE), document -> setField(document, "montant", "9 000 EUR"));

			assertKinds(assertNotGreen(attacked), Kind.FORM_FILLED);
		}

		@Test
		void aHiddenFormFieldRevealedAfterSigning() {
			byte[] form = TestSigner.documentWithTextField("Attestation", "montant", "9 000 EUR", true);
			byte[] attacked = incremental(sign(form, CLAIRE), document -> {
				PDAnnotationWidget widget = document.getDocumentCatalog().getAcroForm().getField("montant")
					.getWidgets().get(0);
				widget.setHidden(false);
				widget.getCOSObject().setNeedToBeUpdated(true);
			});

			assertKinds(assertNotGreen(attacked), Kind.ANNOTATION_CHANGED);
		}

		@Test
		void aFormFieldAddedOverTheTextAfterSigning() {
			byte[] attacked = incremental(SIGNED, document -> {
				try {
					org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm form = document.getDocumentCatalog()
						.getAcroForm();
					form.getCOSObject().setNeedToBeUpdated(true);
					PDResources resources = new PDResources();
					resources.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
					form.setDefaultResources(resources);
					form.setDefaultAppearance("/Helv 14 Tf 0 g");
					PDTextField field = new PDTextField(form);
					field.setPartialName("ombre");
					form.getFields().add(field);
					PDAnnotationWidget widget = field.getWidgets().get(0);
					widget.setRectangle(new PDRectangle(70, 690, 460, 30));
					PDPage page = document.getPage(0);
					widget.setPage(page);
					page.getAnnotations().add(widget);
					field.setValue("Honoraires annuels 10 000 EUR");
					page.getCOSObject().setNeedToBeUpdated(true);
					document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});

			assertKinds(assertNotGreen(attacked), Kind.FORM_FIELD_ADDED);
		}

		@Test
		void aCertifiedDocumentP1SignedAgain() {
			byte[] certified = TestSigner.sign(ONE_PAGE, CLAIRE, TestSigner.Options.certification(1, PKI.crl()));

			ValidationReport report = assertNotGreen(sign(certified, PAUL));
			assertThat(report.signatures().get(0).indication()).isNotEqualTo(Indication.TOTAL_PASSED);
		}

		@Test
		void aCertifiedDocumentP2WithAnAnnotationAdded() {
			byte[] certified = TestSigner.sign(ONE_PAGE, CLAIRE, TestSigner.Options.certification(2, PKI.crl()));
			byte[] attacked = incremental(certified, document -> addOverlay(document, "Annule"));

			assertKinds(assertNotGreen(attacked), Kind.ANNOTATION_ADDED);
		}

		@Test
		void aCertifiedDocumentP1WithItsFormFilled() {
			byte[] form = TestSigner.documentWithTextField("Attestation", "montant", "1 000 EUR", false);
			byte[] certified = TestSigner.sign(form, CLAIRE, TestSigner.Options.certification(1, PKI.crl()));
			byte[] attacked = incremental(certified, document -> setField(document, "montant", "1 500 EUR"));

			assertKinds(assertNotGreen(attacked), Kind.DOCMDP_VIOLATION);
		}

	}

	// --- helpers

	static byte[] sign(byte[] pdf, TestPki.Credentials signer) {
		return TestSigner.sign(pdf, signer, TestSigner.Options.approval(PKI.crl()));
	}

	static ValidationReport validate(byte[] pdf) {
		return Validators.validate(VALIDATOR, pdf);
	}

	static void assertValid(ValidationReport report) {
		assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.VALID);
		assertThat(report.valid()).isTrue();
	}

	/** Not green: refused, or a report whose verdict is not VALID and that is not valid. */
	static ValidationReport assertNotGreen(byte[] pdf) {
		ValidationReport report;
		try {
			report = validate(pdf);
		}
		catch (DocumentRejectedException ex) {
			return null;
		}
		assertThat(report.valid()).as(describe(report)).isFalse();
		assertThat(report.verdict()).isNotEqualTo(Verdict.VALID);
		assertThat(report.explanation()).doesNotContain("Conclusion : la signature est valide");
		return report;
	}

	static void assertKinds(ValidationReport report, Kind kind) {
		assertThat(report).isNotNull();
		assertThat(report.signatures().stream().flatMap(signature -> signature.modifications().stream()))
			.as(describe(report))
			.anyMatch(modification -> modification.kind() == kind && !modification.permitted());
	}

	static String describe(ValidationReport report) {
		StringBuilder text = new StringBuilder(report.verdict() + ": ");
		report.signatures()
			.forEach(signature -> text.append(signature.indication())
				.append('/')
				.append(signature.subIndication())
				.append(" dss=")
				.append(signature.dssIndication())
				.append(' ')
				.append(signature.modifications())
				.append(' ')
				.append(signature.errors())
				.append("; "));
		return text.toString();
	}

	interface Change {

		void apply(PDDocument document) throws IOException;

	}

	static byte[] incremental(byte[] pdf, Change change) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			change.apply(document);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.saveIncremental(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void write(PDDocument document, PDPage page, String text) throws IOException {
		try (PDPageContentStream content = new PDPageContentStream(document, page,
				PDPageContentStream.AppendMode.APPEND, false)) {
			content.beginText();
			content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
			content.newLineAtOffset(72, 600);
			content.showText(text);
			content.endText();
		}
		page.getCOSObject().setNeedToBeUpdated(true);
	}

	static void addOverlay(PDDocument document, String text) throws IOException {
		PDPage page = document.getPage(0);
		PDRectangle box = new PDRectangle(70, 690, 460, 30);
		PDAnnotation annotation = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText();
		annotation.getCOSObject().setName(COSName.SUBTYPE, "FreeText");
		annotation.setRectangle(box);
		annotation.setPrinted(true);
		PDAppearanceStream appearance = new PDAppearanceStream(document);
		appearance.setBBox(new PDRectangle(0, 0, box.getWidth(), box.getHeight()));
		PDResources resources = new PDResources();
		appearance.setResources(resources);
		try (PDPageContentStream content = new PDPageContentStream(document, appearance)) {
			content.setNonStrokingColor(1f, 1f, 1f);
			content.addRect(0, 0, box.getWidth(), box.getHeight());
			content.fill();
			content.setNonStrokingColor(0f, 0f, 0f);
			content.beginText();
			content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
			content.newLineAtOffset(2, 10);
			content.showText(text);
			content.endText();
		}
		PDAppearanceDictionary appearances = new PDAppearanceDictionary();
		appearances.setNormalAppearance(appearance);
		annotation.setAppearance(appearances);
		List<PDAnnotation> annotations = page.getAnnotations();
		annotations.add(annotation);
		page.setAnnotations(annotations);
		page.getCOSObject().setNeedToBeUpdated(true);
	}

	static void setField(PDDocument document, String name, String value) throws IOException {
		PDTextField field = (PDTextField) document.getDocumentCatalog().getAcroForm().getField(name);
		field.setValue(value);
		field.getCOSObject().setNeedToBeUpdated(true);
		for (PDAnnotationWidget widget : field.getWidgets()) {
			widget.getCOSObject().setNeedToBeUpdated(true);
			COSDictionary appearance = widget.getCOSObject().getCOSDictionary(COSName.AP);
			if (appearance != null) {
				appearance.setNeedToBeUpdated(true);
			}
		}
	}

	static byte[] redefineSignatureDictionary(byte[] pdf, String from, String to) {
		int number;
		try (PDDocument document = Loader.loadPDF(pdf)) {
			number = (int) document.getSignatureDictionaries().get(0).getCOSObject().getKey().getNumber();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String body = fr.paraphe.validation.internal.Attacks.objectBody(pdf, number);
		assertThat(body).contains(from);
		return fr.paraphe.validation.internal.Attacks.appendUpdate(pdf,
				number + " 0 obj\n" + body.replace(from, to) + "\nendobj\n");
	}

	interface RangeEdit {

		long[] edit(long[] range);

	}

	/** Rewrites the first /ByteRange in place, keeping the file's length (PDFBox pads it with spaces). */
	static byte[] editByteRange(byte[] pdf, RangeEdit edit) {
		String text = new String(pdf, StandardCharsets.ISO_8859_1);
		int start = text.indexOf("/ByteRange [") + "/ByteRange [".length();
		int end = text.indexOf(']', start);
		String[] numbers = text.substring(start, end).trim().split("\\s+");
		long[] range = new long[4];
		for (int i = 0; i < 4; i++) {
			range[i] = Long.parseLong(numbers[i]);
		}
		long[] edited = edit.edit(range);
		String replacement = edited[0] + " " + edited[1] + " " + edited[2] + " " + edited[3];
		assertThat(replacement.length()).isLessThanOrEqualTo(end - start);
		replacement = String.format("%-" + (end - start) + "s", replacement);
		byte[] result = pdf.clone();
		System.arraycopy(replacement.getBytes(StandardCharsets.ISO_8859_1), 0, result, start, end - start);
		return result;
	}

	static int contentObjectNumber(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			org.apache.pdfbox.cos.COSBase contents = document.getPage(0).getCOSObject().getItem(COSName.CONTENTS);
			return (int) ((org.apache.pdfbox.cos.COSObject) contents).getKey().getNumber();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] all = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	static int indexOf(byte[] haystack, String needle) {
		return DefaultPdfValidatorTests.indexOf(haystack, needle);
	}

}
