package fr.paraphe.pades;

import java.util.List;

/**
 * One drawing of a signature: a widget of the signature's own field, written in the signature's incremental
 * update. A signature with several marks has one field whose widgets are on several pages (ISO 32000-1 §12.7.3.1:
 * a field's widgets are its /Kids), so that everything drawn is covered by the signature itself and later
 * validators see it as that signature's appearance, never as a change to the page.
 *
 * @param page 1-based page number
 * @param x from the displayed page's lower-left corner, in points (as {@link Appearance})
 * @param handwritten lines written as by hand (dark blue, slanted) at the top of the box: a mention ("Lu et
 * approuvé"), "Fait à …, le …", or the signer's initials
 * @param withSignature true to write the usual "Signé électroniquement par …" lines under them
 */
public record Mark(int page, float x, float y, float width, float height, List<String> handwritten,
		boolean withSignature) {

	public Mark {
		handwritten = handwritten == null ? List.of() : List.copyOf(handwritten);
	}

	/** The box of this mark, for the placement rules shared with {@link Appearance}. */
	public Appearance box() {
		return Appearance.box(page, x, y, width, height);
	}

}
