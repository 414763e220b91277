package fr.paraphe.validation.web;

import java.time.Clock;

import fr.paraphe.validation.internal.ValidationProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the rate limit of the validation endpoints. */
@Configuration(proxyBeanMethods = false)
class ValidationWebConfiguration {

	@Bean
	RateLimitFilter rateLimitFilter(ValidationProperties properties, ObjectProvider<Clock> clock,
			org.springframework.jdbc.core.simple.JdbcClient jdbc,
			org.springframework.transaction.support.TransactionTemplate transactions,
			ObjectProvider<fr.paraphe.validation.ValidationApiKeys> apiKeys,
			org.springframework.context.MessageSource messages, javax.sql.DataSource dataSource) {
		return new RateLimitFilter(properties.rateLimitPerMinute(), properties.apiKeyRateLimitPerMinute(),
				clock.getIfAvailable(Clock::systemUTC), new RateLimitBuckets(jdbc, transactions, dataSource),
				secret -> {
					fr.paraphe.validation.ValidationApiKeys keys = apiKeys.getIfAvailable();
					return keys == null ? java.util.Optional.empty() : keys.keyId(secret);
				}, messages);
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> validationRateLimit(RateLimitFilter filter) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/api/v1/validations", "/valider");
		registration.setName("validationRateLimit");
		return registration;
	}

}
