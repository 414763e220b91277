package fr.paraphe.registration;

/** Civilité. */
public enum Civility {

	MADAME, MONSIEUR

}
