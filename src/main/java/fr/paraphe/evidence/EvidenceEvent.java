package fr.paraphe.evidence;

import java.time.Instant;
import java.util.Map;

/**
 * One event of an evidence trail: what happened, to whom, when, from where.
 *
 * @param type what happened, e.g. {@code collection.launched}, {@code signer.code.sent}, {@code signer.signed}:
 * 1 to 64 of {@code [a-z0-9._-]}
 * @param party who it concerns (a collection signer's id, {@code firm}, {@code platform}), 1 to 64 of
 * {@code [A-Za-z0-9._:@-]}; an attestation for a party holds only the events of that party and of the
 * collection as a whole ({@code collection}, {@code firm}, {@code platform})
 * @param at when (stored to the microsecond)
 * @param ip the client's address, or null
 * @param userAgent the client's user agent (cut to 512 characters), or null
 * @param details further facts (channel, masked address, document hashes, certificate serial…): keys of
 * {@code [A-Za-z0-9._-]}, at most 64 entries, values up to 2,000 characters; kept in key order
 */
public record EvidenceEvent(String type, String party, Instant at, String ip, String userAgent,
		Map<String, String> details) {

}
