package fr.paraphe.signing.internal;

import java.util.List;

import fr.paraphe.shared.RetentionPolicy;

import org.springframework.stereotype.Component;

/** What the signing module keeps, from {@code paraphe.signing.*}: uploads, drafts, signed and sealed documents. */
@Component
class SigningRetention implements RetentionPolicy {

	private final SigningProperties properties;

	SigningRetention(SigningProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<Kept> kept() {
		return List.of(new Kept("privacy.kept.signingRequests", properties.requestRetention(), 40),
				new Kept("privacy.kept.sealDrafts", properties.sealDraftRetention(), 41),
				new Kept("privacy.kept.documents", properties.documentRetention(), 42),
				new Kept("privacy.kept.documentEntries", null, 43),
				new Kept("privacy.kept.idempotentSeals", SealReplays.RETENTION, 44));
	}

}
