package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.client.http.MemoryDataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import eu.europa.esig.dss.xades.tsl.TrustedListV5SignatureParametersBuilder;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EU list of trusted lists as a trust source, with a local copy: a LOTL and a national trusted list (ETSI TS
 * 119 612 v5, XAdES-signed as DSS signs trusted lists) are fetched once through an in-memory loader into the cache
 * directory, then read offline; a signature whose root only the trusted list names becomes TOTAL_PASSED.
 */
class TrustedListSourceTests {

	static final String LOTL_URL = "https://lotl.test/eu-lotl.xml";

	static final String TL_URL = "https://tl.test/fr-tl.xml";

	@TempDir
	Path directory;

	@Test
	void aRootNamedByAValidTrustedListIsTrustedFromTheLocalCopy() throws Exception {
		TestPki signers = new TestPki("Racine des listes");
		TestPki.Credentials lotlSigner = signers.issue("Signataire LOTL", "Commission");
		TestPki.Credentials tlSigner = signers.issue("Signataire TL", "ANSSI");
		TestPki qualified = new TestPki("Racine qualifiée");
		byte[] tl = signList(trustedList(qualified.root()), tlSigner);
		byte[] lotl = signList(listOfTrustedLists(tlSigner.certificate()), lotlSigner);
		Path lotlSigners = directory.resolve("lotl-signers");
		Files.createDirectories(lotlSigners);
		Files.writeString(lotlSigners.resolve("lotl.pem"), pem(lotlSigner.certificate()));
		Path cache = directory.resolve("cache");

		// First, online through an in-memory "network": the lists land in the cache directory.
		TrustedListSource online = new TrustedListSource(new ValidationProperties.Lotl(true, LOTL_URL,
				cache.toString(), false, lotlSigners.toString(), java.time.Duration.ofHours(6)), new MemoryDataLoader(Map.of(LOTL_URL, lotl, TL_URL, tl)));
		assertThat(online.certificateSource().getCertificates()).extracting(CertificateToken::getCertificate)
			.contains(qualified.root());

		// Then offline, from the local copy only.
		TrustedListSource offline = new TrustedListSource(new ValidationProperties.Lotl(true, LOTL_URL,
				cache.toString(), true, lotlSigners.toString(), java.time.Duration.ofHours(6)), null);
		assertThat(offline.certificateSource().getCertificates()).extracting(CertificateToken::getCertificate)
			.contains(qualified.root());

		byte[] pdf = TestSigner.sign(TestSigner.document("Contrat"), qualified.issue("Jean Dupont", "Client SA"),
				TestSigner.Options.approval(qualified.crl()));
		try (DefaultPdfValidator withLists = new DefaultPdfValidator(new DssEngine(), List.of(List::of),
				offline::certificateSource, Validators.limits(), new Explanations(Validators.messages()),
				Clock.systemUTC());
				DefaultPdfValidator withoutLists = Validators.trusting()) {
			ValidationReport trusted = Validators.validate(withLists, pdf);
			assertThat(trusted.signatures().get(0).indication()).as(AttackCorpusTests.describe(trusted))
				.isEqualTo(Indication.TOTAL_PASSED);
			assertThat(Validators.validate(withoutLists, pdf).signatures().get(0).indication())
				.isEqualTo(Indication.INDETERMINATE);
		}
	}

	@Test
	void aTrustedListSignedByAnUnannouncedKeyIsNotUsed() throws Exception {
		TestPki signers = new TestPki("Racine des listes");
		TestPki.Credentials lotlSigner = signers.issue("Signataire LOTL", "Commission");
		TestPki.Credentials announced = signers.issue("Signataire TL", "ANSSI");
		TestPki.Credentials impostor = signers.issue("Imposteur", "Inconnu");
		TestPki qualified = new TestPki("Racine qualifiée");
		byte[] tl = signList(trustedList(qualified.root()), impostor);
		byte[] lotl = signList(listOfTrustedLists(announced.certificate()), lotlSigner);
		Path lotlSigners = directory.resolve("lotl-signers");
		Files.createDirectories(lotlSigners);
		Files.writeString(lotlSigners.resolve("lotl.pem"), pem(lotlSigner.certificate()));

		TrustedListSource source = new TrustedListSource(new ValidationProperties.Lotl(true, LOTL_URL,
				directory.resolve("cache").toString(), false, lotlSigners.toString(), java.time.Duration.ofHours(6)),
				new MemoryDataLoader(Map.of(LOTL_URL, lotl, TL_URL, tl)));

		assertThat(source.certificateSource().getCertificates()).extracting(CertificateToken::getCertificate)
			.doesNotContain(qualified.root());
	}

