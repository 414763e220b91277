package fr.paraphe.pki.internal;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyAlgorithm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CA creation across nodes: several "nodes" (their own key store and hierarchy objects over one
 * database) starting at the same moment create the hierarchy exactly once, and agree on it.
 */
class HierarchyTests {

	static PkiProperties properties() {
		return new PkiProperties(null, Path.of("unused"), "software", new PkiProperties.Pkcs11(null, -1, null),
				URI.create("http://localhost:8080"), "2.999.1.1", "Paraphe", "FR", KeyAlgorithm.EC_P256,
				Period.ofYears(20), KeyAlgorithm.EC_P256, Period.ofYears(10), KeyAlgorithm.EC_P256, Period.ofYears(3),
				KeyAlgorithm.EC_P256, Period.ofYears(3), KeyAlgorithm.EC_P256, Period.ofYears(2), KeyAlgorithm.EC_P256,
				Period.ofYears(5), Duration.ofHours(48), Duration.ofHours(12), Duration.ofHours(1), 0, Duration.ofDays(90),
				SoftwareKeyStore.KeyCache.DEFAULT, "2.999.1.3", Duration.ofHours(1));
	}

	@Test
	void nodesStartingTogetherCreateTheHierarchyOnce() throws Exception {
		TestDatabase database = TestDatabase.create();
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		int nodes = 4;
		CyclicBarrier start = new CyclicBarrier(nodes);
		ExecutorService executor = Executors.newFixedThreadPool(nodes);
		List<Future<Hierarchy>> started = new ArrayList<>();
		for (int i = 0; i < nodes; i++) {
			MasterKey masterKey = new MasterKey(raw.clone());
			Callable<Hierarchy> node = () -> {
				Certificates certificates = new Certificates(database.jdbc());
				SoftwareKeyStore store = new SoftwareKeyStore(database.jdbc(), masterKey, Clock.systemUTC());
				CertificateMaker maker = new CertificateMaker(store,
						new CertificateMaker.Publication("http://localhost:8080", "2.999.1.1"));
				Hierarchy hierarchy = new Hierarchy(certificates, store, maker, properties(), database.transactions(),
						Clock.systemUTC());
				CrlPublisher crls = new CrlPublisher(certificates, hierarchy, store, properties(),
						database.transactions(), Clock.systemUTC());
				start.await();
				hierarchy.bootstrap(crls::produceMissing);
				return hierarchy;
			};
			started.add(executor.submit(node));
		}
		List<Hierarchy> hierarchies = new ArrayList<>();
		for (Future<Hierarchy> future : started) {
			hierarchies.add(future.get());
		}
		executor.shutdown();

		int authorities = Authority.values().length;
		assertThat(count(database, "pki_authority")).isEqualTo(authorities);
		assertThat(count(database, "pki_certificate")).isEqualTo(authorities);
		assertThat(count(database, "pki_key")).isEqualTo(authorities);
		assertThat(count(database, "pki_crl")).isEqualTo(CrlPublisher.ISSUERS.size());
		for (Hierarchy hierarchy : hierarchies) {
			for (Authority authority : Authority.values()) {
				assertThat(hierarchy.get(authority).serial()).isEqualTo(hierarchies.get(0).get(authority).serial());
			}
		}
	}

