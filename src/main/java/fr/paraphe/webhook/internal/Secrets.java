package fr.paraphe.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The additional authenticated data that binds an encrypted endpoint secret to its row. */
public final class Secrets {

	private Secrets() {
	}

	public static byte[] context(UUID endpoint) {
		return ("webhook-endpoint:" + endpoint).getBytes(StandardCharsets.UTF_8);
	}

}
