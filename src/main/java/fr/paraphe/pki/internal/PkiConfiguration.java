package fr.paraphe.pki.internal;

import java.time.Clock;

import fr.paraphe.pki.KeyStore;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the PKI: the key store chosen by {@code paraphe.pki.key-store}, the CA and its CRLs.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PkiConfiguration {

	@Bean
	KeyStore keyStore(PkiProperties properties, JdbcClient jdbc, Environment environment, Clock clock) {
		return switch (properties.keyStore()) {
			case "software" -> new SoftwareKeyStore(jdbc,
					MasterKey.resolve(properties.masterKey(), properties.masterKeyFile(),
							environment.acceptsProfiles(Profiles.of("prod"))),
					clock, properties.keyCache());
			case "pkcs11" -> Pkcs11KeyStore.open(properties.pkcs11());
			default -> throw new IllegalStateException(
					"paraphe.pki.key-store must be 'software' or 'pkcs11', not '" + properties.keyStore() + "'");
		};
	}

	/**
	 * Identity documents and other data at rest: under a key derived from the master key, whichever key store
	 * holds the private keys (with PKCS#11 the master key is then still needed, for this only).
	 */
	@Bean
	fr.paraphe.pki.DataEncryption dataEncryption(PkiProperties properties, Environment environment) {
		MasterKey derived = MasterKey.resolve(properties.masterKey(), properties.masterKeyFile(),
				environment.acceptsProfiles(Profiles.of("prod")))
			.derive("data-encryption-v1");
		return new fr.paraphe.pki.DataEncryption() {

			@Override
			public byte[] encrypt(byte[] plaintext, byte[] context) {
				return derived.wrap(plaintext, context);
			}

			@Override
			public byte[] decrypt(byte[] ciphertext, byte[] context) {
				return derived.unwrap(ciphertext, context);
			}

		};
	}

	@Bean
	CertificateMaker certificateMaker(KeyStore keyStore, PkiProperties properties) {
		return new CertificateMaker(keyStore, new CertificateMaker.Publication(properties.baseUrl(), properties.policyOid()));
	}

	@Bean
	Hierarchy hierarchy(Certificates certificates, KeyStore keyStore, CertificateMaker maker, PkiProperties properties,
			TransactionTemplate transactionTemplate, Clock clock) {
		return new Hierarchy(certificates, keyStore, maker, properties, transactionTemplate, clock);
	}

	@Bean
	CrlPublisher crlPublisher(Certificates certificates, Hierarchy hierarchy, KeyStore keyStore,
			PkiProperties properties, TransactionTemplate transactionTemplate, Clock clock) {
		return new CrlPublisher(certificates, hierarchy, keyStore, properties, transactionTemplate, clock);
	}

	@Bean
	OcspResponder ocspResponder(Hierarchy hierarchy, Certificates certificates, KeyStore keyStore,
			PkiProperties properties, Clock clock) {
		return new OcspResponder(hierarchy, certificates, keyStore, properties.ocspResponseValidity(), clock);
	}

	@Bean
	RevocationDataService revocationData(CrlPublisher crls, OcspResponder ocspResponder) {
		return new RevocationDataService(crls, ocspResponder);
	}

	@Bean
	KeyPool keyPool(JdbcClient jdbc, KeyStore keyStore, PkiProperties properties, Clock clock) {
		java.util.Set<fr.paraphe.pki.KeyAlgorithm> algorithms = properties.keyPoolSize() > 0
				? java.util.EnumSet.of(properties.personAlgorithm(), properties.sealAlgorithm())
				: java.util.EnumSet.noneOf(fr.paraphe.pki.KeyAlgorithm.class);
		return new KeyPool(jdbc, keyStore, algorithms, properties.keyPoolSize(), clock);
	}

	@Bean
	CertificationAuthorityService certificationAuthority(Hierarchy hierarchy, CrlPublisher crls,
			Certificates certificates, KeyStore keyStore, KeyPool keyPool, CertificateMaker maker,
			PkiProperties properties, TransactionTemplate transactionTemplate, ApplicationEventPublisher events,
			Clock clock) {
		return new CertificationAuthorityService(hierarchy, crls, certificates, keyStore, keyPool, maker, properties,
				transactionTemplate, events, clock);
	}

}
