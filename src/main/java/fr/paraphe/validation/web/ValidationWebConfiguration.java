package fr.paraphe.validation.web;

import java.time.Clock;

import fr.paraphe.validation.ValidationProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the rate limit of the validation endpoints. */
@Configuration(proxyBeanMethods = false)
class ValidationWebConfiguration {

	@Bean
	FilterRegistrationBean<RateLimitFilter> validationRateLimit(ValidationProperties properties,
			ObjectProvider<Clock> clock) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(properties.rateLimitPerMinute(), clock.getIfAvailable(Clock::systemUTC)));
		registration.addUrlPatterns("/api/v1/validations", "/valider");
		registration.setName("validationRateLimit");
		return registration;
	}

}
