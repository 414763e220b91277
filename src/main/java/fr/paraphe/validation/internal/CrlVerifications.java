package fr.paraphe.validation.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.security.cert.X509CRLEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.europa.esig.dss.crl.CRLBinary;
import eu.europa.esig.dss.crl.CRLValidity;
import eu.europa.esig.dss.crl.ICRLUtils;
import eu.europa.esig.dss.crl.stream.impl.CRLUtilsStreamImpl;
import eu.europa.esig.dss.model.x509.CertificateToken;

/**
 * EU DSS's CRL parser (dss-crl-parser-stream), remembering what it found about a given CRL signed by a given
 * issuer. DSS checks the signature of every CRL a document carries at every validation; the same CRL (a CA
 * publishes one a day, and the documents of that day carry it) then costs one signature check instead of one per
 * document — about a tenth of a validation's time.
 *
 * <p>
 * What is remembered depends only on the CRL's exact bytes and the issuer's exact certificate (both by SHA-256):
 * the signature's validity, the issuer's name and key usage, the dates, extensions and number the CRL states. It
 * is therefore never stale: a newer CRL (one that lists a certificate revoked since) has other bytes and is read
 * and checked afresh, and the CRL's dates are compared with the validation time by DSS at each validation, as
 * without this cache. Bounded to {@value #CAPACITY} CRLs, the least recently used forgotten first; nothing of the
 * CRL's content (its entries) is kept, only its findings.
 * </p>
 *
 * <p>
 * Registered for {@link java.util.ServiceLoader} in {@code META-INF/services}, where DSS's {@code CRLUtils} looks
 * for an implementation and takes the first it finds (the application's own classes come first on the class
 * path); {@code CrlVerificationsTests} checks that this one is taken.
 * </p>
 */
public final class CrlVerifications implements ICRLUtils {

	static final int CAPACITY = 256;

	private static final CRLBinary NO_BYTES = new CRLBinary(new byte[0]);

	/** The fields of a CRL's findings, copied from the remembered ones; its bytes and issuer are the caller's. */
	private static final List<Field> FINDINGS = findings();

	private static final Map<String, CRLValidity> REMEMBERED = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, CRLValidity> eldest) {
			return size() > CAPACITY;
		}

	};

	private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

	private static long checks;

	private final ICRLUtils parser;

	public CrlVerifications() {
		this(new CRLUtilsStreamImpl());
	}

	CrlVerifications(ICRLUtils parser) {
		this.parser = parser;
	}

	@Override
	public CRLBinary buildCRLBinary(byte[] binaries) {
		return parser.buildCRLBinary(binaries);
	}

	/**
	 * Remembers CRLs' findings in the current thread until the scope is closed: Paraphe's validations only (see
	 * {@link DssEngine}); any other use of DSS in the application (the pades module's extensions, a benchmark's
	 * plain DSS) reads every CRL as DSS does.
	 */
	static Scope remembering() {
		boolean outer = ACTIVE.get();
		ACTIVE.set(true);
		return () -> ACTIVE.set(outer);
	}

	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

	@Override
	public CRLValidity buildCRLValidity(CRLBinary crlBinary, CertificateToken issuerToken) throws IOException {
		if (!ACTIVE.get()) {
			return parser.buildCRLValidity(crlBinary, issuerToken);
		}
		String key = crlBinary.asXmlId() + ' ' + issuerToken.getDSSIdAsString();
		CRLValidity known;
		synchronized (REMEMBERED) {
			known = REMEMBERED.get(key);
		}
		if (known != null) {
			return copy(known, crlBinary, issuerToken);
		}
		CRLValidity found = parser.buildCRLValidity(crlBinary, issuerToken);
		synchronized (REMEMBERED) {
			checks++;
			REMEMBERED.put(key, copy(found, NO_BYTES, found.getIssuerToken()));
		}
		return found;
	}

	@Override
	public X509CRLEntry getRevocationInfo(CRLValidity crlValidity, BigInteger serialNumber) {
		return parser.getRevocationInfo(crlValidity, serialNumber);
	}

	/**
	 * How many CRLs were read and their signature checked in Paraphe's validations (not found among the remembered
	 * ones), since start.
	 */
	static long checks() {
		synchronized (REMEMBERED) {
			return checks;
		}
	}

	/** How many CRLs are remembered now. */
	static int remembered() {
		synchronized (REMEMBERED) {
			return REMEMBERED.size();
		}
	}

	/** The findings of {@code source} for {@code bytes}, signed by {@code issuer} when the signature was valid. */
	private static CRLValidity copy(CRLValidity source, CRLBinary bytes, CertificateToken issuer) {
		CRLValidity copy = new CRLValidity(bytes);
		try {
			for (Field field : FINDINGS) {
				field.set(copy, field.get(source));
			}
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
		copy.setIssuerToken(source.getIssuerToken() == null ? null : issuer);
		return copy;
	}

	private static List<Field> findings() {
		List<Field> fields = new ArrayList<>();
		for (Field field : CRLValidity.class.getDeclaredFields()) {
			int modifiers = field.getModifiers();
			if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)
					|| field.getType() == CertificateToken.class) {
				continue;
			}
			field.setAccessible(true);
			fields.add(field);
		}
		return List.copyOf(fields);
	}

}
