package fr.paraphe.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks 1.0 signatures: a secret is {@code whsec_} followed by the base64 of 32 random bytes; a
 * signature is {@code v1,} followed by the base64 of HMAC-SHA256(secret bytes, {@code id.timestamp.body}), and
 * the {@code webhook-signature} header lists one signature per secret in force, separated by spaces.
 */
public final class Signatures {

	/** The prefix of a secret, as the specification names it. */
	public static final String SECRET_PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Signatures() {
	}

	/** A new secret: 32 random bytes (the specification asks for 24 to 64). */
	public static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
	}

	/** {@code v1,<base64 HMAC-SHA256>} of {@code id.timestamp.body} under {@code secret}. */
	public static String sign(String secret, String id, long timestamp, byte[] body) {
		byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException impossible) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
		}
	}

	/** The {@code webhook-signature} header: one signature per secret, separated by spaces. */
	public static String header(List<String> secrets, String id, long timestamp, byte[] body) {
		return secrets.stream().map(secret -> sign(secret, id, timestamp, body)).collect(Collectors.joining(" "));
	}

}
