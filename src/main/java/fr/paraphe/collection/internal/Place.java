package fr.paraphe.collection.internal;

/**
 * Where a signer signs: a box on a page of a document, in PDF points from the displayed page's lower-left corner.
 *
 * @param document the document's number in the collection, from 1
 * @param page the page, from 1
 */
public record Place(int document, int page, float x, float y, float width, float height) {
}
