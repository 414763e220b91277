package fr.paraphe.registration.internal;

/** How the holder receives the one-time code that confirms a revocation. */
public enum RevocationChannel {

	EMAIL, SMS

}
