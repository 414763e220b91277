package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.ByteRange;
import eu.europa.esig.dss.pades.validation.PdfByteRangeDocument;
import eu.europa.esig.dss.pdf.PdfDocumentReader;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDocumentReader;
import eu.europa.esig.dss.validation.reports.Reports;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.Test;

/**
 * A validation reads each revision once: DSS's repeated requests for the same bytes get the same reader, whole
 * revisions are read (not their first buffer), different bytes get different readers, and every reader is closed
 * with the validation. DSS still asks about each signed revision by its exact length, so that it skips rendering only
 * the revisions Paraphe's comparison cleared.
 */
class SharedPdfReadersTests {

	static final TestPki PKI = new TestPki("Racine lecteurs");

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final TestPki.Credentials PAUL = PKI.issue("Paul Durand", "Client SARL");

	static final byte[] TWO = TestSigner.sign(
			TestSigner.sign(TestSigner.document("Comptes annuels", "Annexe", "Rapport"), CLAIRE,
					TestSigner.Options.approval(PKI.crl())),
			PAUL, TestSigner.Options.approval(PKI.crl()));

	@Test
	void theSameBytesAreReadOnceWholeAndOtherBytesApart() throws IOException {
		int first = (int) firstSignedRevisionLength(TWO);
		assertThat(first).isGreaterThan(8 * 1024);
		SharedPdfReaders.Shared whole;
		try (SharedPdfReaders readers = new SharedPdfReaders(32L << 20)) {
			DSSDocument file = new InMemoryDocument(TWO, "deux.pdf");
			whole = (SharedPdfReaders.Shared) readers.reader(file, SharedPdfReadersTests::parse);
			PdfDocumentReader again = readers.reader(revision(file, TWO.length), SharedPdfReadersTests::parse);
			PdfDocumentReader signed = readers.reader(revision(file, first), SharedPdfReadersTests::parse);
			PdfDocumentReader signedAgain = readers.reader(revision(file, first), SharedPdfReadersTests::parse);
			assertThat(again).isSameAs(whole);
			assertThat(signedAgain).isSameAs(signed).isNotSameAs(whole);
			assertThat(readers.parsed()).isEqualTo(2);
			assertThat(whole.length()).isEqualTo(TWO.length);
			assertThat(((SharedPdfReaders.Shared) signed).length()).isEqualTo(first);
			assertThat(whole.extractSigDictionaries()).hasSize(2);
			assertThat(signed.extractSigDictionaries()).hasSize(1);
			// DSS's own closing leaves a shared reader open for its next request.
			assertThat(whole.closed()).isFalse();
			signed.close();
			assertThat(signedAgain.getNumberOfPages()).isEqualTo(3);
		}
		assertThat(whole.closed()).isTrue();
	}

	@Test
	void pastItsBudgetARevisionIsReadAndClosedAsDssDoes() throws IOException {
		int first = (int) firstSignedRevisionLength(TWO);
		try (SharedPdfReaders readers = new SharedPdfReaders(TWO.length + first - 1)) {
			DSSDocument file = new InMemoryDocument(TWO, "deux.pdf");
			PdfDocumentReader whole = readers.reader(file, SharedPdfReadersTests::parse);
			PdfDocumentReader signed = readers.reader(revision(file, first), SharedPdfReadersTests::parse);
			assertThat(whole).isInstanceOf(SharedPdfReaders.Shared.class);
			assertThat(signed).isInstanceOf(PdfBoxDocumentReader.class);
			assertThat(readers.reader(revision(file, first), SharedPdfReadersTests::parse)).isNotSameAs(signed);
			assertThat(readers.parsed()).isEqualTo(1);
			assertThat(signed.extractSigDictionaries()).hasSize(1);
			signed.close();
			assertThat(((PdfBoxDocumentReader) signed).getPDDocument().getDocument().isClosed()).isTrue();
		}
	}

	@Test
	void dssAsksAboutEachSignedRevisionByItsExactLength() throws IOException {
		Set<Long> asked = new ConcurrentSkipListSet<>();
		Reports reports = new DssEngine().validate(TWO, "deux.pdf", List.of(PKI.root()), null, 32L << 20, 256L << 20,
				length -> asked.add(length) && false);
		// The second signature covers the whole file: nothing to render, nothing asked.
		assertThat(asked).containsExactly(firstSignedRevisionLength(TWO));
		assertThat(reports.getSimpleReport().getSignatureIdList()).hasSize(2)
			.allSatisfy(id -> assertThat(reports.getSimpleReport().getIndication(id)).isEqualTo(Indication.TOTAL_PASSED));
	}

	private static PdfBoxDocumentReader parse(DSSDocument document) throws IOException {
		return new PdfBoxDocumentReader(document);
	}

	private static DSSDocument revision(DSSDocument file, int length) {
		// as DSS builds a revision: the first part is the whole revision, the second is empty
		return new PdfByteRangeDocument(file, new ByteRange(new int[] { 0, length, length, 0 }));
	}

	private static long firstSignedRevisionLength(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return document.getSignatureDictionaries()
				.stream()
				.mapToLong(signature -> {
					int[] range = signature.getByteRange();
					return (long) range[2] + range[3];
				})
				.min()
				.orElseThrow();
		}
	}

}