	@Test
	void theListsAreReadAgainOnceTheRefreshIntervalHasPassedWithoutTheNetwork() throws Exception {
		TestPki signers = new TestPki("Racine des listes");
		TestPki.Credentials lotlSigner = signers.issue("Signataire LOTL", "Commission");
		TestPki.Credentials tlSigner = signers.issue("Signataire TL", "ANSSI");
		TestPki qualified = new TestPki("Racine qualifiée");
		byte[] tl = signList(trustedList(qualified.root()), tlSigner);
		byte[] lotl = signList(listOfTrustedLists(tlSigner.certificate()), lotlSigner);
		Path lotlSigners = directory.resolve("lotl-signers");
		Files.createDirectories(lotlSigners);
		Files.writeString(lotlSigners.resolve("lotl.pem"), pem(lotlSigner.certificate()));
		java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
		MemoryDataLoader network = new MemoryDataLoader(Map.of(LOTL_URL, lotl, TL_URL, tl)) {
			@Override
			public byte[] get(String url) {
				if (url.equals(LOTL_URL)) {
					reads.incrementAndGet();
				}
				return super.get(url);
			}
		};
		TrustedListSource source = new TrustedListSource(new ValidationProperties.Lotl(true, LOTL_URL,
				directory.resolve("cache").toString(), false, lotlSigners.toString(), java.time.Duration.ofHours(6)),
				network);
		java.time.Instant start = java.time.Instant.now();
		assertThat(source.refreshes()).isEqualTo(1);
		int readsAtStart = reads.get();
		assertThat(readsAtStart).isPositive();

		assertThat(source.refreshIfDue(start.plus(java.time.Duration.ofHours(1)))).isFalse();
		assertThat(source.refreshIfDue(start.plus(java.time.Duration.ofHours(5).plusMinutes(59)))).isFalse();
		assertThat(reads.get()).isEqualTo(readsAtStart);

		assertThat(source.refreshIfDue(start.plus(java.time.Duration.ofHours(6).plusMinutes(1)))).isTrue();
		assertThat(source.refreshes()).isEqualTo(2);
		assertThat(reads.get()).as("the LOTL was read again").isGreaterThan(readsAtStart);
		assertThat(source.certificateSource().getCertificates()).extracting(CertificateToken::getCertificate)
			.contains(qualified.root());
	}

	@Test
	void aDisabledListIsNeverRefreshed() {
		TrustedListSource source = new TrustedListSource(new ValidationProperties.Lotl(false, LOTL_URL,
				directory.toString(), false, null, java.time.Duration.ofHours(6)), null);

		assertThat(source.refreshIfDue(java.time.Instant.now().plus(java.time.Duration.ofDays(30)))).isFalse();
	}

	static String trustedList(X509Certificate root) {
		return list("http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric", "FR", "", """
				<tsl:TrustServiceProviderList>
				 <tsl:TrustServiceProvider>
				  <tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang="en">Paraphe Test</tsl:Name></tsl:TSPName></tsl:TSPInformation>
				  <tsl:TSPServices><tsl:TSPService><tsl:ServiceInformation>
				   <tsl:ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</tsl:ServiceTypeIdentifier>
				   <tsl:ServiceName><tsl:Name xml:lang="en">Racine qualifiee</tsl:Name></tsl:ServiceName>
				   <tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>%s</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>
				   <tsl:ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</tsl:ServiceStatus>
				   <tsl:StatusStartingTime>2020-01-01T00:00:00Z</tsl:StatusStartingTime>
				  </tsl:ServiceInformation></tsl:TSPService></tsl:TSPServices>
				 </tsl:TrustServiceProvider>
				</tsl:TrustServiceProviderList>
				""".formatted(base64(root)));
	}

