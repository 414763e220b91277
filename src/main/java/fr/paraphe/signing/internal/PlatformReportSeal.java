package fr.paraphe.signing.internal;

import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.shared.Siren;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.validation.ReportSeal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The platform's own seal on the PDF validation reports: a "Paraphe Cachets" certificate for the platform's
 * operator ({@code paraphe.signing.platform-seal.siren} and {@code .name}), issued on first use, its key in the
 * key store like every other. B-LT: the report carries a time-stamp and the revocation data, so that it
 * validates offline.
 */
@Component
@ConditionalOnExpression("!'${paraphe.signing.platform-seal.siren:}'.isBlank()")
class PlatformReportSeal implements ReportSeal {

	private final FirmSeals seals;

	private final PadesSigner signer;

	private final SigningKeys keys;

	private final Siren siren;

	private final String name;

	PlatformReportSeal(FirmSeals seals, PadesSigner signer, SigningKeys keys, @Value("${paraphe.signing.platform-seal.siren}") String siren,
			@Value("${paraphe.signing.platform-seal.name:Paraphe}") String name) {
		this.seals = seals;
		this.signer = signer;
		this.keys = keys;
		this.siren = Siren.parse(siren);
		this.name = name;
	}

	@Override
	public byte[] seal(byte[] pdf) {
		IssuedCertificate certificate = seals.ensure(siren, name);
		return signer.sign(pdf, keys.of(certificate),
				SignatureParameters.invisible(SignatureLevel.B_LT, name, "Rapport de validation"));
	}

}
