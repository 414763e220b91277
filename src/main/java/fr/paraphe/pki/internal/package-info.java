/**
 * The PKI's implementation: key stores, the certificate factory and profiles, persistence, the CA
 * bootstrap, CRL and OCSP production. Nothing here is for other modules.
 */
package fr.paraphe.pki.internal;
