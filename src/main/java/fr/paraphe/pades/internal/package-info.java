/** The PDFBox and Bouncy Castle implementation of the PAdES engine; not part of the module's API. */
package fr.paraphe.pades.internal;
