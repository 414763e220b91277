package fr.paraphe.firm.internal;

import java.time.Instant;
import java.util.UUID;

import fr.paraphe.shared.UserId;

/** An open "Demander un accès" from a collaborator of the firm without a place in it yet. */
public record AccessRequest(UUID id, UserId user, String name, String email, Instant requestedAt) {
}
