package fr.paraphe.timestamp.internal;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerialNumbersTests {

	@Test
	void strictlyIncreasingEvenWhenTheClockStandsStill() {
		SerialNumbers serials = new SerialNumbers(7, Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
		BigInteger previous = BigInteger.ZERO;
		for (int i = 0; i < 1000; i++) {
			BigInteger next = serials.next();
			assertThat(next).isGreaterThan(previous);
			assertThat(next.intValue() & 0xFFFF).isEqualTo(7);
			previous = next;
		}
	}

	@Test
	void twoNodesAtTheSameInstantNeverCollide() {
		Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
		SerialNumbers first = new SerialNumbers(1, clock);
		SerialNumbers second = new SerialNumbers(2, clock);
		Set<BigInteger> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			assertThat(seen.add(first.next())).isTrue();
			assertThat(seen.add(second.next())).isTrue();
		}
	}

}
