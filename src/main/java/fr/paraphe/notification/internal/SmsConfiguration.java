package fr.paraphe.notification.internal;


import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SMS gateway chosen by {@code paraphe.sms.mode}; in capture mode messages are only recorded. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	@Bean
	SmsGateway smsGateway(SmsProperties properties) {
		if (properties.mode() == SmsProperties.Mode.HTTP) {
			return new HttpSmsGateway(properties);
		}
		return (phone, text) -> {
			// Capture: the record in notification_message is the whole delivery.
		};
	}

}
