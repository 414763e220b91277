package fr.paraphe.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import fr.paraphe.ExternalTools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Standard Webhooks 1.0 signatures: the specification's published test vector, and openssl's HMAC. */
class SignaturesTests {

	@Test
	void theSpecificationsTestVectorIsReproduced() {
		assertThat(Signatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
				"{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void aNewSecretIsThirtyTwoRandomBytesAndBothSignaturesGoInOneHeader() {
		String first = Signatures.newSecret();
		String second = Signatures.newSecret();
		assertThat(first).startsWith("whsec_").isNotEqualTo(second);
		assertThat(Base64.getDecoder().decode(first.substring(6))).hasSize(32);
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		assertThat(Signatures.header(List.of(first, second), "msg_1", 1, body)).isEqualTo(
				Signatures.sign(first, "msg_1", 1, body) + " " + Signatures.sign(second, "msg_1", 1, body));
	}

	@Test
	void opensslComputesTheSameHmac() throws Exception {
		Path openssl = ExternalTools.require("openssl", "openssl");
		String secret = Signatures.newSecret();
		byte[] body = "{\"type\":\"seal.created\",\"data\":{\"é\":1}}".getBytes(StandardCharsets.UTF_8);
		Path content = Files.createTempFile("webhook-", ".txt");
		try {
			Files.write(content, ("msg_abc.1796073310." + new String(body, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8));
			String hexKey = HexFormat.of().formatHex(Base64.getDecoder().decode(secret.substring(6)));
			Process process = new ProcessBuilder(openssl.toString(), "dgst", "-sha256", "-mac", "HMAC", "-macopt",
					"hexkey:" + hexKey, "-binary", content.toString())
				.start();
			byte[] mac = process.getInputStream().readAllBytes();
			assertThat(process.waitFor()).isZero();
			assertThat(Signatures.sign(secret, "msg_abc", 1796073310, body))
				.isEqualTo("v1," + Base64.getEncoder().encodeToString(mac));
		}
		finally {
			Files.deleteIfExists(content);
		}
	}

}
