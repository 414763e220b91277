package fr.paraphe.collection.internal;

/**
 * What a signer types when signing, for the options the preparer set ({@link SignerOptions}).
 *
 * @param mention the mention as typed ("lu et approuvé")
 * @param city the city of "Fait à …, le …"
 */
public record SignerInput(String mention, String city) {

	public static final SignerInput NONE = new SignerInput(null, null);

}
