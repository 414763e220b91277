package fr.paraphe.signing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code paraphe.signing.*}.
 *
 * @param maxSize the largest PDF accepted for signing or sealing
 * @param defaultLevel the level of a signature or seal when the caller names none
 * @param requestRetention how long the signing page ({@code /signer}) keeps an uploaded, then signed, PDF
 * @param sealDraftRetention how long the seal page ({@code /cachet}) keeps a PDF waiting for the seal's placement
 * @param documentRetention how long the firm's signed, sealed and extended PDFs stay downloadable from
 * {@code /documents} (the entry itself stays)
 * @param pagePicture what one picture of a draft's page may cost before it is refused
 * @param codeLimits the one-time codes of personal signatures, per person
 */
@ConfigurationProperties("paraphe.signing")
public record SigningProperties(@DefaultValue("50MB") DataSize maxSize, @DefaultValue("B_LT") String defaultLevel,
		@DefaultValue("7d") Duration requestRetention, @DefaultValue("1d") Duration sealDraftRetention,
		@DefaultValue("30d") Duration documentRetention,
		@DefaultValue PagePicture pagePicture, @DefaultValue CodeLimits codeLimits) {

	/**
	 * {@code paraphe.signing.page-picture.*}.
	 * @param deadline wall time for one picture
	 * @param maxDecoded decoded size of all the page's content, form, font and pattern streams together
	 * @param maxImagePixels declared pixels of all the page's images together
	 */
	public record PagePicture(@DefaultValue("3s") Duration deadline, @DefaultValue("32MB") DataSize maxDecoded,
			@DefaultValue("60000000") long maxImagePixels) {

		public BoundedRendering.Budget budget() {
			return new BoundedRendering.Budget(deadline, maxDecoded.toBytes(), maxImagePixels);
		}

	}

	/**
	 * {@code paraphe.signing.code-limits.*}: new codes per person a minute, an hour, a day, and wrong tries a day
	 * across codes (see {@code fr.paraphe.otp.OneTimeCodes.Limits}).
	 */
	public record CodeLimits(@DefaultValue("1") int perMinute, @DefaultValue("5") int perHour,
			@DefaultValue("10") int perDay, @DefaultValue("10") int maxFailures) {
	}

}
