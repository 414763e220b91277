package fr.paraphe.collection.internal;

/** A signer's state: waiting for their turn, invited (their link opens), signed, or declined. */
public enum SignerStatus {

	WAITING, INVITED, SIGNED, DECLINED;

	/** Whether the signer is done (signed or declined). */
	public boolean finished() {
		return this == SIGNED || this == DECLINED;
	}

}
