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

	/**
	 * Its owner, Claire Martin, as the demonstration provider describes her ({@code expert}): what the demonstration
	 * set-up records so that the firm exists before anyone logs in.
	 */
	public static SsoProfile owner() {
		return new SsoProfile("demo-expert", "Claire Martin", "claire.martin@cabinet-demo.fr", Role.EXPERT_COMPTABLE,
				SIREN, NAME, null, "expert");
	}

	private DemoFirm() {
	}

}
