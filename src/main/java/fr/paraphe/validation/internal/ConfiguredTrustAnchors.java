package fr.paraphe.validation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;


import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The trust anchors of {@code paraphe.validation.trusted-certificates}: every certificate of a folder of
 * .crt/.pem/.cer/.der files, or every certificate of a PKCS#12 file. Read once at start-up; a missing or
 * unreadable source stops the start, since silently trusting nothing would make every signature indeterminate.
 */
@Component
class ConfiguredTrustAnchors implements TrustAnchorSource {

	private final List<X509Certificate> certificates;

	ConfiguredTrustAnchors(ValidationProperties properties) {
		this.certificates = load(properties.trustedCertificates(), properties.trustedCertificatesPassword());
	}

	@Override
	public Collection<X509Certificate> trustAnchors() {
		return certificates;
	}

	static List<X509Certificate> load(String location, String password) {
		if (!StringUtils.hasText(location)) {
			return List.of();
		}
		Path path = Path.of(location);
		try {
			if (Files.isDirectory(path)) {
				List<X509Certificate> found = new ArrayList<>();
				try (Stream<Path> files = Files.list(path)) {
					for (Path file : files.sorted().toList()) {
						String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
						if (name.endsWith(".crt") || name.endsWith(".pem") || name.endsWith(".cer")
								|| name.endsWith(".der")) {
							found.addAll(readCertificates(file));
						}
					}
				}
				return Collections.unmodifiableList(found);
			}
			if (Files.isRegularFile(path)) {
				String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
				if (name.endsWith(".p12") || name.endsWith(".pfx")) {
					return readPkcs12(path, password);
				}
				return readCertificates(path);
			}
			throw new IllegalStateException("paraphe.validation.trusted-certificates: " + location + " does not exist");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("paraphe.validation.trusted-certificates: cannot read " + location, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("paraphe.validation.trusted-certificates: cannot read " + location, ex);
		}
	}

	private static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		try (InputStream in = Files.newInputStream(file)) {
			List<X509Certificate> found = new ArrayList<>();
			for (Certificate certificate : factory.generateCertificates(in)) {
				found.add((X509Certificate) certificate);
			}
			return found;
		}
	}

	private static List<X509Certificate> readPkcs12(Path file, String password)
			throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password == null ? new char[0] : password.toCharArray());
		}
		List<X509Certificate> found = new ArrayList<>();
		for (String alias : Collections.list(store.aliases())) {
			if (store.getCertificate(alias) instanceof X509Certificate certificate) {
				found.add(certificate);
			}
		}
		return Collections.unmodifiableList(found);
	}

}
