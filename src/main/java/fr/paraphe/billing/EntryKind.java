package fr.paraphe.billing;

/**
 * The movements of the ledger, and which way each moves the balance. REFUND: a closed firm's remaining balance paid
 * back by the platform (by bank transfer, out of Paraphe).
 */
public enum EntryKind {

	CREDIT(1), DEBIT(-1), RESERVATION(-1), RELEASE(1), REFUND(-1);

	private final int sign;

	EntryKind(int sign) {
		this.sign = sign;
	}

	/** +1 when the entry raises the balance, -1 when it lowers it. */
	public int sign() {
		return sign;
	}

}
