package fr.paraphe.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The {@code prod} profile refuses to start with a demonstration stand-in: the demonstration payment provider
 * (credits accounts for free), captured e-mail or SMS (one-time codes recorded, never sent), a certificate or
 * time-stamp policy OID in the example arc 2.999 (ITU-T X.660: for examples only), or no public URL. Each refusal names the setting
 * to give; all of them are listed at once, before any bean is created.
 * <p>
 * A setting absent from the environment counts as its demonstration default: production states every one.
 */
public class ProductionSettings implements EnvironmentPostProcessor, Ordered {

	private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		List<String> refusals = check(environment::getProperty);
		if (!refusals.isEmpty()) {
			throw new IllegalStateException("Demonstration stand-ins must not run in production:\n- "
					+ String.join("\n- ", refusals));
		}
	}

	/** Source of the settings, by their canonical name. */
	interface Settings {

		String get(String name);

	}

	/** The settings that would leave a demonstration stand-in running, each with what to give instead. */
	static List<String> check(Settings settings) {
		List<String> refusals = new ArrayList<>();
		String publicUrl;
		try {
			publicUrl = value(settings, "paraphe.public-base-url");
		}
		catch (IllegalArgumentException unresolved) {
			// application-prod.properties reads it from ${PARAPHE_PUBLIC_BASE_URL}, with no default.
			publicUrl = "";
		}
		if (publicUrl.isEmpty()) {
			refusals.add("certificates and e-mails need the service's public URL: set PARAPHE_PUBLIC_BASE_URL "
					+ "(paraphe.public-base-url), e.g. https://paraphe.example");
		}
		String provider = value(settings, "paraphe.billing.payment-provider");
		if (provider.isEmpty() || provider.equalsIgnoreCase("demo")) {
			refusals.add("the demonstration payment provider credits accounts for free: set "
					+ "paraphe.billing.payment-provider (PARAPHE_BILLING_PAYMENT_PROVIDER) to the name of a real "
					+ "provider and declare its PaymentProvider bean (see README, Billing)");
		}
		if (!value(settings, "paraphe.mail.mode").equalsIgnoreCase("smtp")) {
			refusals.add("e-mails are only captured, never sent: set paraphe.mail.mode=smtp (PARAPHE_MAIL_MODE) "
					+ "and spring.mail.host");
		}
		if (!value(settings, "paraphe.sms.mode").equalsIgnoreCase("http")) {
			refusals.add("SMS are only captured, never sent: set paraphe.sms.mode=http (PARAPHE_SMS_MODE), "
					+ "paraphe.sms.url and PARAPHE_SMS_TOKEN");
		}
		for (String name : List.of("paraphe.pki.policy-oid", "paraphe.pki.one-time-policy-oid",
				"paraphe.timestamp.policy-oid")) {
			String oid = value(settings, name);
			if (!OID.matcher(oid).matches() || oid.equals("2.999") || oid.startsWith("2.999.")) {
				refusals.add("'" + oid + "' is not a policy OID of this operator (2.999 is the example arc): set "
						+ name + " (" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
						+ ") to the OID of the operator's published policy");
			}
		}
		return refusals;
	}

	private static String value(Settings settings, String name) {
		String value = settings.get(name);
		return value == null ? "" : value.trim();
	}

	/** After the configuration files and profiles are read. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
