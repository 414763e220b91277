package fr.paraphe.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.Siren;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The users table through the module's API, on H2 and (with -Ppostgres) on PostgreSQL.
 */
@ParapheIntegrationTest
class UsersIntegrationTests {

	private static final Siren FIRM = new Siren("732829320");

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	fr.paraphe.identity.internal.UserStore store;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Test
	void firstLoginCreatesTheUserAndLaterLoginsRefreshIt() {
		String subject = uniqueSubject();
		User first = users.recordLogin(new SsoProfile(subject, "Anne Petit", "anne@cabinet.fr",
				Role.COLLABORATEUR, FIRM, "Cabinet Petit"));
		User second = users.recordLogin(new SsoProfile(subject, "Anne Petit-Durand", "anne.durand@cabinet.fr",
				Role.EXPERT_COMPTABLE, FIRM, "Cabinet Petit"));

		assertThat(second.id()).isEqualTo(first.id());
		assertThat(second.createdAt()).isEqualTo(first.createdAt());
		assertThat(second.lastLoginAt()).isAfterOrEqualTo(first.lastLoginAt());
		assertThat(second.displayName()).isEqualTo("Anne Petit-Durand");
		assertThat(second.email()).isEqualTo("anne.durand@cabinet.fr");
		assertThat(second.role()).isEqualTo(Role.EXPERT_COMPTABLE);
		assertThat(second.language()).isEqualTo("fr");
		assertThat(users.findById(first.id())).contains(second);
		assertThat(countRows(subject)).isEqualTo(1);
	}

	@Test
	void staffHaveNoFirm() {
		User officer = users.recordLogin(new SsoProfile(uniqueSubject(), "Paul Officier", null,
				Role.REGISTRATION_OFFICER, null, null));

		assertThat(officer.firmSiren()).isNull();
		assertThat(officer.firmName()).isNull();
		assertThat(officer.email()).isNull();
		assertThat(officer.isFirmMember()).isFalse();
	}

	@Test
	void concurrentFirstLoginsOfOnePersonCreateOneUser() throws Exception {
		String subject = uniqueSubject();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<User>> logins = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				logins.add(() -> users.recordLogin(new SsoProfile(subject, "Zoé Lambert", "zoe@cabinet.fr",
						Role.EXPERT_COMPTABLE, FIRM, "Cabinet Lambert")));
			}
			List<User> results = new ArrayList<>();
			for (Future<User> login : pool.invokeAll(logins)) {
				results.add(login.get());
			}
			assertThat(results).extracting(User::id).containsOnly(results.get(0).id());
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(countRows(subject)).isEqualTo(1);
	}

	@Test
	void languageCanBeChangedToASupportedOneOnly() {
		User user = users.recordLogin(new SsoProfile(uniqueSubject(), "Léa Roux", "lea@cabinet.fr",
				Role.COLLABORATEUR, FIRM, "Cabinet Roux"));

		assertThat(users.changeLanguage(user.id(), "en")).get().extracting(User::language).isEqualTo("en");
		assertThatIllegalArgumentException().isThrownBy(() -> users.changeLanguage(user.id(), "de"));
		assertThat(users.findById(user.id()).orElseThrow().language()).isEqualTo("en");
		// A later login keeps the language the person chose.
		assertThat(users.recordLogin(new SsoProfile(user.subject(), "Léa Roux", "lea@cabinet.fr",
				Role.COLLABORATEUR, FIRM, "Cabinet Roux")).language()).isEqualTo("en");
	}

	@Test
	void administrationListShowsTheMostRecentLoginsFirst() {
		User older = users.recordLogin(new SsoProfile(uniqueSubject(), "Older", null, Role.PLATFORM_ADMIN, null, null));
		// A clock a second ahead, instead of sleeping: the newer login is later whatever the timer's resolution.
		Users later = new Users(store, java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(1)),
				events);
		User newer = later.recordLogin(new SsoProfile(uniqueSubject(), "Newer", null, Role.PLATFORM_ADMIN, null, null));

		List<User> listed = users.listForAdministration(500);
		assertThat(listed.indexOf(newer)).isLessThan(listed.indexOf(older)).isNotNegative();
		assertThat(users.listForAdministration(1)).hasSize(1);
		assertThat(users.listForAdministration(-5)).hasSize(1);
	}

	@Test
	void aFirmMemberNeedsAFirm() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new SsoProfile("x", "X", null, Role.COLLABORATEUR, null, null));
	}

	private int countRows(String subject) {
		return jdbc.sql("SELECT COUNT(*) FROM identity_user WHERE subject = :subject")
			.param("subject", subject)
			.query(Integer.class)
			.single();
	}

	private static String uniqueSubject() {
		return "test-" + UUID.randomUUID();
	}

}
