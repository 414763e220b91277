package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import fr.paraphe.validation.internal.Modification.Kind;

import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.junit.jupiter.api.Test;

/**
 * The trailer's /Info (title, author...) and the catalog's XMP /Metadata are part of what was signed: a change
 * after signing is a modification like any other outside the permitted list.
 */
class MetadataChangeTests {

	static final DefaultPdfValidator VALIDATOR = Validators.trusting(AttackCorpusTests.PKI.root());

	@org.junit.jupiter.api.AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Test
	void theInfoDictionaryChangedAfterSigning() {
		byte[] attacked = AttackCorpusTests.incremental(AttackCorpusTests.SIGNED, document -> {
			document.getDocumentInformation().setTitle("Avenant : honoraires 10 000 EUR");
			document.getDocumentInformation().setAuthor("Cabinet Martin");
			document.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
			document.getDocument().getTrailer().setNeedToBeUpdated(true);
		});

		assertMetadataChanged(attacked);
	}

	@Test
	void xmpMetadataAddedAfterSigning() {
		byte[] attacked = AttackCorpusTests.incremental(AttackCorpusTests.SIGNED, document -> {
			PDMetadata metadata = new PDMetadata(document, new ByteArrayInputStream(
					"<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:title>Avenant</dc:title></x:xmpmeta>"
						.getBytes(StandardCharsets.UTF_8)));
			document.getDocumentCatalog().setMetadata(metadata);
			document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
		});

		assertMetadataChanged(attacked);
	}

	@Test
	void theInfoDictionaryRedefinedThroughItsObjectNumber() throws Exception {
		byte[] withTitle;
		try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(AttackCorpusTests.ONE_PAGE)) {
			document.getDocumentInformation().setTitle("Lettre de mission");
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			document.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
			withTitle = out.toByteArray();
		}
		byte[] signed = AttackCorpusTests.sign(withTitle, AttackCorpusTests.CLAIRE);
		java.util.regex.Matcher info = java.util.regex.Pattern.compile("/Info (\\d+) 0 R")
			.matcher(new String(signed, StandardCharsets.ISO_8859_1));
		assertThat(info.find()).isTrue();
		int number = Integer.parseInt(info.group(1));

		byte[] attacked = Attacks.appendUpdate(signed,
				number + " 0 obj\n<< /Title (Avenant : honoraires 10 000 EUR) >>\nendobj\n");

		assertMetadataChanged(attacked);
	}

	@Test
	void aLaterSignatureDoesNotChangeTheMetadataOfTheTestSigner() {
		ValidationReport report = Validators.validate(VALIDATOR,
				AttackCorpusTests.sign(AttackCorpusTests.SIGNED, AttackCorpusTests.PAUL));

		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.VALID);
	}

	static void assertMetadataChanged(byte[] attacked) {
		ValidationReport report = Validators.validate(VALIDATOR, attacked);
		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.MODIFIED);
		assertThat(report.signatures().get(0).indication()).isEqualTo(Indication.TOTAL_FAILED);
		assertThat(report.signatures().get(0).modifications())
			.anyMatch(m -> m.kind() == Kind.METADATA_CHANGED && !m.permitted());
		assertThat(report.explanation()).contains("Les métadonnées du document");
	}

}
