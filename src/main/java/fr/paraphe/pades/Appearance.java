package fr.paraphe.pades;

/**
 * Where a visible signature goes: a box on a page, in PDF points from the page's lower-left corner, or an
 * existing empty signature field by name (then the box is ignored).
 *
 * @param page 1-based page number
 * @param fieldName an existing empty signature field to fill, or null
 */
public record Appearance(int page, float x, float y, float width, float height, String fieldName) {

	public static Appearance box(int page, float x, float y, float width, float height) {
		return new Appearance(page, x, y, width, height, null);
	}

	public static Appearance field(String name) {
		return new Appearance(1, 0, 0, 0, 0, name);
	}

}
