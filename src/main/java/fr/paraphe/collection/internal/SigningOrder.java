package fr.paraphe.collection.internal;

/**
 * In which order signers sign: all together, one after another (by position), or groups in sequence (by step:
 * every signer of step 1, then of step 2...). The order is enforced when a link is opened.
 */
public enum SigningOrder {

	PARALLEL, SEQUENTIAL, GROUPS

}
