package fr.paraphe.timestamp.internal;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-stamp serial numbers (RFC 3161 §2.4.2: unique for each token of this TSA), increasing, without a
 * database round trip per token: the microseconds since the epoch, strictly increasing on this node,
 * shifted left 16 bits, plus this node's number (taken from a database sequence at start, so two nodes
 * never share one). Two nodes never produce the same serial, and serials follow issuance time.
 */
public class SerialNumbers {

	private final long node;

	private final Clock clock;

	private final AtomicLong last = new AtomicLong();

	public SerialNumbers(long nodeNumber, Clock clock) {
		this.node = Math.floorMod(nodeNumber, 1 << 16);
		this.clock = clock;
	}

	public BigInteger next() {
		Instant now = clock.instant();
		long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
		long value = last.accumulateAndGet(micros, (previous, current) -> Math.max(previous + 1, current));
		return BigInteger.valueOf(value).shiftLeft(16).or(BigInteger.valueOf(node));
	}

}
