package fr.paraphe.validation.internal;

import java.time.Clock;
import java.util.List;


import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the validator: DSS with the strict policy, every {@link TrustAnchorSource} bean (the configured
 * certificates, and whatever other modules declare), the limits of {@link ValidationProperties}.
 */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

	@Bean
	DssEngine dssEngine() {
		return new DssEngine();
	}

	@Bean
	Explanations validationExplanations(MessageSource messages) {
		return new Explanations(messages);
	}

	@Bean
	ReportPdf reportPdf(MessageSource messages, Explanations explanations) {
		return new ReportPdf(messages, explanations);
	}

	/** The seal of PDF reports: another module's, else the configured key store, else none. */
	@Bean
	ReportSeals reportSeals(ObjectProvider<fr.paraphe.validation.ReportSeal> declared, ValidationProperties properties) {
		String keyStore = properties.reportSeal().keyStore();
		return new ReportSeals(declared, keyStore == null || keyStore.isBlank() ? null
				: new KeyStoreReportSeal(properties.reportSeal()));
	}

	@Bean
	OnlineRevocation onlineRevocation(ValidationProperties properties, ObjectProvider<Clock> clock,
			fr.paraphe.pki.CertificationAuthority ca, fr.paraphe.pki.RevocationData revocationData) {
		ValidationProperties.Revocation revocation = properties.revocation();
		return new OnlineRevocation(
				new GuardedFetcher(revocation.allowList(), revocation.timeout(), (int) revocation.maxSize().toBytes()),
				revocation.fetch(), revocation.maxFetches(), new PlatformRevocation(ca, revocationData),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean(destroyMethod = "close")
	DefaultPdfValidator pdfValidator(DssEngine dss, ObjectProvider<TrustAnchorSource> sources,
			ValidationProperties properties, Explanations explanations, ObjectProvider<Clock> clock,
			TrustedListSource trustedLists, OnlineRevocation revocation) {
		DefaultPdfValidator.Limits limits = new DefaultPdfValidator.Limits(properties.maxDocumentSize().toBytes(),
				properties.timeout(), properties.concurrency(), properties.queueCapacity(),
				properties.maxMemoryPerDocument().toBytes(), properties.maxTempFilePerDocument().toBytes(),
				properties.maxCost(), properties.heavyCost());
		List<TrustAnchorSource> all = new LazyList(sources);
		return new DefaultPdfValidator(dss, all, trustedLists::certificateSource, limits, explanations,
				clock.getIfAvailable(Clock::systemUTC), revocation);
	}

	/** Asks the bean factory at each use, so sources declared by modules started later are seen. */
	private static final class LazyList extends java.util.AbstractList<TrustAnchorSource> {

		private final ObjectProvider<TrustAnchorSource> sources;

		LazyList(ObjectProvider<TrustAnchorSource> sources) {
			this.sources = sources;
		}

		private List<TrustAnchorSource> current() {
			return sources.orderedStream().toList();
		}

		@Override
		public TrustAnchorSource get(int index) {
			return current().get(index);
		}

		@Override
		public int size() {
			return current().size();
		}

		@Override
		public java.util.stream.Stream<TrustAnchorSource> stream() {
			return current().stream();
		}

	}

}
