package fr.paraphe.validation.internal;

import java.time.Instant;

/**
 * The validation of one time-stamp (RFC 3161) on a signature or on the document.
 *
 * @param type DSS's type, e.g. SIGNATURE_TIMESTAMP or DOCUMENT_TIMESTAMP
 * @param producedBy the time-stamping unit's name
 */
public record TimestampResult(String id, String type, Indication indication, String subIndication,
		Instant productionTime, String producedBy) {
}
