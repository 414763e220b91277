package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner.Appearance;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.Modification.Kind;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The overlay family ("Sneaky Signature", Mladenov et al., "1 Trillion Dollar Refund", 2019; "Evil Annotation",
 * Rohlmann et al., "Breaking the Specification: PDF Certification", IEEE S&amp;P 2021): after a signature, an
 * incremental update adds something that passes for a permitted addition — an empty signature field, a document
 * time-stamp, a genuine later signature — whose widget draws over the signed text. Each must be reported as a
 * modification of the page it covers; a later seal in an empty margin and an invisible document time-stamp stay
 * valid.
 */
class OverlayAttackTests {

	static final TestPki PKI = new TestPki("Racine recouvrements");

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final TestPki.Credentials PAUL = PKI.issue("Paul Durand", "Client SARL");

	static final TestPki.Credentials TSA = PKI.issueTimestampingUnit("Horodatage recouvrements");

	static final DefaultPdfValidator VALIDATOR = Validators.trusting(PKI.root(), TSA.certificate());

	/** The text of {@link TestSigner#document} is drawn at (72, 700), 14 pt: this box covers it. */
	static final PDRectangle OVER_THE_TEXT = new PDRectangle(60, 690, 470, 30);

	/** A box in the empty bottom margin of an A4 page. */
	static final PDRectangle EMPTY_MARGIN = new PDRectangle(380, 40, 180, 40);

	static final byte[] DOCUMENT = TestSigner.document("Facture 2026-118 : montant 1 000 EUR");

	static final byte[] SEALED = TestSigner.sign(DOCUMENT, CLAIRE, TestSigner.Options.approval(PKI.crl()));

	static final byte[] CERTIFIED = TestSigner.sign(DOCUMENT, CLAIRE, TestSigner.Options.certification(2, PKI.crl()));

	@AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Test
	void anEmptySignatureFieldDrawnOverTheText() {
		ValidationReport report = validate(emptySignatureField(SEALED, overTheText()));

		assertCovered(report, Kind.EMPTY_SIGNATURE_FIELD_OVER_CONTENT);
		assertThat(report.signatures().get(0).modifications()).noneMatch(m -> m.kind() == Kind.SIGNATURE_ADDED);
	}

	@Test
	void anEmptySignatureFieldDrawnOverTheTextOfACertifiedDocument() {
		ValidationReport report = validate(emptySignatureField(CERTIFIED, overTheText()));

		assertCovered(report, Kind.EMPTY_SIGNATURE_FIELD_OVER_CONTENT);
	}

