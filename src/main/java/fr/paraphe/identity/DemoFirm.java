package fr.paraphe.identity;

import fr.paraphe.shared.Siren;

/**
 * The firm of the demonstration identity provider's accounts ({@code expert}, {@code collab}), named once for the
 * modules that prepare the demonstration set-up (its seal, its API key).
 */
public final class DemoFirm {

	/** "Cabinet Démo"'s SIREN (a valid Luhn number). */
	public static final Siren SIREN = new Siren("732829320");

	public static final String NAME = "Cabinet Démo";

	private DemoFirm() {
	}

}
