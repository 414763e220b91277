package fr.paraphe.collection.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fr.paraphe.collection.internal.SignerOptions;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A signer's options from the preparation form: {@code signerN.initials}, {@code signerN.mention},
 * {@code signerN.placeAndDate} and {@code signerN.attachments} (one document per line, "Label : PDF, JPEG").
 */
final class SignerOptionsForm {

	private SignerOptionsForm() {
	}

	/** @throws IllegalArgumentException for an unknown file type (the form's "invalid value" message) */
	static SignerOptions of(HttpServletRequest request, String prefix) {
		List<SignerOptions.AttachmentRequest> attachments = new ArrayList<>();
		String lines = request.getParameter(prefix + "attachments");
		if (lines != null) {
			for (String line : lines.split("\\R")) {
				if (line.isBlank()) {
					continue;
				}
				int colon = line.lastIndexOf(':');
				String label = (colon < 0 ? line : line.substring(0, colon)).strip();
				List<SignerOptions.FileType> types = new ArrayList<>();
				if (colon >= 0) {
					for (String type : line.substring(colon + 1).split("[,;/ ]+")) {
						if (!type.isBlank()) {
							String name = type.strip().toUpperCase(Locale.ROOT);
							types.add(SignerOptions.FileType.valueOf("JPG".equals(name) ? "JPEG" : name));
						}
					}
				}
				attachments.add(new SignerOptions.AttachmentRequest(label, types));
			}
		}
		return new SignerOptions("true".equals(request.getParameter(prefix + "initials")),
				request.getParameter(prefix + "mention"), "true".equals(request.getParameter(prefix + "placeAndDate")),
				attachments);
	}

}
