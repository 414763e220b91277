package fr.paraphe.evidence.internal;

import java.time.Instant;

/**
 * An entry of an evidence trail as stored.
 *
 * @param detailsJson the details as a canonical JSON object ({@link Canonical})
 * @param token an anchor's DER TimeStampToken, null for an event
 * @param prev the previous entry's hash (the genesis value for the first)
 */
public record StoredEntry(long seq, String type, String party, Instant at, String ip, String userAgent,
		String detailsJson, byte[] token, String prev, String hash) {

	/** The type of the entries that anchor the chain with a time-stamp. */
	public static final String ANCHOR = "anchor";

	public boolean isAnchor() {
		return ANCHOR.equals(type);
	}

	public StoredEntry withHash(String newHash) {
		return new StoredEntry(seq, type, party, at, ip, userAgent, detailsJson, token, prev, newHash);
	}

}
