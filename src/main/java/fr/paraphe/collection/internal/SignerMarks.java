package fr.paraphe.collection.internal;

import java.util.ArrayList;
import java.util.List;

import fr.paraphe.pades.Mark;
import fr.paraphe.signing.PageSize;

/**
 * What one signer's signature draws on one document: a box at every place the preparer set (with the mention and
 * "Fait à …, le …" written above the signature's lines), and, when asked, the signer's initials on every page's
 * margin. All of them are widgets of the signer's one signature field, written in the signature's own update.
 * <p>
 * The initials of the signers of a collection sit side by side in the lower-right corner of each page, each signer
 * in their own slot (their position), so that no signer draws over another's initials; a slot that would cover a
 * signature box moves up the right margin.
 */
public final class SignerMarks {

	/** The initials' box, in points. */
	static final float INITIALS_WIDTH = 44;

	static final float INITIALS_HEIGHT = 20;

	/** Distance from the page's edges and between boxes, in points. */
	static final float EDGE = 6;

	private SignerMarks() {
	}

	/**
	 * @param own the signer's places on this document
	 * @param all every signer's places on this document, for the initials to keep clear of them
	 * @param slot the signer's slot for initials, from 0 (their position in the collection, minus one)
	 * @param pages the displayed size of each page of the document
	 * @param initials the initials to write on each page, or null for none
	 * @param handwritten the lines written above the signature in each box (mention, "Fait à …"), maybe empty
	 */
	public static List<Mark> of(List<Place> own, List<Place> all, int slot, List<PageSize> pages, String initials,
			List<String> handwritten) {
		List<Mark> marks = new ArrayList<>();
		for (Place place : own) {
			marks.add(new Mark(place.page(), place.x(), place.y(), place.width(), place.height(), handwritten, true));
		}
		if (initials != null && !initials.isBlank()) {
			for (int page = 1; page <= pages.size(); page++) {
				float[] box = initialsBox(pages.get(page - 1), slot, page, all);
				if (box != null) {
					marks.add(new Mark(page, box[0], box[1], box[2], box[3], List.of(initials), false));
				}
			}
		}
		return marks;
	}

	/** Where slot {@code slot}'s initials go on a page: x, y, width, height; null if the page has no room. */
	public static float[] initialsBox(PageSize page, int slot, int number, List<Place> places) {
		int perRow = Math.max(1, (int) ((page.width() - EDGE) / (INITIALS_WIDTH + EDGE)));
		int column = slot % perRow;
		int row = slot / perRow;
		float x = page.width() - (column + 1) * (INITIALS_WIDTH + EDGE);
		// Rows of every slot: a slot moved up by a box stays clear of the other slots' rows.
		int rows = (int) ((page.height() - EDGE) / (INITIALS_HEIGHT + EDGE));
		int slotsRows = Math.max(1, row + 1);
		for (int r = row; r < rows; r += slotsRows) {
			float y = EDGE + r * (INITIALS_HEIGHT + EDGE);
			if (x < 0 || y + INITIALS_HEIGHT > page.height()) {
				return null;
			}
			if (places.stream().noneMatch(place -> place.page() == number && overlaps(place, x, y))) {
				return new float[] { x, y, INITIALS_WIDTH, INITIALS_HEIGHT };
			}
		}
		return null;
	}

	private static boolean overlaps(Place place, float x, float y) {
		return x < place.x() + place.width() + EDGE && place.x() < x + INITIALS_WIDTH + EDGE
				&& y < place.y() + place.height() + EDGE && place.y() < y + INITIALS_HEIGHT + EDGE;
	}

	/** "Claire Martin" → "C. M."; at most three letters. */
	public static String initials(String name) {
		if (name == null) {
			return null;
		}
		StringBuilder out = new StringBuilder();
		int count = 0;
		for (String word : name.strip().split("[\\s-]+")) {
			if (word.isEmpty() || count == 3 || !Character.isLetter(word.codePointAt(0))) {
				continue;
			}
			if (!out.isEmpty()) {
				out.append(' ');
			}
			out.appendCodePoint(Character.toUpperCase(word.codePointAt(0))).append('.');
			count++;
		}
		return out.isEmpty() ? null : out.toString();
	}

}
