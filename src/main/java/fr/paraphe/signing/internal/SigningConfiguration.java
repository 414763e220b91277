package fr.paraphe.signing.internal;

import java.time.Clock;

import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.RevocationData;
import fr.paraphe.timestamp.TimeStampAuthority;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	@Bean
	PdfBoxPadesSigner padesSigner(KeyStore keyStore, TimeStampAuthority tsa, RevocationData revocationData,
			CertificationAuthority ca, SigningProperties properties, Clock clock,
			org.springframework.beans.factory.ObjectProvider<fr.paraphe.validation.ForeignRevocationData> foreign) {
		return new PdfBoxPadesSigner(keyStore, tsa, new LongTermData(ca, revocationData, foreign.getIfAvailable()),
				properties.maxSize().toBytes(),
				clock);
	}

}
