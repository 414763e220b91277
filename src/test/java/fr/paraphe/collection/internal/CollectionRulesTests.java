package fr.paraphe.collection.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.paraphe.shared.ProblemException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collections' rules that need no database: states, turns, reminders' schedule, contact details. */
class CollectionRulesTests {

	@Test
	void aCollectionMovesOnlyForward() {
		assertThat(CollectionStatus.DRAFT.mayBecome(CollectionStatus.IN_PROGRESS)).isTrue();
		assertThat(CollectionStatus.DRAFT.mayBecome(CollectionStatus.COMPLETED)).isFalse();
		assertThat(CollectionStatus.IN_PROGRESS.mayBecome(CollectionStatus.EXPIRED)).isTrue();
		assertThat(CollectionStatus.IN_PROGRESS.mayBecome(CollectionStatus.DRAFT)).isFalse();
		for (CollectionStatus ended : List.of(CollectionStatus.COMPLETED, CollectionStatus.DECLINED,
				CollectionStatus.EXPIRED, CollectionStatus.CANCELLED)) {
			assertThat(ended.ended()).isTrue();
			for (CollectionStatus next : CollectionStatus.values()) {
				assertThat(ended.mayBecome(next)).as(ended + " → " + next).isFalse();
			}
		}
	}

	@Test
	void remindersFollowTheScheduleThenRepeatTheLastInterval() {
		Instant invited = Instant.parse("2026-12-01T09:00:00Z");
		List<Integer> days = List.of(3, 7);
		assertThat(CollectionJobs.due(invited, days, 0)).isEqualTo(invited.plus(Duration.ofDays(3)));
		assertThat(CollectionJobs.due(invited, days, 1)).isEqualTo(invited.plus(Duration.ofDays(7)));
		assertThat(CollectionJobs.due(invited, days, 2)).isEqualTo(invited.plus(Duration.ofDays(14)));
		assertThat(CollectionJobs.due(invited, days, 3)).isEqualTo(invited.plus(Duration.ofDays(21)));
	}

	@Test
	void aSignersTurnComesWhenEveryEarlierStepSigned() {
		Collection.Signer first = signer(1, SignerStatus.SIGNED);
		Collection.Signer second = signer(2, SignerStatus.INVITED);
		Collection.Signer third = signer(2, SignerStatus.INVITED);
		Collection.Signer last = signer(3, SignerStatus.WAITING);
		List<Collection.Signer> all = List.of(first, second, third, last);
		assertThat(Invitations.turnOf(second, all)).isTrue();
		assertThat(Invitations.turnOf(third, all)).isTrue();
		assertThat(Invitations.turnOf(last, all)).isFalse();
	}

	@Test
	void contactDetailsAreCheckedAndFrenchMobilesBecomeE164() {
		assertThat(Collections.phone("06 12 34 56 78", 1)).isEqualTo("+33612345678");
		assertThat(Collections.phone("+33712345678", 1)).isEqualTo("+33712345678");
		assertThatThrownBy(() -> Collections.phone("12345", 2)).isInstanceOf(ProblemException.class)
			.hasMessageContaining("collection.error.phone");
		assertThat(Collections.email(" Claire.Martin@Exemple.FR ", 1)).isEqualTo("claire.martin@exemple.fr");
		assertThatThrownBy(() -> Collections.email("claire@", 1)).isInstanceOf(ProblemException.class);
		assertThatThrownBy(() -> Collections.email("a b@exemple.fr", 1)).isInstanceOf(ProblemException.class);
	}

	private static Collection.Signer signer(int step, SignerStatus status) {
		return new Collection.Signer(UUID.randomUUID(), step, step, SignerKind.CLIENT, null, "A", "B", "a@b.fr", null,
				null, Channel.EMAIL, status, null, null, null, null, List.of());
	}

}