	static String listOfTrustedLists(X509Certificate tlSigner) {
		return list("http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists", "EU", """
				<tsl:PointersToOtherTSL>
				 <tsl:OtherTSLPointer>
				  <tsl:ServiceDigitalIdentities><tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>%s</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity></tsl:ServiceDigitalIdentities>
				  <tsl:TSLLocation>%s</tsl:TSLLocation>
				  <tsl:AdditionalInformation>
				   <tsl:OtherInformation><tsl:TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</tsl:TSLType></tsl:OtherInformation>
				   <tsl:OtherInformation><tsl:SchemeTerritory>FR</tsl:SchemeTerritory></tsl:OtherInformation>
				   <tsl:OtherInformation><tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType></tsl:OtherInformation>
				  </tsl:AdditionalInformation>
				 </tsl:OtherTSLPointer>
				</tsl:PointersToOtherTSL>
				""".formatted(base64(tlSigner), TL_URL), "");
	}

	static String list(String type, String territory, String pointers, String providers) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" xmlns:tslx="http://uri.etsi.org/02231/v2/additionaltypes#" Id="TrustServiceStatusList" TSLTag="http://uri.etsi.org/19612/TSLTag">
				<tsl:SchemeInformation>
				 <tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier>
				 <tsl:TSLSequenceNumber>1</tsl:TSLSequenceNumber>
				 <tsl:TSLType>%s</tsl:TSLType>
				 <tsl:SchemeOperatorName><tsl:Name xml:lang="en">Test operator</tsl:Name></tsl:SchemeOperatorName>
				 <tsl:SchemeInformationURI><tsl:URI xml:lang="en">https://lotl.test/information</tsl:URI></tsl:SchemeInformationURI>
				 <tsl:SchemeTerritory>%s</tsl:SchemeTerritory>
				 %s
				 <tsl:ListIssueDateTime>%s</tsl:ListIssueDateTime>
				 <tsl:NextUpdate><tsl:dateTime>%s</tsl:dateTime></tsl:NextUpdate>
				</tsl:SchemeInformation>
				%s
				</tsl:TrustServiceStatusList>
				""".formatted(type, territory, pointers, now.minus(1, ChronoUnit.DAYS), now.plus(180, ChronoUnit.DAYS),
				providers);
	}

	/** XAdES-BASELINE-B enveloped, as ETSI TS 119 612 §5.7 and DSS's trusted-list builder want it. */
	static byte[] signList(String xml, TestPki.Credentials signer) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("signer", signer.privateKey(), "test".toCharArray(),
				new java.security.cert.Certificate[] { signer.certificate(), signer.issuer() });
		ByteArrayOutputStream p12 = new ByteArrayOutputStream();
		store.store(p12, "test".toCharArray());
		try (KeyStoreSignatureTokenConnection token = new KeyStoreSignatureTokenConnection(p12.toByteArray(), "PKCS12",
				new KeyStore.PasswordProtection("test".toCharArray()))) {
			DSSPrivateKeyEntry key = token.getKeys().get(0);
			DSSDocument document = new InMemoryDocument(xml.strip().getBytes(StandardCharsets.UTF_8));
			XAdESSignatureParameters parameters = new TrustedListV5SignatureParametersBuilder(key.getCertificate(),
					document).build();
			XAdESService service = new XAdESService(new CommonCertificateVerifier());
			ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
			SignatureValue value = token.sign(toBeSigned, parameters.getDigestAlgorithm(), key);
			return service.signDocument(document, parameters, value).openStream().readAllBytes();
		}
	}

	static String base64(X509Certificate certificate) {
		try {
			return Base64.getEncoder().encodeToString(certificate.getEncoded());
		}
		catch (java.security.cert.CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String pem(X509Certificate certificate) {
		return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
				base64(certificate).isEmpty() ? new byte[0] : Base64.getDecoder().decode(base64(certificate)))
				+ "\n-----END CERTIFICATE-----\n";
	}

}
