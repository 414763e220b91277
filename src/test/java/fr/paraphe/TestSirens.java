package fr.paraphe;

import java.util.concurrent.ThreadLocalRandom;

import fr.paraphe.shared.Siren;

/** Fresh valid SIRENs, so that tests sharing a database never meet each other's firms. */
public final class TestSirens {

	private TestSirens() {
	}

	public static Siren random() {
		StringBuilder digits = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			digits.append(ThreadLocalRandom.current().nextInt(10));
		}
		for (int check = 0; check < 10; check++) {
			if (Siren.isValid(digits.toString() + check)) {
				return new Siren(digits.toString() + check);
			}
		}
		throw new IllegalStateException("unreachable: one check digit always fits");
	}

}
