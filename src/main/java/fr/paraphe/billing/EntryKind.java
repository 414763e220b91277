package fr.paraphe.billing;

/** The movements of the ledger, and which way each moves the balance. */
public enum EntryKind {

	CREDIT(1), DEBIT(-1), RESERVATION(-1), RELEASE(1);

	private final int sign;

	EntryKind(int sign) {
		this.sign = sign;
	}

	/** +1 when the entry raises the balance, -1 when it lowers it. */
	public int sign() {
		return sign;
	}

}
