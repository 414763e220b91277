/**
 * PAdES signing and sealing of PDFs (ETSI EN 319 142-1, levels B-B to B-LTA) on PDFBox external signing and a
 * Bouncy Castle CMS whose private key stays in the {@code pki} key store. The package root is the module's API;
 * {@code internal} is not.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Signing")
package fr.paraphe.signing;
