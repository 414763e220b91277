package fr.paraphe.registration.internal;

/** Civilité. */
public enum Civility {

	MADAME, MONSIEUR

}
