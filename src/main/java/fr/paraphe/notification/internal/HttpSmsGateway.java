package fr.paraphe.notification.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;


/**
 * An SMS provider's HTTP API: one JSON POST per message, bearer token, any 2xx is success.
 */
public final class HttpSmsGateway implements SmsGateway {

	private final SmsProperties properties;

	private final HttpClient client;

	public HttpSmsGateway(SmsProperties properties) {
		if (properties.url() == null) {
			throw new IllegalStateException("paraphe.sms.mode=http needs paraphe.sms.url");
		}
		this.properties = properties;
		this.client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
	}

	@Override
	public void send(String phone, String text) {
		String body = "{\"to\":" + json(phone) + ",\"text\":" + json(text) + ",\"sender\":" + json(properties.sender()) + "}";
		HttpRequest.Builder request = HttpRequest.newBuilder(properties.url())
			.timeout(properties.timeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (properties.token() != null && !properties.token().isBlank()) {
			request.header("Authorization", "Bearer " + properties.token());
		}
		try {
			HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException("The SMS provider answered " + response.statusCode());
			}
		}
		catch (IOException unreachable) {
			throw new IllegalStateException("The SMS provider cannot be reached", unreachable);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending an SMS", interrupted);
		}
	}

	static String json(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
