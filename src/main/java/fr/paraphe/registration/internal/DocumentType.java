package fr.paraphe.registration.internal;

/** The identity documents accepted, and whether their back is needed too. */
public enum DocumentType {

	CARTE_IDENTITE(true), PASSEPORT(false), PERMIS_CONDUIRE(true);

	private final boolean hasBack;

	DocumentType(boolean hasBack) {
		this.hasBack = hasBack;
	}

	/** Whether the back (verso) must be sent as well as the front. */
	public boolean hasBack() {
		return hasBack;
	}

}
