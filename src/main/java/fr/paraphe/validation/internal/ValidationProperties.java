package fr.paraphe.validation.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Validation of signed PDFs, {@code paraphe.validation.*}.
 *
 * @param trustedCertificates trust anchors besides the platform's roots: a folder of .crt/.pem/.cer files or a
 * PKCS#12 file (.p12/.pfx); empty for none
 * @param trustedCertificatesPassword the PKCS#12 password (from the environment)
 * @param maxDocumentSize larger documents are refused before any parsing
 * @param timeout the time one validation may take
 * @param concurrency how many validations run at once
 * @param queueCapacity how many wait for a slot before new ones are refused
 * @param maxMemoryPerDocument main memory PDFBox may use for one document's streams before spilling to disk
 * @param maxTempFilePerDocument temporary-file space PDFBox may use for one document; beyond it the document is
 * refused as too complex
 * @param rateLimitPerMinute validations one client address may ask per minute
 * @param lotl the EU list of trusted lists, off by default
 * @param reportSeal the key that seals PDF reports when no other module provides the platform's seal
 * @param revocation how revocation data is looked for at validation time
 * @param apiKeyRateLimitPerMinute validations one firm API key may ask per minute (its own quota, beside the
 * anonymous per-address one)
 * @param maxCost the largest cost (pages × objects, counted before the expensive steps) one document may have;
 * above it the document is refused as too complex
 * @param heavyCost from this cost on a document is heavy: one client address runs one heavy document at a time
 */
@ConfigurationProperties("paraphe.validation")
public record ValidationProperties(String trustedCertificates, String trustedCertificatesPassword,
		@DefaultValue("20MB") DataSize maxDocumentSize, @DefaultValue("10s") Duration timeout,
		@DefaultValue("2") int concurrency, @DefaultValue("8") int queueCapacity,
		@DefaultValue("32MB") DataSize maxMemoryPerDocument, @DefaultValue("256MB") DataSize maxTempFilePerDocument,
		@DefaultValue("30") int rateLimitPerMinute, @DefaultValue Lotl lotl, @DefaultValue ReportSealKey reportSeal,
		@DefaultValue Revocation revocation, @DefaultValue("600") int apiKeyRateLimitPerMinute,
		@DefaultValue("200000000") long maxCost, @DefaultValue("2000000") long heavyCost) {

	/**
	 * @param fetch whether the revocation data of other CAs' certificates is fetched over HTTP (the platform's own
	 * CA is always asked, in-process)
	 * @param allowList addresses, CIDR networks or host names that may be fetched although not public (tests, an
	 * internal responder); empty in production
	 * @param timeout of one fetch, connection and answer
	 * @param maxSize largest answer read
	 * @param maxFetches fetches one validation may make (answers in the cache are free)
	 */
	public record Revocation(@DefaultValue("true") boolean fetch, java.util.List<String> allowList,
			@DefaultValue("5s") Duration timeout, @DefaultValue("1MB") DataSize maxSize,
			@DefaultValue("4") int maxFetches) {

		public Revocation {
			allowList = allowList == null ? java.util.List.of() : java.util.List.copyOf(allowList);
		}

	}

	/**
	 * @param keyStore a PKCS#12 file holding the seal's private key and certificate chain; empty for none
	 * @param password its password (from the environment)
	 * @param alias the entry to use; the first key entry when empty
	 */
	public record ReportSealKey(String keyStore, String password, String alias) {
	}

	/**
	 * @param enabled trust the qualified trust services of the EU trusted lists
	 * @param url the list of trusted lists
	 * @param cacheDirectory where the downloaded lists are kept, and where an offline copy can be placed
	 * @param offline read only the cache (a local copy), never the network
	 * @param signingCertificates the certificates allowed to sign the LOTL (those announced in the Official Journal
	 * of the EU): a folder of certificate files or a PKCS#12 file, as for trusted certificates
	 * @param refreshInterval how often the lists are read again after start-up
	 */
	public record Lotl(@DefaultValue("false") boolean enabled,
			@DefaultValue("https://ec.europa.eu/tools/lotl/eu-lotl.xml") String url,
			@DefaultValue("./data/lotl") String cacheDirectory, @DefaultValue("false") boolean offline,
			String signingCertificates, @DefaultValue("6h") Duration refreshInterval) {

	}

}
