package fr.paraphe.signing.web;

import java.util.List;
import java.util.Map;

import fr.paraphe.pades.Appearance;



/**
 * The model of {@code signing/place.html}, the step where a signature or a seal is placed on a picture of the
 * page: shared by the signing page ({@code /signer/{id}}) and the seal page ({@code /cachet/{id}}).
 *
 * @param base the request's path; the page posts the placement to {@code base/emplacement} and shows
 * {@code base/pages/N.png}
 * @param keys the message keys of the title, the help line, the box's label, the visibility box and the button
 */
record PlacementPage(String base, String fileName, String titleKey, String helpKey, String boxLabelKey,
		String visibleKey, String submitKey) {

	/** A page's picture, kept ten minutes by the browser only (the document is private). */
	static org.springframework.http.ResponseEntity<byte[]> picture(byte[] png) {
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.IMAGE_PNG)
			.cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofMinutes(10)).cachePrivate())
			.body(png);
	}

	/** Fills the (live) model map for page {@code page} (clamped to the document) and returns the view's name. */
	String show(Map<String, Object> model, List<fr.paraphe.signing.PageSize> pages, int page) {
		int shown = Math.max(1, Math.min(page, pages.size()));
		fr.paraphe.signing.PageSize size = pages.get(shown - 1);
		model.put("base", base);
		model.put("fileName", fileName);
		model.put("titleKey", titleKey);
		model.put("helpKey", helpKey);
		model.put("boxLabelKey", boxLabelKey);
		model.put("visibleKey", visibleKey);
		model.put("submitKey", submitKey);
		model.put("pageCount", pages.size());
		model.put("page", shown);
		model.put("pageWidth", Math.round(size.width()));
		model.put("pageHeight", Math.round(size.height()));
		// A first box near the lower right corner, inside the page whatever its size.
		float width = Math.min(Appearance.DEFAULT_WIDTH, size.width());
		float height = Math.min(Appearance.DEFAULT_HEIGHT, size.height());
		model.put("boxWidth", Math.round(width));
		model.put("boxHeight", Math.round(height));
		model.put("boxX", Math.round(Math.max(0, size.width() - width - Appearance.DEFAULT_X)));
		model.put("boxY", Math.round(Math.min(Appearance.DEFAULT_Y, size.height() - height)));
		return "signing/place";
	}

}
