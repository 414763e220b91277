package fr.paraphe.validation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.paraphe.validation.internal.Modification.Kind;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;

/**
 * Paraphe's own check of what changed after a signature: the signed revision (the file cut at the end of the
 * signature's byte range) and the final file, both as a viewer reads them, are compared object by object from
 * the catalog: pages and their content and resources, annotations and their appearances, form values, the
 * signature's own dictionary, and the catalog's other entries. Object numbers do not matter, contents do, so an
 * incremental update that points an object number somewhere else (which can hide a change from EU DSS, whose
 * modification detection reads the final revision through the same xref) is still seen. Only what differs is
 * reported, so an overlap that existed before signing is not.
 *
 * <p>
 * Permitted changes follow ISO 32000-1 §12.8.2.2 (DocMDP): with P=1 nothing but DSS dictionaries and document
 * time-stamps (ETSI EN 319 142-1 §5.4); with P=2 also form filling and signing; with P=3 also annotations. An
 * approval signature without certification permits later signatures only: form filling and comments change what
 * the reader sees, so they are reported as modifications.
 * </p>
 *
 * <p>
 * A later signature or document time-stamp is permitted as itself only (the overlay family, IEEE S&amp;P 2021): a
 * signature field without a value is an added form field; a new signature's widget may not draw over the signed
 * content ({@link WidgetCoverage}); a document time-stamp may not show anything. The trailer's /Info and the XMP
 * metadata are compared like the catalog's other entries.
 * </p>
 *
 * <p>
 * Bounded: at most {@code maxNodes} objects and {@code maxStreamBytes} raw (never decoded, so deflate bombs cost
 * nothing) stream bytes per comparison, a fixed depth, and loops cut; beyond that the comparison ends with a
 * {@link Kind#NOT_COMPARABLE} modification, which is never green.
 * </p>
 */
final class RevisionComparator {

	static final COSName DSS = COSName.getPDFName("DSS");

	static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");

	private static final COSName TRANSFORM_METHOD = COSName.getPDFName("TransformMethod");

	private static final COSName TRANSFORM_PARAMS = COSName.getPDFName("TransformParams");

	private static final COSName REFERENCE = COSName.getPDFName("Reference");

	private static final int MAX_DEPTH = 256;

	private static final Set<COSName> PAGE_EXCLUDED = Set.of(COSName.ANNOTS, COSName.PARENT, COSName.STRUCT_PARENTS,
			COSName.PIECE_INFO, COSName.LAST_MODIFIED, COSName.METADATA, COSName.RESOURCES, COSName.MEDIA_BOX,
			COSName.CROP_BOX, COSName.ROTATE);

	private static final Set<COSName> ANNOTATION_EXCLUDED = Set.of(COSName.P, COSName.PARENT, COSName.M, COSName.V,
			COSName.AP, COSName.AS);

	private static final Set<COSName> CATALOG_EXCLUDED = Set.of(COSName.PAGES, COSName.ACRO_FORM, DSS,
			COSName.METADATA, COSName.EXTENSIONS, COSName.VERSION);

	private final int maxNodes;

	private final long maxStreamBytes;

	RevisionComparator(int maxNodes, long maxStreamBytes) {
		this.maxNodes = maxNodes;
		this.maxStreamBytes = maxStreamBytes;
	}

	/**
	 * What a comparison found.
	 *
	 * @param rendersIdentically true when every page, annotation, appearance and document-level entry a viewer
	 * uses to draw the pages is identical, except annotations added with no visible area (invisible signatures)
	 * and validation data: the signed revision and the file then render identically, so rendering them to find
	 * visual differences (EU DSS's costliest step) can be skipped
	 * @param everyDifferenceJudged true when, besides what {@code rendersIdentically} allows, the only visible
	 * differences are widgets of signatures added later whose footprint Paraphe rendered and measured over blank
	 * paper only ({@link WidgetCoverage.Result#BLANK_AREA_ONLY}): every pixel that can differ between the signed
	 * revision and the file has then been judged, and DSS's own rendering could only find those same widgets
	 */
	record Comparison(List<Modification> modifications, boolean rendersIdentically, boolean everyDifferenceJudged) {
	}

