package fr.paraphe.pades;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import fr.paraphe.shared.Names;

/**
 * What one signature says and looks like.
 *
 * @param signerName shown in the visible signature ("Signé électroniquement par …") and in /Name; the services
 * set it from the certificate's subject, never from what the caller passes
 * @param organization the organization shown under it, or null; also from the certificate
 * @param reason /Reason, or null
 * @param location /Location, or null
 * @param claimedTime the claimed signing time put in /M (no CMS signing-time attribute); null for now
 * @param appearance the visible box or field; null for an invisible signature
 * @param certification 0 for an approval signature; 1, 2 or 3 for a certification signature with this DocMDP
 * permission (ISO 32000-1 §12.8.2.2)
 * @param marks the widgets of a signature drawn in several places (then {@code appearance} is null): empty for
 * one box or none
 */
public record SignatureParameters(SignatureLevel level, String signerName, String organization, String reason,
		String location, Instant claimedTime, Appearance appearance, int certification, List<Mark> marks) {

	/** The longest reason or location, in characters: a reason is a line of the visible box, not a document. */
	public static final int MAX_TEXT = 200;

	/**
	 * @throws fr.paraphe.shared.Names.InvalidText (400) for a reason or location longer than {@link #MAX_TEXT}
	 * or with a control or bidirectional character (the shared rule for texts others read)
	 */
	public SignatureParameters {
		Objects.requireNonNull(level, "level");
		reason = Names.text(reason, MAX_TEXT);
		location = Names.text(location, MAX_TEXT);
		if (certification < 0 || certification > 3) {
			throw new IllegalArgumentException("certification must be 0 to 3");
		}
		marks = marks == null ? List.of() : List.copyOf(marks);
		if (!marks.isEmpty() && appearance != null) {
			throw new IllegalArgumentException("either one appearance or marks");
		}
	}

	/** One box or none. */
	public SignatureParameters(SignatureLevel level, String signerName, String organization, String reason,
			String location, Instant claimedTime, Appearance appearance, int certification) {
		this(level, signerName, organization, reason, location, claimedTime, appearance, certification, List.of());
	}

	/** An invisible approval signature at {@code level}. */
	public static SignatureParameters invisible(SignatureLevel level, String signerName, String reason) {
		return new SignatureParameters(level, signerName, null, reason, null, null, null, 0);
	}

	public SignatureParameters withAppearance(Appearance newAppearance, String newOrganization) {
		return new SignatureParameters(level, signerName, newOrganization, reason, location, claimedTime,
				newAppearance, certification, newAppearance == null ? marks : List.of());
	}

	public SignatureParameters withCertification(int permission) {
		return new SignatureParameters(level, signerName, organization, reason, location, claimedTime, appearance,
				permission, marks);
	}

	/** The same signature drawn as these marks. */
	public SignatureParameters withMarks(List<Mark> newMarks) {
		return new SignatureParameters(level, signerName, organization, reason, location, claimedTime, null,
				certification, newMarks);
	}

	public SignatureParameters withLevel(SignatureLevel newLevel) {
		return new SignatureParameters(newLevel, signerName, organization, reason, location, claimedTime, appearance,
				certification, marks);
	}

}
