package fr.paraphe.validation.internal;

import eu.europa.esig.dss.spi.x509.CertificateSource;
import fr.paraphe.validation.ValidationProperties;

import org.springframework.stereotype.Component;

/**
 * The EU list of trusted lists (LOTL) as an extra trust source, off by default ({@code paraphe.validation.lotl}).
 * Not implemented yet: while disabled it contributes nothing; enabling it fails the start rather than silently
 * trusting nothing.
 */
@Component
class TrustedListSource {

	TrustedListSource(ValidationProperties properties) {
		if (properties.lotl().enabled()) {
			throw new IllegalStateException("paraphe.validation.lotl.enabled=true is not supported yet");
		}
	}

	CertificateSource certificateSource() {
		return null;
	}

}
