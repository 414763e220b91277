package fr.paraphe.collection.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paraphe.collection.*}.
 *
 * @param defaultDeadline how long a collection runs after its launch when the preparer names no deadline
 * @param reminderDays days after the invitation when a signer is reminded, the last interval then repeated
 * @param documentRetention how long the signed documents are kept after the collection ended
 * @param evidenceRetention how long the evidence trail is kept after the collection ended
 * @param draftRetention how long an untouched draft is kept
 * @param maxDocuments documents per collection
 * @param maxSigners signers per collection
 */
@ConfigurationProperties("paraphe.collection")
public record CollectionProperties(@DefaultValue("15d") Duration defaultDeadline,
		@DefaultValue({ "3", "7" }) List<Integer> reminderDays, @DefaultValue("30d") Duration documentRetention,
		@DefaultValue("3650d") Duration evidenceRetention, @DefaultValue("30d") Duration draftRetention,
		@DefaultValue("10") int maxDocuments, @DefaultValue("20") int maxSigners) {
}
