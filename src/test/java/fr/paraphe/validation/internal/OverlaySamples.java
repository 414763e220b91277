package fr.paraphe.validation.internal;

import java.io.IOException;

import fr.paraphe.validation.TestSigner.Appearance;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/** Overlay samples shared with the web tests. */
public final class OverlaySamples {

	private OverlaySamples() {
	}

	/**
	 * Adds to page 1 a signature field without a value (/FT /Sig, no /V), drawn with {@code appearance}, or
	 * invisible when null: what a "Sneaky Signature" update writes.
	 */
	public static void addEmptySignatureField(PDDocument document, Appearance appearance) throws IOException {
		PDAcroForm form = document.getDocumentCatalog().getAcroForm();
		if (form == null) {
			form = new PDAcroForm(document);
			document.getDocumentCatalog().setAcroForm(form);
		}
		PDSignatureField field = new PDSignatureField(form);
		field.setPartialName("Signature-a-venir");
		PDAnnotationWidget widget = field.getWidgets().get(0);
		PDPage page = document.getPage(0);
		if (appearance != null) {
			appearance.draw(document, widget, page);
		}
		else {
			widget.setRectangle(new PDRectangle(0, 0, 0, 0));
			widget.setPage(page);
		}
		form.getFields().add(field);
		page.getAnnotations().add(widget);
		page.getCOSObject().setNeedToBeUpdated(true);
		form.getCOSObject().setNeedToBeUpdated(true);
		document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
	}

}
