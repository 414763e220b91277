package fr.paraphe.validation.internal;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;


import org.springframework.context.support.ResourceBundleMessageSource;

/** Builds the validator outside Spring, as the configuration does, for fast tests. */
public final class Validators {

	static {
		// Without Spring, Logback logs everything at DEBUG: DSS and PDFBox would spend the tests' time writing logs.
		if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
			context.getLogger("eu.europa.esig").setLevel(ch.qos.logback.classic.Level.ERROR);
			context.getLogger("org.apache.pdfbox").setLevel(ch.qos.logback.classic.Level.OFF);
			context.getLogger("org.apache.fontbox").setLevel(ch.qos.logback.classic.Level.OFF);
		}
	}

	private static final DssEngine DSS = new DssEngine();

	private Validators() {
	}

	public static DefaultPdfValidator.Limits limits() {
		return new DefaultPdfValidator.Limits(20L << 20, Duration.ofSeconds(10), 2, 8, 32L << 20, 256L << 20,
				200_000_000L, 2_000_000L);
	}

	public static DefaultPdfValidator trusting(X509Certificate... anchors) {
		return trusting(limits(), anchors);
	}

	public static DefaultPdfValidator trusting(DefaultPdfValidator.Limits limits, X509Certificate... anchors) {
		return trusting(limits, Clock.systemUTC(), anchors);
	}

	static DefaultPdfValidator trusting(DefaultPdfValidator.Limits limits, Clock clock, X509Certificate... anchors) {
		TrustAnchorSource source = () -> List.of(anchors);
		return new DefaultPdfValidator(DSS, List.of(source), () -> null, limits, new Explanations(messages()), clock);
	}

	public static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	public static ValidationReport validate(DefaultPdfValidator validator, byte[] pdf) {
		return validator.validate(new ByteArrayInputStream(pdf), "test.pdf", Locale.FRENCH);
	}

}
