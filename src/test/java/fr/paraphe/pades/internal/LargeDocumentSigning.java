package fr.paraphe.pades.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pades.SigningKey;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Run in a child JVM with a small heap by {@link LargeDocumentSigningTests}: signs a large PDF at B-B from file to
 * file with a throw-away key, to show that memory does not grow with the document.
 */
public final class LargeDocumentSigning {

	private LargeDocumentSigning() {
	}

	public static void main(String[] args) throws Exception {
		Path in = Path.of(args[0]);
		Path out = Path.of(args[1]);
		KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
		X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
				new X500Name("CN=Grand Document"), BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
				new X500Name("CN=Grand Document"), pair.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
		KeyHandle handle = new KeyHandle(UUID.randomUUID(), KeyAlgorithm.EC_P256);
		KeyStore store = new KeyStore() {
			@Override
			public KeyHandle generate(KeyAlgorithm algorithm) {
				throw new UnsupportedOperationException();
			}

			@Override
			public PublicKey publicKey(KeyHandle key) {
				return pair.getPublic();
			}

			@Override
			public byte[] sign(KeyHandle key, DigestAlgorithm digestAlgorithm, byte[] digest) {
				try {
					Signature signature = Signature.getInstance("NONEwithECDSA");
					signature.initSign(pair.getPrivate());
					signature.update(digest);
					return signature.sign();
				}
				catch (java.security.GeneralSecurityException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public void destroy(KeyHandle key) {
			}

			@Override
			public String kind() {
				return "test";
			}
		};
		PdfBoxPadesSigner signer = new PdfBoxPadesSigner(store, null, null, 200L << 20, Clock.systemUTC());
		try (OutputStream output = new BufferedOutputStream(Files.newOutputStream(out))) {
			signer.sign(in, output, new SigningKey(handle, List.of(certificate)),
					SignatureParameters.invisible(SignatureLevel.B_B, "Grand Document", "Mémoire bornée"));
		}
		Files.write(out.resolveSibling("certificate.der"), certificate.getEncoded());
		System.out.println("max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
	}

	/** A one-page PDF carrying an unused stream of {@code size} bytes, written without holding it in memory. */
	static void write(Path file, long size) throws IOException {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
			List<Long> offsets = new ArrayList<>();
			long[] position = { 0 };
			java.util.function.Consumer<String> text = s -> {
				byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
				try {
					out.write(bytes);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
				position[0] += bytes.length;
			};
			text.accept("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
			offsets.add(position[0]);
			text.accept("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
			offsets.add(position[0]);
			text.accept("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
			offsets.add(position[0]);
			text.accept("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
					+ "/Resources << /XObject << /Big 5 0 R >> >> >>\nendobj\n");
			String content = "q Q\n";
			offsets.add(position[0]);
			text.accept("4 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream\nendobj\n");
			offsets.add(position[0]);
			text.accept("5 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length " + size + " >>\nstream\n");
			byte[] block = new byte[1 << 16];
			java.util.Arrays.fill(block, (byte) '%');
			for (long written = 0; written < size;) {
				int n = (int) Math.min(block.length, size - written);
				out.write(block, 0, n);
				written += n;
			}
			position[0] += size;
			text.accept("\nendstream\nendobj\n");
			long xref = position[0];
			StringBuilder table = new StringBuilder("xref\n0 6\n0000000000 65535 f \n");
			for (long offset : offsets) {
				table.append(String.format("%010d 00000 n \n", offset));
			}
			table.append("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
			text.accept(table.toString());
		}
	}

}
