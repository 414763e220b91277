/** The sealing API ({@code POST /api/v1/seals}) and the firm owner's API key page. */
package fr.paraphe.signing.web;
