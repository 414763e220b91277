package fr.paraphe.registration.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.registration.TestDocuments;
import fr.paraphe.DemoLogin;
import fr.paraphe.MutableClock;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Message;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.terms.Terms;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParapheIntegrationTest
class RevocationIntegrationTests {

	private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Autowired
	Revocations revocations;

	@Autowired
	Registrations registrations;

	@Autowired
	RevocationStore store;

	@Autowired
	Users users;

	@Autowired
	Terms terms;

	@Autowired
	Notifications notifications;

	@Autowired
	CertificationAuthority authority;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	fr.paraphe.otp.OneTimeCodes codes;

	@Test
	void twentySimultaneousCodeRequestsSendOneCodeAndTellTheOthersHowLongToWait() throws Exception {
		Holder holder = certifiedHolder();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		java.util.List<java.util.concurrent.Future<Object>> outcomes = new java.util.ArrayList<>();
		for (int i = 0; i < 20; i++) {
			outcomes.add(pool.submit(() -> {
				start.await();
				try {
					return revocations.request(holder.user, RevocationChannel.EMAIL);
				}
				catch (fr.paraphe.shared.ProblemException refused) {
					return refused;
				}
			}));
		}
		start.countDown();
		java.util.List<Object> results = new java.util.ArrayList<>();
		for (java.util.concurrent.Future<Object> outcome : outcomes) {
			results.add(outcome.get(120, java.util.concurrent.TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(results).filteredOn(RevocationRequest.class::isInstance).hasSize(1);
		assertThat(results).filteredOn(fr.paraphe.shared.ProblemException.class::isInstance)
			.hasSize(19)
			.allSatisfy(refused -> {
				fr.paraphe.shared.ProblemException problem = (fr.paraphe.shared.ProblemException) refused;
				assertThat(problem.getStatusCode().value()).isEqualTo(429);
				assertThat(problem.messageKey()).isEqualTo("otp.wait.minutes");
			});
		assertThat(notifications.sentTo(holder.email)).filteredOn(message -> message.template().equals("revocation-code"))
			.hasSize(1);
	}

	@Test
	void theEmailedCodeRevokesAtOnceOnlyOnceAndIsNotStoredInClear() {
		Holder holder = certifiedHolder();
		RevocationRequest request = revocations.request(holder.user, RevocationChannel.EMAIL);
		assertThat(request.destination()).endsWith("@cabinet.fr").contains("•");
		String code = lastCode(holder.email);

		Map<String, Object> row = jdbc.sql("SELECT * FROM revocation_request WHERE id = :id").param("id", request.id())
			.query().singleRow();
		assertThat(row.values()).extracting(String::valueOf).noneMatch(value -> value.contains(code));
		Map<String, Object> stored = jdbc.sql("SELECT * FROM otp_code WHERE binding = :id").param("id", request.id())
			.query().singleRow();
		assertThat(stored.values()).extracting(String::valueOf).noneMatch(value -> value.contains(code));
		assertThat(stored.get("code_hash")).isEqualTo(Revocations.hash(request.id(), code));

		IssuedCertificate revoked = revocations.confirm(holder.user, request.id(), code, RevocationReason.KEY_COMPROMISE);
		assertThat(revoked.isRevoked()).isTrue();
		assertThat(authority.find(holder.certificate.serial()).orElseThrow().revocationReason())
			.isEqualTo(RevocationReason.KEY_COMPROMISE);
		assertThat(notifications.sentTo(holder.email).get(0).template()).isEqualTo("certificate-revoked");
		assertThat(registrations.needsRegistration(holder.user)).isTrue();

		// Replay.
		assertThatThrownBy(() -> revocations.confirm(holder.user, request.id(), code, RevocationReason.KEY_COMPROMISE))
			.satisfies(refusal("revocation.code.used"));
	}

	@Test
	void theSixthTryIsRefusedEvenWithTheRightCode() {
		Holder holder = certifiedHolder();
		RevocationRequest request = revocations.request(holder.user, RevocationChannel.EMAIL);
		String code = lastCode(holder.email);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 1; i <= 4; i++) {
			assertThatThrownBy(() -> revocations.confirm(holder.user, request.id(), wrong, RevocationReason.UNSPECIFIED))
				.satisfies(refusal("revocation.code.wrong"));
		}
		assertThatThrownBy(() -> revocations.confirm(holder.user, request.id(), wrong, RevocationReason.UNSPECIFIED))
			.satisfies(refusal("revocation.code.burned"));
		assertThatThrownBy(() -> revocations.confirm(holder.user, request.id(), code, RevocationReason.UNSPECIFIED))
			.satisfies(refusal("revocation.code.burned"));
		assertThat(authority.find(holder.certificate.serial()).orElseThrow().isRevoked()).isFalse();
		assertThat(jdbc.sql("SELECT failed_tries FROM otp_code WHERE binding = :id").param("id", request.id())
			.query(Integer.class).single()).isEqualTo(5);
	}

	@Test
	void aCodeExpiresAfterTenMinutes() {
		Holder holder = certifiedHolder();
		// Microseconds, as the database keeps them: "exactly ten minutes" must not fall between two nanoseconds.
		MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		Revocations timed = new Revocations(store, codes, registrations, authority, notifications, clock, events);
		RevocationRequest late = timed.request(holder.user, RevocationChannel.EMAIL);
		String code = lastCode(holder.email);
		clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		assertThatThrownBy(() -> timed.confirm(holder.user, late.id(), code, RevocationReason.UNSPECIFIED))
			.satisfies(refusal("revocation.code.expired"));

		clock.advance(Duration.ofMinutes(1));
		RevocationRequest onTime = timed.request(holder.user, RevocationChannel.EMAIL);
		String second = lastCode(holder.email);
		clock.advance(Duration.ofMinutes(10));
		assertThat(timed.confirm(holder.user, onTime.id(), second, RevocationReason.UNSPECIFIED).isRevoked()).isTrue();
	}

	@Test
	void aCodeWorksOnlyForItsOwnRequestAndItsOwnHolder() {
		Holder holder = certifiedHolder();
		MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		Revocations timed = new Revocations(store, codes, registrations, authority, notifications, clock, events);
		RevocationRequest first = timed.request(holder.user, RevocationChannel.EMAIL);
		String firstCode = lastCode(holder.email);
		// Codes are rate-limited: one a minute.
		assertThatThrownBy(() -> timed.request(holder.user, RevocationChannel.EMAIL)).satisfies(status(429));
		clock.advance(Duration.ofSeconds(61));
		RevocationRequest second = timed.request(holder.user, RevocationChannel.SMS);
		Message sms = notifications.sentTo("+33601020304").stream()
			.filter(m -> m.channel().equals("SMS"))
			.findFirst()
			.orElseThrow();
		String secondCode = code(sms.text());

		// The newer request's code does not open the older one, and the older one is superseded.
		assertThatThrownBy(() -> timed.confirm(holder.user, first.id(), secondCode, RevocationReason.UNSPECIFIED))
			.satisfies(refusal("revocation.code.superseded"));
		if (!firstCode.equals(secondCode)) {
			assertThatThrownBy(() -> timed.confirm(holder.user, second.id(), firstCode, RevocationReason.UNSPECIFIED))
				.satisfies(refusal("revocation.code.wrong"));
		}
		// Another person cannot use this request at all.
		Holder other = certifiedHolder();
		assertThatThrownBy(() -> timed.confirm(other.user, second.id(), secondCode, RevocationReason.UNSPECIFIED))
			.satisfies(status(404));
		assertThat(timed.confirm(holder.user, second.id(), secondCode, RevocationReason.CESSATION_OF_OPERATION).isRevoked())
			.isTrue();
		assertThat(authority.find(other.certificate.serial()).orElseThrow().isRevoked()).isFalse();
	}

	@Test
	void anotherPersonsRevocationRequestAndCertificatesAreNotFound() {
		Holder holder = certifiedHolder();
		RevocationRequest request = revocations.request(holder.user, RevocationChannel.EMAIL);
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		assertThat(expert.get("/compte/revocation/" + request.id()).statusCode()).isEqualTo(404);
		assertThat(expert.get("/compte/revocation/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
		assertThat(expert.get("/compte/revocation/pas-un-uuid").statusCode()).isEqualTo(404);
		assertThat(expert.getBytes("/compte/certificats/" + holder.certificate.serial().hex() + ".pem").statusCode())
			.isEqualTo(404);
		assertThat(expert.get("/compte").statusCode()).isEqualTo(200);
	}

	private String lastCode(String email) {
		List<Message> messages = notifications.sentTo(email);
		Message message = messages.stream().filter(m -> m.template().equals("revocation-code")).findFirst().orElseThrow();
		assertThat(message.subject()).contains("code de révocation");
		assertThat(message.html()).isNotBlank();
		return code(message.text());
	}

	private static String code(String text) {
		Matcher matcher = CODE.matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return matcher.group(1);
	}

	private Holder certifiedHolder() {
		String email = "revocation-" + UUID.randomUUID() + "@cabinet.fr";
		User user = users.recordLogin(new SsoProfile("rev-" + UUID.randomUUID(), "Paul Révoque", email,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Révoque"));
		Identity identity = new Identity(Civility.MONSIEUR, "Paul", "Révoque", LocalDate.of(1970, 1, 2), "Nantes", "FR",
				"06 01 02 03 04", email);
		Registration registration = registrations.submit(user, identity, DocumentType.PASSEPORT, TestDocuments.jpeg(),
				null, terms.current().orElseThrow().number(), true, "203.0.113.9");
		User officer = users.recordLogin(new SsoProfile("off-" + UUID.randomUUID(), "Otto Officier",
				"o-" + UUID.randomUUID() + "@paraphe.example", Role.REGISTRATION_OFFICER, null, null));
		IssuedCertificate certificate = registrations.approve(officer, registration.id());
		return new Holder(user, email, certificate);
	}

	private static java.util.function.Consumer<Throwable> refusal(String key) {
		return thrown -> assertThat(((ProblemException) thrown).messageKey()).isEqualTo(key);
	}

	private static java.util.function.Consumer<Throwable> status(int status) {
		return thrown -> assertThat(((ProblemException) thrown).getStatusCode().value()).isEqualTo(status);
	}

	record Holder(User user, String email, IssuedCertificate certificate) {
	}

}
