package fr.paraphe.timestamp.internal;

import java.time.Clock;

import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.KeyStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class TimestampConfiguration {

	@Bean
	SerialNumbers timeStampSerialNumbers(JdbcClient jdbc, Clock clock) {
		long node = jdbc.sql("SELECT nextval('timestamp_node_number')").query(Long.class).single();
		return new SerialNumbers(node, clock);
	}

	@Bean
	TimeStampAuthorityService timeStampAuthority(CertificationAuthority ca, KeyStore keyStore, SerialNumbers serials,
			TimestampProperties properties, Clock clock) {
		return new TimeStampAuthorityService(ca, keyStore, serials, properties, clock);
	}

}
