package fr.paraphe.registration.internal;

/** Where a registration stands: waiting for an officer, or decided. */
public enum RegistrationStatus {

	PENDING, APPROVED, REJECTED

}
