package fr.paraphe.validation.internal;

import java.io.IOException;
import java.util.Arrays;

import fr.paraphe.validation.TestSigner.Appearance;
import fr.paraphe.validation.TestSigner;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import static fr.paraphe.validation.internal.OverlayAttackTests.CLAIRE;
import static fr.paraphe.validation.internal.OverlayAttackTests.EMPTY_MARGIN;
import static fr.paraphe.validation.internal.OverlayAttackTests.OVER_THE_TEXT;
import static fr.paraphe.validation.internal.OverlayAttackTests.PAUL;
import static fr.paraphe.validation.internal.OverlayAttackTests.PKI;
import static fr.paraphe.validation.internal.OverlayAttackTests.SEALED;
import static fr.paraphe.validation.internal.OverlayAttackTests.TSA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When DSS may skip its own rendering of a signed revision: only when Paraphe has judged every pixel that can differ
 * between that revision and the file. A later signature's widget in an empty margin is judged (rendered and measured
 * over blank paper); a widget over the text, a visible document time-stamp, or any other change is not, and then
 * DSS still renders (or the verdict is already not valid).
 */
class JudgedDifferencesTests {

	@Test
	void aLaterSignatureInAnEmptyMarginIsJudgedButDoesNotRenderIdentically() throws IOException {
		RevisionComparator.Comparison comparison = compareFirst(TestSigner.sign(SEALED, PAUL,
				TestSigner.Options.approval(PKI.crl()), new Appearance(1, EMPTY_MARGIN, "Cachet Client SARL", true)));
		assertThat(comparison.rendersIdentically()).isFalse();
		assertThat(comparison.everyDifferenceJudged()).isTrue();
	}

	@Test
	void anInvisibleLaterSignatureRendersIdentically() throws IOException {
		RevisionComparator.Comparison comparison = compareFirst(
				TestSigner.sign(SEALED, PAUL, TestSigner.Options.approval(PKI.crl())));
		assertThat(comparison.rendersIdentically()).isTrue();
		assertThat(comparison.everyDifferenceJudged()).isTrue();
	}

	@Test
	void aWidgetOverTheTextOrAVisibleTimeStampIsNotJudgedAsHarmless() throws IOException {
		RevisionComparator.Comparison over = compareFirst(TestSigner.sign(SEALED, PAUL,
				TestSigner.Options.approval(PKI.crl()), new Appearance(1, OVER_THE_TEXT, "Cachet - 9 000 EUR", true)));
		assertThat(over.everyDifferenceJudged()).isFalse();
		RevisionComparator.Comparison stamp = compareFirst(TestSigner.documentTimestamp(SEALED,
				digest -> TestSigner.timestampToken(digest, TSA), new Appearance(1, EMPTY_MARGIN, "Horodaté", true)));
		assertThat(stamp.everyDifferenceJudged()).isFalse();
	}

	@Test
	void theVerdictsStayTheSameWithDssRenderingSkipped() {
		// The margin seal stays valid and the one over the text stays reported, as OverlayAttackTests requires.
		DefaultPdfValidator validator = Validators.trusting(PKI.root(), TSA.certificate());
		try {
			byte[] margin = TestSigner.sign(TestSigner.sign(SEALED, PAUL, TestSigner.Options.approval(PKI.crl()),
					new Appearance(1, EMPTY_MARGIN, "Cachet Client SARL", true)), CLAIRE,
					TestSigner.Options.approval(PKI.crl()), new Appearance(1,
							new org.apache.pdfbox.pdmodel.common.PDRectangle(60, 40, 180, 40), "Claire Martin", true));
			assertThat(validator.validate(new java.io.ByteArrayInputStream(margin), "marge.pdf", java.util.Locale.FRENCH)
				.verdict()).isEqualTo(Verdict.VALID);
			byte[] over = TestSigner.sign(SEALED, PAUL, TestSigner.Options.approval(PKI.crl()),
					new Appearance(1, OVER_THE_TEXT, "Cachet - 9 000 EUR", true));
			assertThat(validator.validate(new java.io.ByteArrayInputStream(over), "dessus.pdf", java.util.Locale.FRENCH)
				.valid()).isFalse();
		}
		finally {
			validator.close();
		}
	}

	/** Compares the revision the first signature covers with the whole file, as the validator does. */
	private static RevisionComparator.Comparison compareFirst(byte[] pdf) throws IOException {
		try (PDDocument current = Loader.loadPDF(pdf)) {
			int[] range = current.getSignatureDictionaries().get(0).getByteRange();
			long[] byteRange = Arrays.stream(range).asLongStream().toArray();
			try (PDDocument signed = Loader.loadPDF(Arrays.copyOf(pdf, range[2] + range[3]))) {
				return new RevisionComparator(2_000_000, 200_000_000L).compareRevision(signed, current, byteRange);
			}
		}
	}

}
