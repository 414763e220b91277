package fr.paraphe.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.shared.FirmId;
import fr.paraphe.signing.internal.SignatureExtensions;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With revocation fetching on, a signature from another CA is extended to B-LT: its OCSP response is fetched from
 * the responder its certificate names (here a local server the allow-list lets through) and embedded.
 */
@ParapheIntegrationTest
@TestPropertySource(properties = "paraphe.validation.revocation.allow-list=127.0.0.1")
class ForeignExtensionIntegrationTests {

	static HttpServer server;

	static final AtomicInteger REQUESTS = new AtomicInteger();

	static TestPki foreign;

	@BeforeAll
	static void start() throws Exception {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/ocsp", exchange -> {
			REQUESTS.incrementAndGet();
			byte[] request;
			try (InputStream in = exchange.getRequestBody()) {
				request = in.readAllBytes();
			}
			byte[] response = foreign.ocspResponse(request, serial -> null);
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		});
		server.start();
		foreign = new TestPki("Autorite etrangere", "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp", null);
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	SignatureExtensions extensions;

	@Test
	void aSignatureFromAnotherCaIsExtendedToBLtWithItsOcspResponseFetched() throws Exception {
		User owner = users.recordLogin(new SsoProfile("foreign-ext-" + UUID.randomUUID(), "Eve Étendue", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Étendu"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		byte[] signed = TestSigner.sign(TestSigner.document("Signé ailleurs"),
				foreign.issue("Alice Ailleurs", "Ailleurs SA"), TestSigner.Options.approval(null));
		int before = REQUESTS.get();

		byte[] extended = extensions.extend(firm, owner.id(), signed, SignatureLevel.B_LT);

		assertThat(REQUESTS.get()).isGreaterThan(before);
		try (PDDocument document = Loader.loadPDF(extended)) {
			COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
			assertThat(dss).isNotNull();
			assertThat(dss.getCOSArray(COSName.getPDFName("OCSPs"))).as("the foreign OCSP response embedded").isNotEmpty();
		}
	}

}
