package fr.paraphe.billing;

/** What a debit pays for. */
public enum Operation {

	SIGNATURE, SEAL, COLLECTION_SIGNER

}