	@Test
	void aNodeWithAnotherMasterKeyRefusesToStart() {
		TestDatabase database = TestDatabase.create();
		node(database, randomKey()).bootstrap(() -> {
		});
		Hierarchy stranger = node(database, randomKey());
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.bootstrap(() -> {
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("not usable");
		assertThat(count(database, "pki_authority")).isEqualTo(Authority.values().length);
	}

	@Test
	void responderAndTsaCertificatesAreRenewedBeforeTheyExpire() {
		TestDatabase database = TestDatabase.create();
		MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
		byte[] key = randomKey();
		Hierarchy hierarchy = node(database, key.clone(), clock);
		hierarchy.bootstrap(() -> {
		});
		Map<Authority, IssuedCertificate> before = hierarchy.snapshot();
		assertThat(hierarchy.renewExpiring(Duration.ofDays(90))).isEmpty();

		// 100 days before the responders' two years are over: they are renewed, the TSA (five years) is not.
		clock.now = Instant.parse("2028-08-18T10:00:00Z");
		assertThat(hierarchy.renewExpiring(Duration.ofDays(90))).isEmpty();
		clock.now = Instant.parse("2028-09-18T10:00:00Z");
		assertThat(hierarchy.renewExpiring(Duration.ofDays(90))).containsExactly(Authority.OCSP_PERSONNES,
				Authority.OCSP_CACHETS, Authority.OCSP_USAGE_UNIQUE);
		assertThat(hierarchy.snapshot()).isNotSameAs(before);
		IssuedCertificate renewed = hierarchy.get(Authority.OCSP_PERSONNES);
		assertThat(renewed.serial()).isNotEqualTo(before.get(Authority.OCSP_PERSONNES).serial());
		assertThat(renewed.key()).isNotEqualTo(before.get(Authority.OCSP_PERSONNES).key());
		assertThat(renewed.notBefore()).isEqualTo(clock.now);
		assertThat(hierarchy.get(Authority.TSA).serial()).isEqualTo(before.get(Authority.TSA).serial());
		assertThat(count(database, "pki_certificate")).isEqualTo(Authority.values().length + 3);

		// Another node sees the renewal when it reloads, and a second renewal does nothing.
		Hierarchy other = node(database, key.clone(), clock);
		other.bootstrap(() -> {
		});
		assertThat(other.get(Authority.OCSP_CACHETS).serial()).isEqualTo(hierarchy.get(Authority.OCSP_CACHETS).serial());
		assertThat(other.renewExpiring(Duration.ofDays(90))).isEmpty();
	}

	@Test
	void anInstallMadeBeforeTheOneTimeCaGetsItAtItsNextStartAndKeepsTheRest() {
		TestDatabase database = TestDatabase.create();
		byte[] key = randomKey();
		Hierarchy first = node(database, key.clone());
		first.bootstrap(() -> {
		});
		Map<Authority, IssuedCertificate> before = first.snapshot();
		// The install as the previous version left it: no "Paraphe Usage Unique", no responder for it, no CRL.
		database.jdbc().sql("DELETE FROM pki_authority WHERE name IN ('USAGE_UNIQUE', 'OCSP_USAGE_UNIQUE')").update();
		database.jdbc().sql("DELETE FROM pki_certificate WHERE authority = 'USAGE_UNIQUE' OR serial = :serial")
			.param("serial", before.get(Authority.USAGE_UNIQUE).serial().hex())
			.update();
		int certificatesBefore = count(database, "pki_certificate");

		SoftwareKeyStore store = new SoftwareKeyStore(database.jdbc(), new MasterKey(key.clone()), Clock.systemUTC());
		Certificates certificates = new Certificates(database.jdbc());
		Hierarchy restarted = new Hierarchy(certificates, store,
				new CertificateMaker(store, new CertificateMaker.Publication("http://localhost:8080", "2.999.1.1")),
				properties(), database.transactions(), Clock.systemUTC());
		CrlPublisher crls = new CrlPublisher(certificates, restarted, store, properties(), database.transactions(),
				Clock.systemUTC());
		restarted.bootstrap(crls::produceMissing);

		assertThat(count(database, "pki_authority")).isEqualTo(Authority.values().length);
		assertThat(count(database, "pki_certificate")).isEqualTo(certificatesBefore + 2);
		for (Authority kept : List.of(Authority.ROOT, Authority.PERSONNES, Authority.CACHETS, Authority.TSA)) {
			assertThat(restarted.get(kept).serial()).isEqualTo(before.get(kept).serial());
		}
		IssuedCertificate usageUnique = restarted.get(Authority.USAGE_UNIQUE);
		assertThat(usageUnique.serial()).isNotEqualTo(before.get(Authority.USAGE_UNIQUE).serial());
		assertThat(usageUnique.issuer()).isEqualTo(Authority.ROOT);
		assertThat(usageUnique.certificate().getIssuerX500Principal())
			.isEqualTo(restarted.get(Authority.ROOT).certificate().getSubjectX500Principal());
		assertThat(restarted.get(Authority.OCSP_USAGE_UNIQUE).issuer()).isEqualTo(Authority.USAGE_UNIQUE);
		assertThat(crls.latest(Authority.USAGE_UNIQUE)).isPresent();
	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return java.time.ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

	private static Hierarchy node(TestDatabase database, byte[] masterKey) {
		return node(database, masterKey, Clock.systemUTC());
	}

	private static Hierarchy node(TestDatabase database, byte[] masterKey, Clock clock) {
		SoftwareKeyStore store = new SoftwareKeyStore(database.jdbc(), new MasterKey(masterKey), clock);
		return new Hierarchy(new Certificates(database.jdbc()), store,
				new CertificateMaker(store, new CertificateMaker.Publication("http://localhost:8080", "2.999.1.1")),
				properties(), database.transactions(), clock);
	}

	private static byte[] randomKey() {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		return raw;
	}

	private static int count(TestDatabase database, String table) {
		return database.jdbc().sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

}