	/**
	 * What changed between {@code signed} (the revision a signature covers) and {@code current} (the whole file).
	 *
	 * @param byteRange the signature's /ByteRange, to find its dictionary in both
	 */
	List<Modification> compare(PDDocument signed, PDDocument current, long[] byteRange) {
		return compareRevision(signed, current, byteRange).modifications();
	}

	Comparison compareRevision(PDDocument signed, PDDocument current, long[] byteRange) {
		invisibleAdditions = 0;
		measuredAdditions = 0;
		signedDocument = signed;
		currentDocument = current;
		signedRenderings.clear();
		Hasher before = new Hasher(new Budget(maxNodes, maxStreamBytes));
		Hasher after = new Hasher(new Budget(maxNodes, maxStreamBytes));
		List<Modification> found = new ArrayList<>();
		try {
			int permission = certificationLevel(signed);
			compareSignatureDictionary(signed, current, byteRange, before, after, found);
			comparePages(signed, current, permission, before, after, found);
			compareCatalog(signed, current, before, after, found);
			if (permission == 1) {
				// ISO 32000-1 Table 254, P=1: no change at all, except what ETSI EN 319 142-1 §5.4 adds for LTV.
				found.replaceAll(modification -> modification.kind() != Kind.DSS_DICTIONARY_ADDED
						&& modification.kind() != Kind.DOCUMENT_TIMESTAMP_ADDED && !OVERLAYS.contains(modification.kind())
								? new Modification(Kind.DOCMDP_VIOLATION, false, modification.pages(),
										"certified with P=1 (no change permitted): " + modification.kind())
								: modification);
			}
		}
		catch (TooComplexException ex) {
			found.add(new Modification(Kind.NOT_COMPARABLE, false, List.of(), ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// A structure PDFBox cannot walk (page-tree loop, broken object): not comparable, never green.
			found.add(new Modification(Kind.NOT_COMPARABLE, false, List.of(),
					"structure could not be compared: " + ex.getClass().getSimpleName()));
		}
		long signaturesAdded = found.stream()
			.filter(m -> m.kind() == Kind.SIGNATURE_ADDED || m.kind() == Kind.DOCUMENT_TIMESTAMP_ADDED)
			.count();
		boolean onlyAdditions = found.stream()
			.allMatch(m -> m.kind() == Kind.DSS_DICTIONARY_ADDED || m.kind() == Kind.SIGNATURE_ADDED
					|| m.kind() == Kind.DOCUMENT_TIMESTAMP_ADDED);
		return new Comparison(found, onlyAdditions && signaturesAdded == invisibleAdditions,
				onlyAdditions && signaturesAdded == invisibleAdditions + measuredAdditions);
	}

	/** Signature widgets added in this comparison that draw nothing (no area, or hidden). */
	private int invisibleAdditions;

	/** Signature widgets added in this comparison that draw, measured on blank paper only. */
	private int measuredAdditions;

	/** The documents of the comparison under way, for rendering what a widget covers. */
	private PDDocument signedDocument;

	private PDDocument currentDocument;

	private final Map<Integer, java.awt.image.BufferedImage> signedRenderings = new java.util.HashMap<>();

	/** Findings about what a later widget draws: they keep their kind under P=1, the sentence says more. */
	private static final Set<Kind> OVERLAYS = Set.of(Kind.EMPTY_SIGNATURE_FIELD_ADDED,
			Kind.EMPTY_SIGNATURE_FIELD_OVER_CONTENT, Kind.SIGNATURE_OVER_CONTENT, Kind.DOCUMENT_TIMESTAMP_OVER_CONTENT,
			Kind.VISIBLE_DOCUMENT_TIMESTAMP);

	/** ISO 32000-1 §12.8.2.2.2: the /P of the DocMDP transform the catalog's /Perms names; 0 if not certified. */
	static int certificationLevel(PDDocument document) {
		COSDictionary perms = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
		if (perms == null) {
			return 0;
		}
		COSDictionary signature = perms.getCOSDictionary(COSName.DOCMDP);
		if (signature == null) {
			return 0;
		}
		COSArray references = signature.getCOSArray(REFERENCE);
		if (references == null) {
			return 2;
		}
		for (int i = 0; i < Math.min(references.size(), 16); i++) {
			if (references.getObject(i) instanceof COSDictionary reference
					&& COSName.DOCMDP.equals(reference.getCOSName(TRANSFORM_METHOD))) {
				COSDictionary params = reference.getCOSDictionary(TRANSFORM_PARAMS);
				int p = params == null ? 2 : params.getInt(COSName.P, 2);
				return p >= 1 && p <= 3 ? p : 2;
			}
		}
		return 2;
	}

	private void compareSignatureDictionary(PDDocument signed, PDDocument current, long[] byteRange, Hasher before,
			Hasher after, List<Modification> found) {
		COSDictionary original = SignatureDictionaries.find(signed, byteRange);
		COSDictionary now = SignatureDictionaries.find(current, byteRange);
		if (original == null || now == null) {
			found.add(new Modification(Kind.SIGNATURE_DICTIONARY_CHANGED, false, List.of(),
					"the signature dictionary is no longer referenced by a signature field"));
			return;
		}
		if (!Arrays.equals(before.hash(original, Set.of()), after.hash(now, Set.of()))) {
			found.add(new Modification(Kind.SIGNATURE_DICTIONARY_CHANGED, false, List.of(),
					"the signature dictionary (/Reason, /M, /Name...) was redefined after signing"));
		}
	}

	private void comparePages(PDDocument signed, PDDocument current, int permission, Hasher before, Hasher after,
			List<Modification> found) {
		List<PDPage> pagesBefore = pages(signed);
		List<PDPage> pagesAfter = pages(current);
		if (pagesBefore.size() != pagesAfter.size()) {
			found.add(new Modification(Kind.PAGES_ADDED_OR_REMOVED, false, List.of(),
					pagesBefore.size() + " page(s) signed, " + pagesAfter.size() + " now"));
		}
		for (int i = 0; i < Math.min(pagesBefore.size(), pagesAfter.size()); i++) {
			int number = i + 1;
			PDPage pageBefore = pagesBefore.get(i);
			PDPage pageAfter = pagesAfter.get(i);
			if (!Arrays.equals(pageHash(pageBefore, before), pageHash(pageAfter, after))) {
				found.add(new Modification(Kind.PAGE_CONTENT_CHANGED, false, List.of(number),
						"page content, resources or boxes differ"));
			}
			compareAnnotations(annotations(pageBefore, before), annotations(pageAfter, after), number, permission,
					found);
		}
	}

	private static List<PDPage> pages(PDDocument document) {
		List<PDPage> pages = new ArrayList<>();
		for (PDPage page : document.getPages()) {
			pages.add(page);
			if (pages.size() > 100_000) {
				throw new TooComplexException("more than 100000 pages");
			}
		}
		return pages;
	}

	private static byte[] pageHash(PDPage page, Hasher hasher) {
		MessageDigest digest = sha256();
		digest.update(String.valueOf(page.getMediaBox()).getBytes(StandardCharsets.UTF_8));
		digest.update(String.valueOf(page.getCropBox()).getBytes(StandardCharsets.UTF_8));
		digest.update(Integer.toString(page.getRotation()).getBytes(StandardCharsets.UTF_8));
		digest.update(hasher.hash(page.getCOSObject(), PAGE_EXCLUDED));
		PDResources resources = page.getResources();
		digest.update(resources == null ? new byte[1] : hasher.hash(resources.getCOSObject(), Set.of()));
		return digest.digest();
	}

	private void compareAnnotations(Map<String, AnnotationState> before, Map<String, AnnotationState> after,
			int page, int permission, List<Modification> found) {
		Set<COSDictionary> addedOrChanged = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
		for (Map.Entry<String, AnnotationState> entry : after.entrySet()) {
			AnnotationState then = before.get(entry.getKey());
			AnnotationState now = entry.getValue();
			if (then == null || !Arrays.equals(then.base(), now.base())
					|| !Arrays.equals(then.appearance(), now.appearance())) {
				addedOrChanged.add(now.dictionary());
			}
		}
		for (Map.Entry<String, AnnotationState> entry : after.entrySet()) {
			AnnotationState now = entry.getValue();
			AnnotationState then = before.get(entry.getKey());
			List<Integer> pages = List.of(page);
			if (then == null) {
				if (now.signatureField() && now.signed()) {
					found.addAll(signatureAdded(now, pages, page, addedOrChanged));
				}
				else if (now.signatureField()) {
					// A signature field without a value is a form field, not a signature (Rohlmann et al., S&P 2021).
					found.add(emptySignatureField(now, pages, page, addedOrChanged));
				}
				else if (now.widget()) {
					found.add(new Modification(Kind.FORM_FIELD_ADDED, false, pages,
							"form field " + now.fieldName() + " added after signing"));
				}
				else {
					found.add(new Modification(Kind.ANNOTATION_ADDED, permission == 3, pages,
							now.subtype() + " annotation added after signing"));
				}
				continue;
			}
			if (!Arrays.equals(then.base(), now.base())) {
				found.add(new Modification(Kind.ANNOTATION_CHANGED, false, pages,
						now.subtype() + " annotation redefined (position, flags or content)"));
			}
			else if (now.signatureField()) {
				if (!then.signed() && now.signed()) {
					// A field prepared before signing, signed since: its new appearance is judged as a new widget's.
					found.addAll(signatureAdded(now, pages, page, addedOrChanged));
				}
				else if (!Arrays.equals(then.value(), now.value())) {
					found.add(new Modification(Kind.SIGNATURE_DICTIONARY_CHANGED, false, pages,
							"the value of signature field " + now.fieldName() + " was replaced"));
				}
				else if (!Arrays.equals(then.appearance(), now.appearance())) {
					found.add(new Modification(Kind.ANNOTATION_CHANGED, false, pages,
							"the appearance of signature field " + now.fieldName() + " was replaced"));
				}
			}
			else if (now.widget()) {
				if (!Arrays.equals(then.value(), now.value())) {
					found.add(new Modification(Kind.FORM_FILLED, permission == 2 || permission == 3, pages,
							"form field " + now.fieldName() + " filled or changed"));
				}
				else if (!Arrays.equals(then.appearance(), now.appearance())) {
					found.add(new Modification(Kind.ANNOTATION_CHANGED, false, pages,
							"the appearance of form field " + now.fieldName() + " was replaced"));
				}
			}
			else if (!Arrays.equals(then.appearance(), now.appearance())) {
				found.add(new Modification(Kind.ANNOTATION_CHANGED, false, pages,
						"the appearance of a " + now.subtype() + " annotation was replaced"));
			}
		}
		for (Map.Entry<String, AnnotationState> entry : before.entrySet()) {
			if (!after.containsKey(entry.getKey())) {
				found.add(new Modification(Kind.ANNOTATION_REMOVED, false, List.of(page),
						entry.getValue().subtype() + " annotation removed after signing"));
			}
		}
	}

	/**
	 * A later signature or document time-stamp is permitted as itself only: its widget may not draw over the signed
	 * content, and a document time-stamp, which no signer vouches for, may not show anything at all.
	 */
	private List<Modification> signatureAdded(AnnotationState annotation, List<Integer> pages, int page,
			Set<COSDictionary> addedOrChanged) {
		List<Modification> found = new ArrayList<>();
		found.add(annotation.documentTimestamp()
				? new Modification(Kind.DOCUMENT_TIMESTAMP_ADDED, true, pages, "document time-stamp added")
				: new Modification(Kind.SIGNATURE_ADDED, true, pages,
						"signature field " + annotation.fieldName() + " signed"));
		WidgetCoverage.Result drawn = drawn(annotation, page, addedOrChanged);
		if (drawn == WidgetCoverage.Result.NOTHING) {
			invisibleAdditions++;
		}
		else if (drawn == WidgetCoverage.Result.SIGNED_CONTENT) {
			found.add(annotation.documentTimestamp()
					? new Modification(Kind.DOCUMENT_TIMESTAMP_OVER_CONTENT, false, pages,
							"the widget of document time-stamp " + annotation.fieldName()
									+ " draws over the signed content")
					: new Modification(Kind.SIGNATURE_OVER_CONTENT, false, pages,
							"the widget of signature " + annotation.fieldName() + " draws over the signed content"));
		}
		else if (annotation.documentTimestamp()) {
			found.add(new Modification(Kind.VISIBLE_DOCUMENT_TIMESTAMP, false, pages,
					"document time-stamp " + annotation.fieldName() + " has a visible appearance"));
		}
		else {
			measuredAdditions++;
		}
		return found;
	}

	private Modification emptySignatureField(AnnotationState annotation, List<Integer> pages, int page,
			Set<COSDictionary> addedOrChanged) {
		return drawn(annotation, page, addedOrChanged) == WidgetCoverage.Result.SIGNED_CONTENT
				? new Modification(Kind.EMPTY_SIGNATURE_FIELD_OVER_CONTENT, false, pages,
						"signature field " + annotation.fieldName() + " has no value and draws over the signed content")
				: new Modification(Kind.EMPTY_SIGNATURE_FIELD_ADDED, false, pages,
						"signature field " + annotation.fieldName() + " added without a value (a form field)");
	}

	private WidgetCoverage.Result drawn(AnnotationState annotation, int page, Set<COSDictionary> addedOrChanged) {
		if (annotation.invisible()) {
			return WidgetCoverage.Result.NOTHING;
		}
		return WidgetCoverage.of(signedDocument, currentDocument, page - 1, annotation.dictionary(), addedOrChanged,
				signedRenderings);
	}

	private void compareCatalog(PDDocument signed, PDDocument current, Hasher before, Hasher after,
			List<Modification> found) {
		COSDictionary catalogBefore = signed.getDocumentCatalog().getCOSObject();
		COSDictionary catalogAfter = current.getDocumentCatalog().getCOSObject();
		if (!Arrays.equals(before.hash(catalogBefore, CATALOG_EXCLUDED), after.hash(catalogAfter, CATALOG_EXCLUDED))) {
			found.add(new Modification(Kind.DOCUMENT_STRUCTURE_CHANGED, false, List.of(),
					"document-level entries (actions, names, optional content, permissions...) changed"));
		}
		// Document metadata a viewer shows (File > Properties, the window title with /DisplayDocTitle): the trailer's
		// /Info and the catalog's XMP stream were signed like the rest.
		COSBase infoBefore = signed.getDocument().getTrailer().getDictionaryObject(COSName.INFO);
		COSBase infoAfter = current.getDocument().getTrailer().getDictionaryObject(COSName.INFO);
		COSBase xmpBefore = catalogBefore.getDictionaryObject(COSName.METADATA);
		COSBase xmpAfter = catalogAfter.getDictionaryObject(COSName.METADATA);
		if (!Arrays.equals(before.hash(infoBefore, Set.of()), after.hash(infoAfter, Set.of()))) {
			found.add(new Modification(Kind.METADATA_CHANGED, false, List.of(),
					"the trailer's /Info (title, author...) changed after signing"));
		}
		if (!Arrays.equals(before.hash(xmpBefore, Set.of()), after.hash(xmpAfter, Set.of()))) {
			found.add(new Modification(Kind.METADATA_CHANGED, false, List.of(),
					"the document's XMP metadata changed after signing"));
		}
		COSDictionary formBefore = catalogBefore.getCOSDictionary(COSName.ACRO_FORM);
		COSDictionary formAfter = catalogAfter.getCOSDictionary(COSName.ACRO_FORM);
		for (COSName key : List.of(COSName.NEED_APPEARANCES, COSName.XFA)) {
			COSBase valueBefore = formBefore == null ? null : formBefore.getDictionaryObject(key);
			COSBase valueAfter = formAfter == null ? null : formAfter.getDictionaryObject(key);
			if (!Arrays.equals(before.hash(valueBefore, Set.of()), after.hash(valueAfter, Set.of()))) {
				found.add(new Modification(Kind.DOCUMENT_STRUCTURE_CHANGED, false, List.of(),
						"interactive form /" + key.getName() + " changed"));
			}
		}
		COSBase dssBefore = catalogBefore.getDictionaryObject(DSS);
		COSBase dssAfter = catalogAfter.getDictionaryObject(DSS);
		if (dssAfter != null && !Arrays.equals(before.hash(dssBefore, Set.of()), after.hash(dssAfter, Set.of()))) {
			found.add(new Modification(Kind.DSS_DICTIONARY_ADDED, true, List.of(),
					"validation data (DSS dictionary) added"));
		}
		else if (dssBefore != null && dssAfter == null) {
			found.add(new Modification(Kind.DOCUMENT_STRUCTURE_CHANGED, false, List.of(),
					"validation data (DSS dictionary) removed"));
		}
	}

	/** The annotations of a page, keyed by object number when indirect (stable across incremental updates). */
	private static Map<String, AnnotationState> annotations(PDPage page, Hasher hasher) {
		Map<String, AnnotationState> annotations = new LinkedHashMap<>();
		COSBase annots = page.getCOSObject().getDictionaryObject(COSName.ANNOTS);
		if (!(annots instanceof COSArray array)) {
			return annotations;
		}
		for (int i = 0; i < array.size(); i++) {
			COSBase element = array.get(i);
			String key = element instanceof COSObject object && object.getKey() != null
					? object.getKey().getNumber() + " " + object.getKey().getGeneration() : "direct " + i;
			COSBase resolved = element instanceof COSObject object ? object.getObject() : element;
			if (resolved instanceof COSDictionary annotation) {
				annotations.put(key, AnnotationState.of(annotation, hasher));
			}
		}
		return annotations;
	}

	/**
	 * @param signed whether the field holds a signature value (a dictionary): a signature field without one is an
	 * empty field, a form field like any other
	 */
	private record AnnotationState(COSDictionary dictionary, String subtype, boolean widget, boolean signatureField,
			boolean signed, boolean documentTimestamp, String fieldName, byte[] base, byte[] appearance, byte[] value,
			boolean invisible) {

		static AnnotationState of(COSDictionary annotation, Hasher hasher) {
			COSName subtype = annotation.getCOSName(COSName.SUBTYPE);
			boolean widget = COSName.WIDGET.equals(subtype);
			COSName fieldType = null;
			COSBase value = null;
			StringBuilder name = new StringBuilder();
			if (widget) {
				COSDictionary node = annotation;
				IdentityHashMap<COSDictionary, Boolean> seen = new IdentityHashMap<>();
				for (int depth = 0; node != null && depth < 64 && seen.put(node, Boolean.TRUE) == null; depth++) {
					if (fieldType == null) {
						fieldType = node.getCOSName(COSName.FT);
					}
					if (value == null) {
						value = node.getDictionaryObject(COSName.V);
					}
					String partial = node.getString(COSName.T);
					if (partial != null) {
						name.insert(0, name.isEmpty() ? partial : partial + ".");
					}
					node = node.getCOSDictionary(COSName.PARENT);
				}
			}
			boolean signatureField = COSName.SIG.equals(fieldType);
			boolean documentTimestamp = signatureField && value instanceof COSDictionary dictionary
					&& DOC_TIME_STAMP.equals(dictionary.getCOSName(COSName.TYPE));
			MessageDigest appearance = sha256();
			appearance.update(hasher.hash(annotation.getDictionaryObject(COSName.AP), Set.of()));
			appearance.update(hasher.hash(annotation.getDictionaryObject(COSName.AS), Set.of()));
			return new AnnotationState(annotation, subtype == null ? "unknown" : subtype.getName(), widget,
					signatureField, signatureField && value instanceof COSDictionary, documentTimestamp, name.isEmpty() ? "(unnamed)" : name.toString(),
					hasher.hash(annotation, ANNOTATION_EXCLUDED), appearance.digest(),
					value == null ? null : hasher.hash(value, Set.of()), invisible(annotation));
		}

		/** ISO 32000-1 §12.5.3: a zero-area rectangle, or the Hidden or NoView flag, draws nothing. */
		private static boolean invisible(COSDictionary annotation) {
			int flags = annotation.getInt(COSName.F, 0);
			if ((flags & 2) != 0 || (flags & 32) != 0) {
				return true;
			}
			COSArray rect = annotation.getCOSArray(COSName.RECT);
			if (rect == null || rect.size() != 4) {
				return true;
			}
			float[] values = rect.toFloatArray();
			return values.length != 4 || Math.abs(values[2] - values[0]) < 0.01f || Math.abs(values[3] - values[1]) < 0.01f;
		}

	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The comparison went past its limits. */
	static final class TooComplexException extends RuntimeException {

		TooComplexException(String message) {
			super(message);
		}

	}

	/** What one comparison may spend on one document. */
	private static final class Budget {

		private int nodes;

		private long streamBytes;

		Budget(int nodes, long streamBytes) {
			this.nodes = nodes;
			this.streamBytes = streamBytes;
		}

		void node() {
			if (--nodes < 0) {
				throw new TooComplexException("too many objects to compare");
			}
			if ((nodes & 0x3ff) == 0 && Thread.currentThread().isInterrupted()) {
				throw new TooComplexException("comparison interrupted (time limit)");
			}
		}

		void bytes(long count) {
			streamBytes -= count;
			if (streamBytes < 0) {
				throw new TooComplexException("too many stream bytes to compare");
			}
		}

	}

	/**
	 * A digest of an object and everything it reaches, independent of object numbers: dictionaries by sorted
	 * keys, streams by their raw (still encoded) bytes, loops as back-references. /Parent and page references
	 * (/P) are not followed: they point up, to what the comparison walks anyway.
	 */
	static final class Hasher {

		private final Budget budget;

		private final Map<COSStream, byte[]> streams = new IdentityHashMap<>();

		private Hasher(Budget budget) {
			this.budget = budget;
		}

		byte[] hash(COSBase base, Set<COSName> excludedAtTop) {
			MessageDigest digest = sha256();
			update(digest, base, new IdentityHashMap<>(), excludedAtTop, 0);
			return digest.digest();
		}

		private void update(MessageDigest digest, COSBase base, IdentityHashMap<COSBase, Integer> seen,
				Set<COSName> excluded, int depth) {
			budget.node();
			if (depth > MAX_DEPTH) {
				throw new TooComplexException("objects nested too deeply");
			}
			COSBase value = base instanceof COSObject object ? object.getObject() : base;
			if (value == null || value instanceof COSNull) {
				digest.update((byte) 'z');
				return;
			}
			if (value instanceof COSDictionary || value instanceof COSArray) {
				Integer previous = seen.get(value);
				if (previous != null) {
					digest.update(("R" + previous).getBytes(StandardCharsets.US_ASCII));
					return;
				}
				seen.put(value, seen.size());
			}
			if (value instanceof COSDictionary dictionary) {
				digest.update(value instanceof COSStream ? (byte) 'S' : (byte) 'D');
				List<COSName> keys = new ArrayList<>(dictionary.keySet());
				keys.sort(null);
				for (COSName key : keys) {
					if (excluded.contains(key) || COSName.PARENT.equals(key)
							|| (value instanceof COSStream && COSName.LENGTH.equals(key))) {
						continue;
					}
					COSBase entry = dictionary.getItem(key);
					if (COSName.P.equals(key) && (entry instanceof COSObject || entry instanceof COSDictionary)) {
						continue;
					}
					digest.update(("/" + key.getName()).getBytes(StandardCharsets.UTF_8));
					update(digest, entry, seen, Set.of(), depth + 1);
				}
				if (value instanceof COSStream stream) {
					digest.update(streamDigest(stream));
				}
				digest.update((byte) 'e');
			}
			else if (value instanceof COSArray array) {
				digest.update((byte) '[');
				for (int i = 0; i < array.size(); i++) {
					update(digest, array.get(i), seen, Set.of(), depth + 1);
				}
				digest.update((byte) ']');
			}
			else if (value instanceof COSString string) {
				digest.update((byte) 's');
				digest.update(Integer.toString(string.getBytes().length).getBytes(StandardCharsets.US_ASCII));
				digest.update((byte) ':');
				digest.update(string.getBytes());
			}
			else if (value instanceof COSName name) {
				digest.update(("n/" + name.getName() + " ").getBytes(StandardCharsets.UTF_8));
			}
			else if (value instanceof COSInteger integer) {
				digest.update(("i" + integer.longValue() + " ").getBytes(StandardCharsets.US_ASCII));
			}
			else if (value instanceof COSFloat number) {
				digest.update(("f" + number.floatValue() + " ").getBytes(StandardCharsets.US_ASCII));
			}
			else if (value instanceof COSBoolean bool) {
				digest.update(bool.getValue() ? (byte) 'T' : (byte) 'F');
			}
			else {
				digest.update(("?" + value.getClass().getSimpleName()).getBytes(StandardCharsets.US_ASCII));
			}
		}

		private byte[] streamDigest(COSStream stream) {
			byte[] known = streams.get(stream);
			if (known != null) {
				return known;
			}
			MessageDigest digest = sha256();
			try (InputStream raw = stream.createRawInputStream()) {
				byte[] buffer = new byte[16384];
				int read;
				while ((read = raw.read(buffer)) > 0) {
					budget.bytes(read);
					digest.update(buffer, 0, read);
				}
			}
			catch (IOException ex) {
				digest.update("unreadable stream".getBytes(StandardCharsets.US_ASCII));
			}
			byte[] result = digest.digest();
			streams.put(stream, result);
			return result;
		}

	}

}
