package fr.paraphe.signing.internal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import fr.paraphe.pades.CertificateSource;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.RevocationData;
import fr.paraphe.timestamp.TimeStampAuthority;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PAdES engine as the product uses it: keys in the platform's key store, time-stamps from the platform's TSA,
 * and the validation data of the platform's CA taken in-process (no HTTP).
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	/** The CAs whose certificates and CRLs every B-LT document carries, root first. */
	private static final List<Authority> ISSUERS = Authority.certificationAuthorities();

	@Bean
	PadesSigner padesSigner(KeyStore keyStore, TimeStampAuthority tsa, RevocationData revocationData,
			CertificationAuthority ca, SigningProperties properties, Clock clock,
			org.springframework.beans.factory.ObjectProvider<fr.paraphe.validation.ForeignRevocationData> foreign) {
		CertificateSource certificates = new CertificateSource() {

			@Override
			public List<X509Certificate> authorities() {
				return ISSUERS.stream().map(issuer -> ca.authority(issuer).certificate()).toList();
			}

			@Override
			public List<X509Certificate> others() {
				return List.of(ca.authority(Authority.TSA).certificate());
			}

		};
		// Other CAs' revocation data: fetched with the validator's guards (paraphe.validation.revocation.*).
		fr.paraphe.validation.ForeignRevocationData fetched = foreign.getIfAvailable();
		fr.paraphe.pades.OtherCaSource others = fetched == null ? fr.paraphe.pades.OtherCaSource.NONE
				: new fr.paraphe.pades.OtherCaSource() {

					@Override
					public java.util.Optional<byte[]> ocsp(X509Certificate certificate, X509Certificate issuer) {
						return fetched.ocsp(certificate, issuer);
					}

					@Override
					public java.util.Optional<byte[]> crl(X509Certificate certificate, X509Certificate issuer) {
						return fetched.crl(certificate, issuer);
					}

				};
		return PadesSigner.create(keyStore, tsa::timeStamp, new PadesSigner.ValidationDataSources(certificates,
				() -> ISSUERS.stream().map(revocationData::crl).toList(), revocationData::ocsp, others),
				properties.maxSize().toBytes(), clock);
	}

}
