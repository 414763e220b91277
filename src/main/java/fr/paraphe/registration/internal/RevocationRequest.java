package fr.paraphe.registration.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A revocation waiting for its one-time code.
 *
 * @param destination where the code went, partly masked ("c•••@cabinet.fr", "+33 6•• •• •• 78")
 */
public record RevocationRequest(UUID id, RevocationChannel channel, String destination, Instant expiresAt) {
}
