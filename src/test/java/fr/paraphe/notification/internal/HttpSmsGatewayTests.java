package fr.paraphe.notification.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP SMS gateway against a stand-in provider. */
class HttpSmsGatewayTests {

	private HttpServer provider;

	private final AtomicReference<String> body = new AtomicReference<>();

	private final AtomicReference<String> authorization = new AtomicReference<>();

	private volatile int status = 202;

	@BeforeEach
	void start() throws Exception {
		provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		provider.createContext("/sms", exchange -> {
			body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		provider.start();
	}

	@AfterEach
	void stop() {
		provider.stop(0);
	}

	@Test
	void postsJsonWithTheBearerToken() {
		HttpSmsGateway gateway = new HttpSmsGateway(properties());
		gateway.send("+33612345678", "Paraphe : votre code est 123456 \"ok\"");
		assertThat(body.get()).isEqualTo(
				"{\"to\":\"+33612345678\",\"text\":\"Paraphe : votre code est 123456 \\\"ok\\\"\",\"sender\":\"Paraphe\"}");
		assertThat(authorization.get()).isEqualTo("Bearer secret-token");
	}

	@Test
	void aRefusalIsAnError() {
		status = 401;
		HttpSmsGateway gateway = new HttpSmsGateway(properties());
		assertThatThrownBy(() -> gateway.send("+33612345678", "x")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("401");
	}

	private SmsProperties properties() {
		return new SmsProperties(SmsProperties.Mode.HTTP,
				URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/sms"), "secret-token", "Paraphe",
				Duration.ofSeconds(5));
	}

}
