package fr.paraphe.otp;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.MutableClock;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.otp.OneTimeCodes.Check;
import fr.paraphe.otp.OneTimeCodes.Issued;
import fr.paraphe.otp.OneTimeCodes.Purpose;
import fr.paraphe.otp.OneTimeCodes.Verdict;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of every one-time code, once for all its users (personal signatures, revocations): replay, expiry,
 * tries, binding to the request and the purpose, what is stored, the comparison.
 */
@ParapheIntegrationTest
class OneTimeCodesIntegrationTests {

	private static final Purpose PURPOSE = new Purpose("test.purpose", Duration.ofMinutes(10), 3);

	@Autowired
	OneTimeCodes codes;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCodeIsSixDigitsAcceptedOnceThenReplayIsRefused() {
		UUID binding = UUID.randomUUID();
		Issued issued = codes.issue(PURPOSE, binding, UUID.randomUUID());
		assertThat(issued.code()).matches("[0-9]{6}");
		assertThat(issued.toString()).doesNotContain(issued.code());
		assertThat(codes.check(PURPOSE, binding, " " + issued.code() + " ").verdict()).isEqualTo(Verdict.ACCEPTED);
		assertThat(codes.check(PURPOSE, binding, issued.code()).verdict()).isEqualTo(Verdict.USED);
	}

	@Test
	void onlyTheHashBoundToTheRequestIsStored() {
		UUID binding = UUID.randomUUID();
		Issued issued = codes.issue(PURPOSE, binding, null);
		Map<String, Object> row = jdbc.sql("SELECT * FROM otp_code WHERE binding = ?").param(binding).query().singleRow();
		assertThat(row.values()).extracting(String::valueOf).noneMatch(value -> value.contains(issued.code()));
		assertThat(row.get("code_hash")).isEqualTo(OneTimeCodes.hash(binding, issued.code()));
		// The same code bound to another request hashes differently.
		assertThat(OneTimeCodes.hash(UUID.randomUUID(), issued.code())).isNotEqualTo(row.get("code_hash"));
	}

	@Test
	void aCodeWorksOnlyForItsBindingAndItsPurpose() {
		UUID binding = UUID.randomUUID();
		Issued issued = codes.issue(PURPOSE, binding, null);
		UUID other = UUID.randomUUID();
		codes.issue(PURPOSE, other, null);
		Check elsewhere = codes.check(PURPOSE, other, issued.code());
		// A six-digit collision is possible (1 in a million): then the other request's code was guessed.
		assertThat(elsewhere.verdict()).isIn(Verdict.WRONG, Verdict.ACCEPTED);
		Purpose another = new Purpose("test.another", Duration.ofMinutes(10), 3);
		assertThat(codes.check(another, binding, issued.code()).verdict()).isEqualTo(Verdict.UNKNOWN);
		assertThat(codes.check(PURPOSE, binding, issued.code()).verdict()).isEqualTo(Verdict.ACCEPTED);
	}

	@Test
	void wrongTriesAreCountedAndTheLastOneBurnsTheCode() {
		UUID binding = UUID.randomUUID();
		Issued issued = codes.issue(PURPOSE, binding, null);
		String wrong = issued.code().equals("000000") ? "111111" : "000000";
		assertThat(codes.check(PURPOSE, binding, wrong)).isEqualTo(new Check(Verdict.WRONG, 2, true));
		assertThat(codes.check(PURPOSE, binding, "abc")).isEqualTo(new Check(Verdict.WRONG, 1, true));
		assertThat(codes.check(PURPOSE, binding, wrong)).isEqualTo(new Check(Verdict.BURNED, 0, true));
		assertThat(codes.check(PURPOSE, binding, issued.code())).isEqualTo(new Check(Verdict.BURNED, 0, false));
		assertThat(jdbc.sql("SELECT failed_tries FROM otp_code WHERE binding = ?").param(binding).query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aCodeExpiresAfterItsValidityEvenWhenRight() {
		MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
		OneTimeCodes timed = codes.at(clock);
		UUID binding = UUID.randomUUID();
		Issued issued = timed.issue(PURPOSE, binding, null);
		assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
		clock.advance(Duration.ofMinutes(10));
		UUID still = UUID.randomUUID();
		Issued inTime = timed.issue(PURPOSE, still, null);
		clock.advance(Duration.ofSeconds(1));
		assertThat(timed.check(PURPOSE, binding, issued.code()).verdict()).isEqualTo(Verdict.EXPIRED);
		assertThat(timed.check(PURPOSE, binding, issued.code()).verdict()).isEqualTo(Verdict.EXPIRED);
		assertThat(timed.check(PURPOSE, still, inTime.code()).verdict()).isEqualTo(Verdict.ACCEPTED);
	}

	@Test
	void aNewCodeSupersedesThePendingOneOfTheSameBindingOrOwner() {
		UUID binding = UUID.randomUUID();
		Issued first = codes.issue(PURPOSE, binding, null);
		Issued second = codes.issue(PURPOSE, binding, null);
		if (!first.code().equals(second.code())) {
			assertThat(codes.check(PURPOSE, binding, first.code()).verdict()).isEqualTo(Verdict.WRONG);
		}
		assertThat(codes.check(PURPOSE, binding, second.code()).verdict()).isEqualTo(Verdict.ACCEPTED);

		UUID owner = UUID.randomUUID();
		UUID older = UUID.randomUUID();
		Issued olderCode = codes.issue(PURPOSE, older, owner);
		codes.supersedeOwnersCodes(PURPOSE, owner);
		assertThat(codes.check(PURPOSE, older, olderCode.code()).verdict()).isEqualTo(Verdict.SUPERSEDED);
	}

	@Test
	void theComparisonIsOfWholeHashes() {
		String hash = OneTimeCodes.hash(UUID.randomUUID(), "123456");
		assertThat(OneTimeCodes.matches(hash, hash)).isTrue();
		assertThat(OneTimeCodes.matches(hash.substring(0, 63) + (hash.endsWith("0") ? "1" : "0"), hash)).isFalse();
		assertThat(OneTimeCodes.matches(hash.substring(0, 32), hash)).isFalse();
		assertThat(OneTimeCodes.matches("", hash)).isFalse();
	}

}
