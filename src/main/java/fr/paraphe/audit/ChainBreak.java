package fr.paraphe.audit;

import java.util.UUID;

/**
 * Where the audit trail stops verifying.
 *
 * @param chain the chain: a firm's id, or the nil UUID for the platform's chain
 * @param seq the first entry of that chain that is missing, altered or not linked to its predecessor
 */
public record ChainBreak(UUID chain, long seq) {
}
