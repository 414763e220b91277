package fr.paraphe.validation.internal;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import fr.paraphe.validation.internal.Modification.Kind;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Which indirect objects a revision uses — reachable from its trailer's /Root and /Info — and, for each, what it
 * is (catalog, page, content stream, annotation, appearance stream, XObject, form field...) and on which page it is
 * first met. Comparing these between a signed revision and the final file, with the cross-reference entries of
 * both ({@link CrossReferences}), finds the "hide" class of shadow attacks (Mainka, Mladenov, Rohlmann, Schwenk,
 * NDSS 2021), whose updates write few or no objects and only change which object a number resolves to.
 */
final class ObjectUses {

	/** How an object is used: its role and the page (1-based, 0 when not under a page). */
	record Use(String role, int page) {
	}

	private static final int MAX_DEPTH = 256;

	private final Map<Long, Use> uses = new HashMap<>();

	private final IdentityHashMap<COSBase, Boolean> seenDirect = new IdentityHashMap<>();

	private final Map<COSDictionary, Integer> pageNumbers = new IdentityHashMap<>();

	private int budget;

	private ObjectUses(int budget) {
		this.budget = budget;
	}

	/** The uses of {@code document}'s objects, by object number, within {@code budget} visited objects. */
	static Map<Long, Use> of(PDDocument document, int budget) {
		ObjectUses walk = new ObjectUses(budget);
		int number = 0;
		for (PDPage page : document.getPages()) {
			walk.pageNumbers.put(page.getCOSObject(), ++number);
			if (number > 100_000) {
				throw new RevisionComparator.TooComplexException("more than 100000 pages");
			}
		}
		COSDictionary trailer = document.getDocument().getTrailer();
		walk.visit(trailer.getItem(COSName.ROOT), "catalog", 0, 0);
		walk.visit(trailer.getItem(COSName.INFO), "document information", 0, 0);
		return walk.uses;
	}

	private void visit(COSBase base, String role, int page, int depth) {
		if (base == null) {
			return;
		}
		if (--budget < 0) {
			throw new RevisionComparator.TooComplexException("too many objects to compare");
		}
		if (depth > MAX_DEPTH) {
			throw new RevisionComparator.TooComplexException("objects nested too deeply");
		}
		COSBase value = base;
		if (base instanceof COSObject object) {
			if (object.getKey() != null) {
				if (uses.containsKey(object.getKey().getNumber())) {
					return;
				}
				value = object.getObject();
				Integer pageNumber = value instanceof COSDictionary dictionary ? pageNumbers.get(dictionary) : null;
				uses.put(object.getKey().getNumber(),
						new Use(pageNumber != null ? "page" : role, pageNumber != null ? pageNumber : page));
			}
			else {
				value = object.getObject();
			}
		}
		if (!(value instanceof COSDictionary) && !(value instanceof COSArray)) {
			return;
		}
		if (seenDirect.put(value, Boolean.TRUE) != null) {
			return;
		}
		if (value instanceof COSDictionary dictionary) {
			Integer pageNumber = pageNumbers.get(dictionary);
			int here = pageNumber != null ? pageNumber : page;
			String current = pageNumber != null ? "page" : role;
			// The page tree first, so that what hangs under a page is attributed to it.
			COSBase pages = dictionary.getItem(COSName.PAGES);
			if (pages != null) {
				visit(pages, "page tree", here, depth + 1);
			}
			for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
				COSName key = entry.getKey();
				if (COSName.PARENT.equals(key) || COSName.PAGES.equals(key)) {
					continue;
				}
				visit(entry.getValue(), role(key, current), here, depth + 1);
			}
		}
		else {
			for (COSBase element : (COSArray) value) {
				visit(element, role, page, depth + 1);
			}
		}
	}

	private static String role(COSName key, String parent) {
		return switch (key.getName()) {
			case "Contents" -> "content stream";
			case "XObject" -> "XObject";
			case "Annots" -> "annotation";
			case "AP" -> "appearance stream";
			case "Font" -> "font";
			case "AcroForm" -> "form";
			case "Fields", "Kids" -> "page".equals(parent) || "page tree".equals(parent) ? parent : "form field";
			case "V" -> "form field".equals(parent) || "annotation".equals(parent) ? "field value" : parent;
			case "Metadata" -> "metadata";
			default -> parent;
		};
	}

	/**
	 * What the updates after a signed revision did to the objects the final file uses, seen through the
	 * cross-reference data: a signed object marked free but still used (viewers read null, PDFBox the signed
	 * object), re-pointed at other bytes of the signed revision, or an object of the signed revision that nothing
	 * used there and the final file now shows. Each is reported once per kind and role, with its pages.
	 */
	static List<Modification> compare(CrossReferences signed, Map<Long, Use> signedUses, long signedLength,
			CrossReferences current, Map<Long, Use> currentUses) {
		Map<String, java.util.TreeSet<Integer>> pages = new java.util.LinkedHashMap<>();
		Map<String, StringBuilder> objects = new java.util.LinkedHashMap<>();
		for (Map.Entry<Long, Use> entry : currentUses.entrySet()) {
			long number = entry.getKey();
			CrossReferences.Entry before = signed.entry(number);
			CrossReferences.Entry after = current.entry(number);
			if (before == null || before.type() == 'f' || after == null) {
				continue;
			}
			Kind kind = null;
			String how = null;
			if (after.type() == 'f') {
				kind = Kind.OBJECT_REDIRECTED;
				how = "marked free by a later update but still referenced";
			}
			else if (!after.equals(before) && withinSigned(after, current, signedLength)) {
				kind = Kind.OBJECT_REDIRECTED;
				how = "re-pointed by a later update at other bytes of the signed revision";
			}
			else if (after.equals(before) && !signedUses.containsKey(number)) {
				kind = Kind.UNREFERENCED_OBJECT_USED;
				how = "present but unused in the signed revision, used now";
			}
			if (kind != null) {
				String group = kind.name() + "|" + entry.getValue().role() + "|" + how;
				java.util.TreeSet<Integer> onPages = pages.computeIfAbsent(group, key -> new java.util.TreeSet<>());
				if (entry.getValue().page() > 0) {
					onPages.add(entry.getValue().page());
				}
				StringBuilder list = objects.computeIfAbsent(group, key -> new StringBuilder());
				if (list.length() < 60) {
					list.append(list.isEmpty() ? "" : ", ").append(number);
				}
			}
		}
		List<Modification> found = new java.util.ArrayList<>();
		for (Map.Entry<String, java.util.TreeSet<Integer>> group : pages.entrySet()) {
			String[] parts = group.getKey().split("\\|");
			found.add(new Modification(Kind.valueOf(parts[0]), false, List.copyOf(group.getValue()),
					parts[1] + " (object " + objects.get(group.getKey()) + ") " + parts[2]));
		}
		return found;
	}

	private static boolean withinSigned(CrossReferences.Entry entry, CrossReferences current, long signedLength) {
		if (entry.type() == 'n') {
			return entry.offset() < signedLength;
		}
		CrossReferences.Entry container = current.entry(entry.offset());
		return container != null && container.type() == 'n' && container.offset() < signedLength;
	}

}
