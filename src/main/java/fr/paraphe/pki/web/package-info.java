/**
 * The PKI over HTTP: publication of certificates and CRLs, the OCSP responder (public, no login), and the
 * administration pages for the platform administrator.
 */
package fr.paraphe.pki.web;
