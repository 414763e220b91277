package fr.paraphe.collection.internal;

import java.util.Optional;

import fr.paraphe.shared.FirmClosure;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.stereotype.Component;

/**
 * The collections' part of closing a firm: not while a collection is in progress (its signers hold links, its
 * cost is reserved); the owner first lets it end or cancels it. Ended collections and their evidence stay.
 */
@Component
class CollectionClosure implements FirmClosure {

	private final Collections collections;

	CollectionClosure(Collections collections) {
		this.collections = collections;
	}

	@Override
	public Optional<String> refusal(FirmId firm, UserId owner, String answer) {
		return collections.anyInProgress(firm) ? Optional.of("firm.close.collectionsInProgress") : Optional.empty();
	}

}
