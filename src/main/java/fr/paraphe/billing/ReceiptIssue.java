package fr.paraphe.billing;

import java.time.Instant;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Siren;

/**
 * A receipt as it was issued: whom it was made out to and at which VAT rate. Kept as it was; a later change
 * of the firm's name or address does not touch it.
 */
public record ReceiptIssue(long receiptNumber, FirmId firm, String firmName, Siren siren, String ordreNumber,
		String addressLine, String postalCode, String city, int vatBasisPoints, Instant issuedAt) {
}
