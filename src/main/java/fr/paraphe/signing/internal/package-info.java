/** The PDFBox and Bouncy Castle implementation of the signing engine; not part of the module's API. */
package fr.paraphe.signing.internal;
