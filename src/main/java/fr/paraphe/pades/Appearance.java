package fr.paraphe.pades;

/**
 * Where a visible signature goes: a box on a page, in PDF points from the page's lower-left corner, or an
 * existing empty signature field by name (then the box is ignored).
 *
 * @param page 1-based page number
 * @param fieldName an existing empty signature field to fill, or null
 */
public record Appearance(int page, float x, float y, float width, float height, String fieldName) {

	/** The default box, in points: its lower-left corner half an inch from the page's, 220 × 70. */
	public static final float DEFAULT_X = 36;

	public static final float DEFAULT_Y = 36;

	public static final float DEFAULT_WIDTH = 220;

	public static final float DEFAULT_HEIGHT = 70;

	/**
	 * A box on {@code page} whose missing parts (null) take the default box's: the one rule of the pages and the
	 * API for a partly given placement.
	 */
	public static Appearance boxOrDefault(int page, Float x, Float y, Float width, Float height) {
		return box(page, x == null ? DEFAULT_X : x, y == null ? DEFAULT_Y : y, width == null ? DEFAULT_WIDTH : width,
				height == null ? DEFAULT_HEIGHT : height);
	}

	public static Appearance box(int page, float x, float y, float width, float height) {
		return new Appearance(page, x, y, width, height, null);
	}

	public static Appearance field(String name) {
		return new Appearance(1, 0, 0, 0, 0, name);
	}

}
