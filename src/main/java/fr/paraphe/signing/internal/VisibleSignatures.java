package fr.paraphe.signing.internal;

import java.io.IOException;
import java.time.Instant;

import fr.paraphe.signing.SignatureParameters;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/** The visible box of a signature. */
final class VisibleSignatures {

	void prepare(PDDocument document, PDSignature signature, SignatureOptions options, SignatureParameters parameters,
			Instant claimed) throws IOException {
		throw new UnsupportedOperationException("Visible signatures come next");
	}

}
