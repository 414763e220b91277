package fr.paraphe.pki.internal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;

import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.UserId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateMakerTests {

	@Test
	void noCertificateOutlivesItsIssuer() {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		SoftwareKeyStore store = new SoftwareKeyStore(TestDatabase.create().jdbc(), new MasterKey(raw), Clock.systemUTC());
		CertificateMaker maker = new CertificateMaker(store, new CertificateMaker.Publication("http://pki.example", "2.999.1.1"));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		KeyHandle rootKey = store.generate(KeyAlgorithm.EC_P256);
		X509Certificate root = maker.root(rootKey, "Root", "Paraphe", "FR", now, Period.ofYears(2));
		KeyHandle caKey = store.generate(KeyAlgorithm.EC_P256);
		X509Certificate ca = maker.issuingCa(new CertificateMaker.Issuer(root, rootKey, "root"), caKey, "CA", "Paraphe",
				"FR", now, Period.ofYears(1));
		X509Certificate person = maker.naturalPerson(new CertificateMaker.Issuer(ca, caKey, "personnes"),
				store.generate(KeyAlgorithm.EC_P256), new NaturalPerson(UserId.random(), "A", "B", "IDCFR-1", "FR"), now,
				Period.ofYears(3));
		assertThat(ca.getNotAfter()).isBefore(root.getNotAfter());
		assertThat(person.getNotAfter()).isEqualTo(ca.getNotAfter());
		assertThat(person.getNotBefore().toInstant()).isEqualTo(now);
	}

}
