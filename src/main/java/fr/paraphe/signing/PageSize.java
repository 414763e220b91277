package fr.paraphe.signing;

/** A page as a reader sees it (crop box, turned by the page's /Rotate), in PDF points. */
public record PageSize(float width, float height) {

	/** Whether a box, in points from the displayed page's lower-left corner, lies inside the page. */
	public boolean contains(float x, float y, float boxWidth, float boxHeight) {
		return x >= 0 && y >= 0 && x + boxWidth <= width && y + boxHeight <= height;
	}

}
