package fr.paraphe.terms;

import java.time.Instant;

/**
 * One published version of the CGU. Published versions never change: a change is a new version.
 *
 * @param number 1, 2, 3… in the order of publication
 * @param sha256 lower-case hexadecimal SHA-256 of the UTF-8 text, recorded with every acceptance
 * @param publishedBy the administrator's user id, null for the version shipped with the platform
 */
public record TermsVersion(int number, String text, String sha256, Instant publishedAt, String publishedBy) {
}
