package fr.paraphe.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import fr.paraphe.webhook.internal.Webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for the tests, on http://localhost and a random port, with its own check of the Standard
 * Webhooks 1.0 signature (written here from the specification, independently of the module's code): the signed
 * content is {@code webhook-id + "." + webhook-timestamp + "." + body}, the key the base64 part of the
 * {@code whsec_} secret, and {@code webhook-signature} lists {@code v1,<base64 HMAC-SHA256>} entries separated by
 * spaces. Each request is recorded with the secrets whose signature it carries.
 */
public final class WebhookReceiver implements AutoCloseable {

	/** One request received. */
	public record Received(String path, String id, long timestamp, String body, List<String> signatures,
			List<String> verifiedSecrets, int answered, long receivedAtNanos) {
	}

	/** What the receiver answers to the n-th request (from 1) of a webhook-id: a status, or a delay first. */
	public record Answer(int status, long sleepMillis) {

		static Answer ok() {
			return new Answer(200, 0);
		}

		static Answer status(int status) {
			return new Answer(status, 0);
		}

		static Answer slow(long millis) {
			return new Answer(200, millis);
		}

	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> countById = new ConcurrentHashMap<>();

	private final Map<String, IntFunction<Answer>> behaviours = new ConcurrentHashMap<>();

	private final List<String> secrets = new CopyOnWriteArrayList<>();

	public WebhookReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 100);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/", this::handle);
		server.start();
	}

	/** The URL of {@code path} on this receiver: http://localhost:port/path. */
	public String url(String path) {
		return "http://localhost:" + server.getAddress().getPort() + path;
	}

	/** Secrets the receiver knows, to verify signatures with. */
	public void trust(String secret) {
		secrets.add(secret);
	}

	/** How {@code path} answers the n-th request of one webhook-id (default: 200 at once). */
	public void behave(String path, IntFunction<Answer> behaviour) {
		behaviours.put(path, behaviour);
	}

	public List<Received> received() {
		return new ArrayList<>(received);
	}

	public List<Received> received(String id) {
		return received.stream().filter(one -> one.id().equals(id)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
			List<String> signatures = signature == null ? List.of() : List.of(signature.split(" "));
			List<String> verified = new ArrayList<>();
			for (String secret : secrets) {
				String expected = expectedSignature(secret, id, timestamp, body);
				for (String one : signatures) {
					if (MessageDigest.isEqual(one.getBytes(StandardCharsets.US_ASCII),
							expected.getBytes(StandardCharsets.US_ASCII))) {
						verified.add(secret);
					}
				}
			}
			String path = exchange.getRequestURI().getPath();
			int nth = countById.computeIfAbsent(String.valueOf(id), key -> new AtomicInteger()).incrementAndGet();
			Answer answer = behaviours.getOrDefault(path, n -> Answer.ok()).apply(nth);
			// Recorded on arrival: a request the sender stops waiting for (a timeout) was still received.
			received.add(new Received(path, id, timestamp == null ? -1 : Long.parseLong(timestamp),
					new String(body, StandardCharsets.UTF_8), signatures, verified, answer.status(), System.nanoTime()));
			if (answer.sleepMillis() > 0) {
				try {
					Thread.sleep(answer.sleepMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			exchange.sendResponseHeaders(answer.status(), -1);
		}
		catch (IOException | RuntimeException ex) {
			// the sender gave up (a timeout): nothing to answer
		}
	}

	/** Standard Webhooks 1.0, "Verifying webhook authenticity". */
	public static String expectedSignature(String secret, String id, String timestamp, byte[] body) {
		try {
			byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] content = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8);
			return "v1," + Base64.getEncoder().encodeToString(hmac.doFinal(content));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
