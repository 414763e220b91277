package fr.paraphe.billing;

import java.time.Instant;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;

/**
 * A ledger entry.
 *
 * @param amount what the balance moved by, VAT included
 * @param net the amount before VAT
 * @param vat the VAT in it
 * @param operation what a debit paid for, null for a credit
 * @param receiptNumber the receipt of a credit, null otherwise
 */
public record Entry(UUID id, FirmId firm, EntryKind kind, Money amount, Money net, Money vat, Money balanceAfter,
		String idempotencyKey, Operation operation, String description, Long receiptNumber, String actor,
		Instant createdAt) {
}
