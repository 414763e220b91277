package fr.paraphe.evidence;

import java.time.Instant;
import java.util.UUID;

import fr.paraphe.shared.FirmId;

import org.springframework.stereotype.Service;

/**
 * Evidence trails: append-only, hash-chained lists of {@link EvidenceEvent}s, one per collection, anchored by
 * RFC 3161 time-stamps of their head, and the documents made of them (the JSON file, the sealed PDF, each party's
 * attestation). How to check a trail offline: docs/evidence.md.
 */
@Service
public class EvidenceTrails {

	/**
	 * Appends an event to {@code trail}, creating the trail on its first append. Joins the caller's transaction;
	 * appends to one trail are serialised by a row lock, so the chain never forks.
	 * @return the entry's sequence number (1 for the first)
	 * @throws IllegalArgumentException if the event breaks the rules of {@link EvidenceEvent}, or the trail
	 * belongs to another firm
	 */
	public long append(UUID trail, FirmId firm, EvidenceEvent event) {
		throw new UnsupportedOperationException("in progress");
	}

	/**
	 * Time-stamps the trail's current head with the platform's TSA and appends the token as an entry of type
	 * {@code anchor}. Joins the caller's transaction.
	 * @throws UnknownTrailException if the trail does not exist
	 */
	public void anchor(UUID trail) {
		throw new UnsupportedOperationException("in progress");
	}

	/** Whether every entry's hash and link recomputes and every anchor's token is valid for the head it names. */
	public boolean verify(UUID trail) {
		throw new UnsupportedOperationException("in progress");
	}

	/** The whole evidence file as JSON (UTF-8): every entry with its hash and previous hash, anchors' tokens in base64. */
	public byte[] json(UUID trail) {
		throw new UnsupportedOperationException("in progress");
	}

	/** The evidence file as a readable French PDF, sealed by the platform at PAdES B-LTA. */
	public byte[] sealedPdf(UUID trail) {
		throw new UnsupportedOperationException("in progress");
	}

	/**
	 * {@code party}'s own attestation, a sealed PDF: their events and those of the collection as a whole, with
	 * no other party's addresses, IP addresses or user agents.
	 */
	public byte[] attestation(UUID trail, String party) {
		throw new UnsupportedOperationException("in progress");
	}

	/**
	 * Deletes the trails whose last entry is older than {@code endedBefore} (evidence retention, 10 years by
	 * default: the caller decides).
	 * @return how many trails were deleted
	 */
	public int purge(Instant endedBefore) {
		throw new UnsupportedOperationException("in progress");
	}

	/** No trail has this id. */
	public static final class UnknownTrailException extends RuntimeException {

		public UnknownTrailException(UUID trail) {
			super("No evidence trail " + trail);
		}

	}

}
