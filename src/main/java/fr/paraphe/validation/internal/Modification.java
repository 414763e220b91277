package fr.paraphe.validation.internal;

import java.util.List;

/**
 * One change made to the document after a signature.
 *
 * @param kind what changed
 * @param permitted true for the changes the standards allow after signing (later signatures, DSS dictionaries,
 * document time-stamps, form filling or comments the certification permits); such changes are listed but leave
 * the signature valid
 * @param pages the pages concerned, numbered from 1; empty when not about pages
 * @param detail a short technical detail (English), never shown alone to a non-specialist
 */
public record Modification(Kind kind, boolean permitted, List<Integer> pages, String detail) {

	public Modification {
		pages = pages == null ? List.of() : List.copyOf(pages);
	}

	/** The kinds of change, from the permitted ones to those that change what the reader sees. */
	public enum Kind {

		SIGNATURE_ADDED, DOCUMENT_TIMESTAMP_ADDED, DSS_DICTIONARY_ADDED, FORM_FILLED, ANNOTATION_ADDED,
		FORM_FIELD_ADDED, ANNOTATION_CHANGED, ANNOTATION_REMOVED, ANNOTATION_OVERLAP, PAGE_CONTENT_CHANGED,
		PAGES_ADDED_OR_REMOVED, VISUAL_DIFFERENCE, SIGNATURE_DICTIONARY_CHANGED, DOCUMENT_STRUCTURE_CHANGED,
		DOCMDP_VIOLATION, FIELDMDP_VIOLATION, UNDEFINED_CHANGE, UNSIGNED_DATA, NOT_COMPARABLE,

		/** A signature field without a value (/FT /Sig, no /V) added after signing: a form field, not a signature. */
		EMPTY_SIGNATURE_FIELD_ADDED,

		/** An empty signature field added after signing draws over the signed content of its page. */
		EMPTY_SIGNATURE_FIELD_OVER_CONTENT,

		/** A genuine later signature's widget draws over the signed content of its page. */
		SIGNATURE_OVER_CONTENT,

		/** A later document time-stamp's widget draws over the signed content of its page. */
		DOCUMENT_TIMESTAMP_OVER_CONTENT,

		/** A later document time-stamp has a visible appearance (text no signer vouches for). */
		VISIBLE_DOCUMENT_TIMESTAMP,

		/** The trailer's /Info or the catalog's XMP /Metadata changed after signing. */
		METADATA_CHANGED,

		/** The signed revision's cross-reference data does not parse strictly: what was signed is uncertain. */
		REVISION_XREF_NOT_STRICT,

		/** An update made a reference of the signed revision resolve to another object (or to none). */
		OBJECT_REDIRECTED,

		/** An update started showing an object that was present in the signed revision but referenced by nothing. */
		UNREFERENCED_OBJECT_USED

	}

}
