package fr.paraphe.system;

import com.zaxxer.hikari.HikariDataSource;
import fr.paraphe.ParapheIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool is sized and timed by configuration (PARAPHE_DB_POOL_SIZE, PARAPHE_DB_CONNECTION_TIMEOUT…) and
 * measured.
 */
@ParapheIntegrationTest
class ConnectionPoolIntegrationTests {

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Environment environment;

	@Test
	void thePoolFollowsItsConfigurationAndIsMeasured() {
		assertThat(dataSource.getPoolName()).isEqualTo("paraphe");
		assertThat(dataSource.getMaximumPoolSize())
			.isEqualTo(environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class));
		assertThat(dataSource.getConnectionTimeout()).isEqualTo(10_000);
		assertThat(dataSource.getLeakDetectionThreshold()).isEqualTo(60_000);
		assertThat(meters.find("hikaricp.connections.max").tag("pool", "paraphe").gauge()).isNotNull();
		assertThat(meters.find("hikaricp.connections.pending").tag("pool", "paraphe").gauge()).isNotNull();
	}

}
