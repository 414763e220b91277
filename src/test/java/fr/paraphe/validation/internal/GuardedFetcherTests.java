package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import fr.paraphe.validation.internal.GuardedFetcher.FetchException;
import fr.paraphe.validation.internal.GuardedFetcher.Outcome;

import org.junit.jupiter.api.Test;

/** The SSRF guards of revocation fetching: schemes, addresses after resolution, the allow-list, the size limit. */
class GuardedFetcherTests {

	@Test
	void onlyPublicAddressesArePublic() throws IOException {
		for (String address : List.of("127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
				"100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "ff02::1")) {
			assertThat(GuardedFetcher.isPublic(InetAddress.getByName(address))).as(address).isFalse();
		}
		for (String address : List.of("193.51.24.1", "8.8.8.8", "2001:4860:4860::8888")) {
			assertThat(GuardedFetcher.isPublic(InetAddress.getByName(address))).as(address).isTrue();
		}
	}

	@Test
	void theAllowListTakesAddressesAndNetworks() throws IOException {
		assertThat(GuardedFetcher.matches("127.0.0.1", InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(GuardedFetcher.matches("10.0.0.0/8", InetAddress.getByName("10.20.30.40"))).isTrue();
		assertThat(GuardedFetcher.matches("10.0.0.0/8", InetAddress.getByName("11.0.0.1"))).isFalse();
		assertThat(GuardedFetcher.matches("127.0.0.1", InetAddress.getByName("127.0.0.2"))).isFalse();
	}

	@Test
	void otherSchemesAndPrivateAddressesAreRefusedBeforeAnyConnection() {
		GuardedFetcher fetcher = new GuardedFetcher(List.of(), Duration.ofSeconds(5), 1 << 20);
		for (String url : List.of("file:///etc/passwd", "ftp://example.org/ca.crl", "ldap://example.org/cn=ca",
				"gopher://example.org/", "http://user:secret@example.org/ca.crl")) {
			assertThatThrownBy(() -> fetcher.fetch(url, null, null)).as(url)
				.isInstanceOfSatisfying(FetchException.class,
						refused -> assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED_SCHEME));
		}
		for (String url : List.of("http://127.0.0.1/ocsp", "http://localhost:8080/pki/ocsp", "http://10.0.0.1/ocsp",
				"http://[::1]/ocsp", "http://169.254.169.254/latest/meta-data/", "https://192.168.0.1/ca.crl")) {
			assertThatThrownBy(() -> fetcher.fetch(url, null, null)).as(url)
				.isInstanceOfSatisfying(FetchException.class,
						refused -> assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED_ADDRESS));
		}
	}

	@Test
	void anAnswerLargerThanTheLimitIsRefusedAndAnAllowListedOneRead() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/big", exchange -> {
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(new byte[3000]);
			}
		});
		server.createContext("/small", exchange -> {
			exchange.sendResponseHeaders(200, 5);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("hello".getBytes());
			}
		});
		server.createContext("/moved", exchange -> {
			exchange.getResponseHeaders().add("Location", "http://10.0.0.1/");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			GuardedFetcher fetcher = new GuardedFetcher(List.of("127.0.0.1"), Duration.ofSeconds(5), 1000);

			assertThat(fetcher.fetch(base + "/small", null, null)).isEqualTo("hello".getBytes());
			assertThatThrownBy(() -> fetcher.fetch(base + "/big", null, null))
				.isInstanceOfSatisfying(FetchException.class,
						refused -> assertThat(refused.outcome()).isEqualTo(Outcome.TOO_LARGE));
			assertThatThrownBy(() -> fetcher.fetch(base + "/moved", null, null)).as("redirects are not followed")
				.isInstanceOfSatisfying(FetchException.class,
						refused -> assertThat(refused.outcome()).isEqualTo(Outcome.FAILED));
		}
		finally {
			server.stop(0);
		}
	}

}
