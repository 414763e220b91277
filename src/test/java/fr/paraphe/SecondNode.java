package fr.paraphe;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second node of the application beside the test's own, as behind a load balancer: same profile, same database
 * (the in-memory H2 of this JVM, or the PostgreSQL of the test properties), its own random port. Close it after the
 * test class.
 */
public final class SecondNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondNode(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static SecondNode start() {
		return new SecondNode(new SpringApplicationBuilder(ParapheApplication.class).profiles("test").run("--server.port=0"));
	}

	public int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Override
	public void close() {
		context.close();
	}

}
