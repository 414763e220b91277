package fr.paraphe.collection.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.CollectionStatus;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.SignerDesk;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.HomeNotice;
import fr.paraphe.identity.ParapheUser;

import org.springframework.stereotype.Component;

/**
 * The home page's "À faire" for collections: the firm's drafts waiting to be launched, for members with LAUNCH
 * (owners), and how many in-progress collections wait for this member's own signature (their personal link came
 * by e-mail or SMS). Uses the module's public API only.
 */
@Component
class CollectionHomeNotice implements HomeNotice {

	private final Collections collections;

	private final SignerDesk desk;

	private final Firms firms;

	CollectionHomeNotice(Collections collections, SignerDesk desk, Firms firms) {
		this.collections = collections;
		this.desk = desk;
		this.firms = firms;
	}

	@Override
	public Map<String, Object> attributesFor(ParapheUser principal) {
		Map<String, Object> model = new HashMap<>();
		firms.membershipOf(principal.user().id()).ifPresent(member -> {
			if (member.may(Delegation.LAUNCH)) {
				List<Collection> drafts = collections.list(principal.user().id(), member.firm(), CollectionStatus.DRAFT,
						null, null, null);
				if (!drafts.isEmpty()) {
					model.put("collectionsToLaunch", drafts);
				}
			}
			List<UUID> toSign = desk.openFor(principal.user().id());
			if (!toSign.isEmpty()) {
				model.put("collectionsToSign", toSign.size());
			}
		});
		return model;
	}

}
