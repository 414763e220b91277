package fr.paraphe.signing.web;

import fr.paraphe.signing.internal.ApiKeyRing;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/** Puts {@link ApiGate} in front of every {@code /api/v1} route. */
@Configuration(proxyBeanMethods = false)
class ApiGateConfiguration implements WebMvcConfigurer {

	private final ApiGate gate;

	ApiGateConfiguration(ApiKeyRing apiKeys, MessageSource messages, JsonMapper json,
			fr.paraphe.signing.internal.ApiRateBuckets buckets) {
		this.gate = new ApiGate(apiKeys, messages, json, buckets);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(gate).addPathPatterns("/api/v1/**");
	}

}
