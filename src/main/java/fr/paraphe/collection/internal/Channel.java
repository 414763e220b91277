package fr.paraphe.collection.internal;

/** How a signer proves themselves: the one-time code goes by e-mail, by SMS, or both. */
public enum Channel {

	EMAIL, SMS, BOTH;

	public boolean email() {
		return this != SMS;
	}

	public boolean sms() {
		return this != EMAIL;
	}

}
