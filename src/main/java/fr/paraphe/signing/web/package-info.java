/** The sealing API ({@code POST /api/v1/seals}, {@code GET /api/v1/seals/{id}}) and the firm owner's API key page. */
package fr.paraphe.signing.web;
