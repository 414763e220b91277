package fr.paraphe.validation.internal;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Attacks reused by tests outside this package. */
public final class PageAttacks {

	private PageAttacks() {
	}

	/** The signed PDF with a page appended in an incremental update. */
	public static byte[] appendPage(byte[] signed) {
		return AttackCorpusTests.incremental(signed, document -> {
			PDPage page = new PDPage(PDRectangle.A4);
			AttackCorpusTests.write(document, page, "Avenant");
			document.addPage(page);
			document.getPages().getCOSObject().setNeedToBeUpdated(true);
		});
	}

}
