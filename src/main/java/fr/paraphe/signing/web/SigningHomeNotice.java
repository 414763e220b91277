package fr.paraphe.signing.web;

import java.util.HashMap;
import java.util.Map;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.HomeNotice;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.Role;
import fr.paraphe.signing.internal.Documents;
import fr.paraphe.signing.PersonalSignatures;
import fr.paraphe.signing.SealCheck;
import fr.paraphe.signing.SealChecks;

import org.springframework.stereotype.Component;

/**
 * What waits on the home page from the signing module: the documents waiting for the person's signature, the
 * firm's seal check waiting for an officer (owners), whether the firm signed or sealed anything yet ("Premiers pas"),
 * and for a registration officer the firms' seal checks to do.
 */
@Component
class SigningHomeNotice implements HomeNotice {

	private final PersonalSignatures signatures;

	private final Documents documents;

	private final SealChecks checks;

	private final Firms firms;

	SigningHomeNotice(PersonalSignatures signatures, Documents documents, SealChecks checks, Firms firms) {
		this.signatures = signatures;
		this.documents = documents;
		this.checks = checks;
		this.firms = firms;
	}

	@Override
	public Map<String, Object> attributesFor(ParapheUser principal) {
		Map<String, Object> model = new HashMap<>();
		if (principal.user().role() == Role.REGISTRATION_OFFICER) {
			model.put("pendingSealChecks", checks.queue(principal.user()).size());
			return model;
		}
		firms.membershipOf(principal.user().id()).ifPresent(member -> {
			model.put("firstDocumentDone", documents.any(member.firm()));
			if (member.may(Delegation.SIGN)) {
				model.put("documentsToSign", signatures.waiting(principal.user().id()));
			}
			if (member.isOwner()) {
				model.put("sealCheckPending", checks.latest(principal.user().id(), member.firm())
					.map(SealCheck::isPending)
					.orElse(false));
			}
		});
		return model;
	}

}
