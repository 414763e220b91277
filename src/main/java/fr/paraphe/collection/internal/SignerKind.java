package fr.paraphe.collection.internal;

/** A client (no account: a one-time certificate) or a member of the firm (their own registration certificate). */
public enum SignerKind {

	CLIENT, MEMBER

}
