package fr.paraphe.shared;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

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

	/** The answers of {@link #postgres}, by data source (the application has one). */
	private static final Map<DataSource, Boolean> KNOWN = java.util.Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Whether {@code dataSource} is PostgreSQL (false for H2, and if the database cannot be asked): asked once per data
	 * source, and again after a failure to ask.
	 */
	public static boolean postgres(DataSource dataSource) {
		Boolean known = KNOWN.get(dataSource);
		if (known != null) {
			return known;
		}
		try {
			boolean postgres = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)
				.toLowerCase(Locale.ROOT)
				.contains("postgres");
			KNOWN.put(dataSource, postgres);
			return postgres;
		}
		catch (MetaDataAccessException unknown) {
			return false;
		}
	}

}
