package fr.paraphe.shared;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database a data source reaches, for the few statements written for each (PostgreSQL in production, the
 * in-memory H2 of the tests): a lock wait of a given length, a value returned by an {@code UPDATE}.
 */
public final class Databases {

	private Databases() {
	}

	/** Whether {@code dataSource} is PostgreSQL (false for H2, and if the database cannot be asked). */
	public static boolean postgres(DataSource dataSource) {
		try {
			return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)
				.toLowerCase(Locale.ROOT)
				.contains("postgres");
		}
		catch (MetaDataAccessException unknown) {
			return false;
		}
	}

}
