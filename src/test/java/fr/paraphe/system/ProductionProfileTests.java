package fr.paraphe.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import fr.paraphe.ParapheApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No demonstration stand-in runs in production: the demonstration identity provider, the demonstration payment
 * provider (which credits accounts for free), captured e-mail and SMS (codes recorded, never sent), and the
 * example OID arc 2.999. Each refusal names the setting to give.
 */
class ProductionProfileTests {

	/** Every production setting given; each test spoils exactly one. */
	private static final List<String> VALID = List.of("--server.port=0", "--paraphe.demo-idp.enabled=false",
			"--spring.datasource.url=jdbc:h2:mem:prod-check;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
			"--paraphe.pki.master-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
			"--paraphe.billing.payment-provider=acme", "--paraphe.mail.mode=smtp", "--paraphe.sms.mode=http",
			"--paraphe.sms.url=https://sms.example/send",
			"--paraphe.pki.policy-oid=1.2.250.1.999.1.1", "--paraphe.timestamp.policy-oid=1.2.250.1.999.1.2",
			"--paraphe.pki.one-time-policy-oid=1.2.250.1.999.1.3",
			"--paraphe.public-base-url=https://paraphe.example", "--paraphe.billing.seller.name=Paraphe SAS",
			"--paraphe.billing.seller.siren=732829320", "--paraphe.billing.seller.vat-number=FR44732829320",
			"--paraphe.billing.seller.address=1 rue de la Paix, 75002 Paris");

	private static final List<String> SETTINGS = List.of("paraphe.billing.payment-provider", "paraphe.mail.mode",
			"paraphe.sms.mode", "paraphe.pki.policy-oid", "paraphe.pki.one-time-policy-oid", "paraphe.timestamp.policy-oid", "paraphe.public-base-url",
			"paraphe.billing.seller.name", "paraphe.billing.seller.siren", "paraphe.billing.seller.vat-number",
			"paraphe.billing.seller.address");

	@Test
	void theProdProfileRefusesToStartWithTheDemonstrationProvider() {
		List<String> arguments = new ArrayList<>(VALID);
		arguments.remove("--paraphe.demo-idp.enabled=false");
		arguments.add("--paraphe.demo-idp.enabled=true");
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParapheApplication.class, RealPayments.class).profiles("prod");

		assertThatThrownBy(() -> application.run(arguments.toArray(String[]::new)))
			.hasStackTraceContaining("The demonstration identity provider must not run in production")
			.hasStackTraceContaining("paraphe.demo-idp.enabled=false");
	}

	@Test
	void theDemonstrationPaymentProviderIsRefused() {
		assertRefused("paraphe.billing.payment-provider", "--paraphe.billing.payment-provider=demo");
		assertRefused("paraphe.billing.payment-provider", "--paraphe.billing.payment-provider=");
	}

	@Test
	void receiptsNeedTheSellersIdentity() {
		assertRefused("paraphe.billing.seller.siren", "--paraphe.billing.seller.siren=");
		assertRefused("paraphe.billing.seller.siren", "--paraphe.billing.seller.siren=123456789");
		assertRefused("paraphe.billing.seller.vat-number", "--paraphe.billing.seller.vat-number=");
		assertRefused("paraphe.billing.seller.name", "--paraphe.billing.seller.name=");
		assertRefused("paraphe.billing.seller.address", "--paraphe.billing.seller.address=");
	}

	@Test
	void capturedMailIsRefused() {
		assertRefused("paraphe.mail.mode", "--paraphe.mail.mode=capture");
	}

	@Test
	void capturedSmsIsRefused() {
		assertRefused("paraphe.sms.mode", "--paraphe.sms.mode=capture");
	}

	@Test
	void exampleCertificatePolicyOidsAreRefused() {
		assertRefused("paraphe.pki.policy-oid", "--paraphe.pki.policy-oid=2.999.1.1");
		assertRefused("paraphe.timestamp.policy-oid", "--paraphe.timestamp.policy-oid=2.999");
		assertRefused("paraphe.pki.policy-oid", "--paraphe.pki.policy-oid=not an oid");
		assertRefused("paraphe.pki.one-time-policy-oid", "--paraphe.pki.one-time-policy-oid=2.999.1.3");
	}

	@Test
	void missingSettingsAreRefusedAllAtOnce() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParapheApplication.class, RealPayments.class).profiles("prod");

		assertThatThrownBy(() -> application.run("--server.port=0", "--paraphe.demo-idp.enabled=false",
				"--spring.datasource.url=jdbc:h2:mem:prod-check;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"))
			.satisfies(failure -> SETTINGS.forEach(setting -> assertThat(stackTrace(failure)).contains(setting)));
	}

	private static void assertRefused(String setting, String spoiled) {
		List<String> arguments = new ArrayList<>(VALID);
		String key = spoiled.substring(0, spoiled.indexOf('=') + 1);
		arguments.removeIf(argument -> argument.startsWith(key));
		arguments.add(spoiled);
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParapheApplication.class, RealPayments.class).profiles("prod");

		assertThatThrownBy(() -> application.run(arguments.toArray(String[]::new))).satisfies(failure -> {
			String trace = stackTrace(failure);
			assertThat(trace).contains("production").contains(setting);
			SETTINGS.stream().filter(other -> !other.equals(setting)).forEach(other -> assertThat(trace).doesNotContain(other));
		});
	}

	/** A real provider's bean, as a deployment declares one (a source here, not scanned by other tests). */
	static class RealPayments {

		@org.springframework.context.annotation.Bean
		fr.paraphe.billing.PaymentProvider acmePayments() {
			return new fr.paraphe.billing.PaymentProvider() {

				@Override
				public String name() {
					return "Acme";
				}

				@Override
				public String pay(fr.paraphe.shared.FirmId firm, fr.paraphe.shared.Money amount, String description) {
					throw new PaymentRefused("test");
				}

			};
		}

	}

	private static String stackTrace(Throwable failure) {
		StringBuilder trace = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			trace.append(cause).append('\n').append(Arrays.toString(cause.getStackTrace())).append('\n');
		}
		return trace.toString();
	}

}
