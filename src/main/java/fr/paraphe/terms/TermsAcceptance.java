package fr.paraphe.terms;

import java.time.Instant;

import fr.paraphe.shared.UserId;

/**
 * A user accepted one version of the CGU: which text (its hash), when, and from which address.
 */
public record TermsAcceptance(UserId user, int version, String sha256, Instant acceptedAt, String address) {
}
