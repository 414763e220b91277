package fr.paraphe.firm;

/** A person's place in a firm. */
public enum FirmRole {

	/** An expert-comptable of the firm: all delegations, manages the others. */
	OWNER,
	/** An employee: only what their delegations allow. */
	COLLABORATOR

}