	@Test
	void anInvisibleEmptySignatureFieldIsAnAddedFieldNotASignature() {
		ValidationReport report = validate(emptySignatureField(CERTIFIED, null));

		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.MODIFIED);
		assertThat(report.signatures().get(0).modifications())
			.anyMatch(m -> m.kind() == Kind.EMPTY_SIGNATURE_FIELD_ADDED && !m.permitted());
	}

	@Test
	void aDocumentTimeStampDrawnOverTheText() {
		ValidationReport report = validate(TestSigner.documentTimestamp(SEALED, digest -> TestSigner.timestampToken(digest, TSA),
				overTheText()));

		assertCovered(report, Kind.DOCUMENT_TIMESTAMP_OVER_CONTENT);
		assertThat(report.documentTimestamps()).singleElement()
			.satisfies(timestamp -> assertThat(timestamp.indication()).isEqualTo(Indication.TOTAL_PASSED));
	}

	@Test
	void aDocumentTimeStampDrawnOverTheTextOfACertifiedDocument() {
		ValidationReport report = validate(TestSigner.documentTimestamp(CERTIFIED,
				digest -> TestSigner.timestampToken(digest, TSA), overTheText()));

		assertCovered(report, Kind.DOCUMENT_TIMESTAMP_OVER_CONTENT);
	}

	@Test
	void aDocumentTimeStampWithAnAppearanceInTheMarginIsReported() {
		ValidationReport report = validate(TestSigner.documentTimestamp(SEALED,
				digest -> TestSigner.timestampToken(digest, TSA), new Appearance(1, EMPTY_MARGIN, "Horodaté", true)));

		assertThat(report.valid()).isFalse();
		assertThat(report.signatures().get(0).modifications())
			.anyMatch(m -> m.kind() == Kind.VISIBLE_DOCUMENT_TIMESTAMP && !m.permitted() && m.pages().equals(List.of(1)));
	}

	@Test
	void aGenuineSecondSealDrawnOverTheText() {
		byte[] twice = TestSigner.sign(SEALED, PAUL, TestSigner.Options.approval(PKI.crl()),
				new Appearance(1, OVER_THE_TEXT, "Cachet Client SARL - montant 9 000 EUR", true));

		ValidationReport report = validate(twice);

		assertCovered(report, Kind.SIGNATURE_OVER_CONTENT);
		// The later seal itself covers the whole file and is intact: it is the first one that was overdrawn.
		assertThat(report.signatures().get(1).indication()).isEqualTo(Indication.TOTAL_PASSED);
	}

	@Test
	void aSecondSealInAnEmptyMarginStaysValid() {
		byte[] twice = TestSigner.sign(SEALED, PAUL, TestSigner.Options.approval(PKI.crl()),
				new Appearance(1, EMPTY_MARGIN, "Cachet Client SARL", true));

		ValidationReport report = validate(twice);

		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.VALID);
		assertThat(report.signatures().get(0).modifications()).anyMatch(m -> m.kind() == Kind.SIGNATURE_ADDED);
	}

	@Test
	void aDocumentTimeStampWithoutAppearanceStaysValid() {
		ValidationReport report = validate(TestSigner.documentTimestamp(SEALED, TSA));

		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.VALID);
	}

	@Test
	void aDocumentTimeStampWithoutAppearanceOnACertifiedDocumentStaysValid() {
		ValidationReport report = validate(TestSigner.documentTimestamp(CERTIFIED, TSA));

		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.VALID);
	}

	@Test
	void everyKindHasAFrenchAndAnEnglishLabel() {
		var messages = Validators.messages();
		for (Kind kind : Kind.values()) {
			String french = messages.getMessage("validation.modification." + kind, null, null, java.util.Locale.FRENCH);
			String english = messages.getMessage("validation.modification." + kind, null, null, java.util.Locale.ENGLISH);
			assertThat(french).as(kind.name()).isNotNull();
			assertThat(english).as(kind.name()).isNotNull().isNotEqualTo(french);
		}
	}

	static Appearance overTheText() {
		return new Appearance(1, OVER_THE_TEXT, "ANNULE - montant 1 000 000 EUR", true);
	}

	static ValidationReport validate(byte[] pdf) {
		return Validators.validate(VALIDATOR, pdf);
	}

	static void assertCovered(ValidationReport report, Kind kind) {
		assertThat(report.valid()).as(AttackCorpusTests.describe(report)).isFalse();
		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.MODIFIED);
		assertThat(report.signatures().get(0).indication()).isEqualTo(Indication.TOTAL_FAILED);
		List<Modification> modifications = report.signatures().get(0).modifications();
		assertThat(modifications).as(AttackCorpusTests.describe(report))
			.anyMatch(m -> m.kind() == kind && !m.permitted() && m.pages().equals(List.of(1)));
		String label = Validators.messages()
			.getMessage("validation.modification." + kind, null, null, java.util.Locale.FRENCH);
		assertThat(label).contains("recouvre le contenu signé");
		assertThat(report.explanation()).contains(label + " (page 1)");
	}

	/**
	 * An unsigned incremental update adding a signature field without a value (/FT /Sig, no /V) on page 1, drawn
	 * with {@code appearance}, or invisible when null.
	 */
	static byte[] emptySignatureField(byte[] pdf, Appearance appearance) {
		return AttackCorpusTests.incremental(pdf, document -> OverlaySamples.addEmptySignatureField(document, appearance));
	}

}
