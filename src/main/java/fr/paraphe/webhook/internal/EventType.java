package fr.paraphe.webhook.internal;

import java.util.Arrays;
import java.util.Optional;

/** The event types an endpoint subscribes to, with their names on the wire ({@code type} of the body). */
public enum EventType {

	COLLECTION_LAUNCHED("collection.launched"), COLLECTION_COMPLETED("collection.completed"),
	COLLECTION_DECLINED("collection.declined"), COLLECTION_EXPIRED("collection.expired"),
	COLLECTION_CANCELLED("collection.cancelled"), SIGNER_SIGNED("signer.signed"), SIGNER_DECLINED("signer.declined"),
	SEAL_CREATED("seal.created"), SEAL_JOB_COMPLETED("seal_job.completed"), BALANCE_LOW("balance.low"),
	CERTIFICATE_REVOKED("certificate.revoked");

	/** The type of the test event ("Envoyer un événement de test"): sent to one endpoint, whatever it chose. */
	public static final String TEST = "webhook.test";

	private final String wireName;

	EventType(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return wireName;
	}

	/** The type named {@code name} on the wire, if any. */
	public static Optional<EventType> fromWire(String name) {
		return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
	}

}
