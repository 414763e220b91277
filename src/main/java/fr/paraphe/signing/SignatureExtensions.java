package fr.paraphe.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Raises the signatures of an already signed PDF to a higher level (ETSI EN 319 142-1): B-T adds a document
 * time-stamp where a signature has none, B-LT the validation data (DSS dictionary), B-LTA an archive time-stamp
 * over them; each addition is an incremental update, so every signature stays valid. Not charged: no signature
 * is made; recorded in the audit trail.
 */
@Service
public class SignatureExtensions {

	private final Firms firms;

	private final PadesSigner signer;

	private final ApplicationEventPublisher events;

	SignatureExtensions(Firms firms, PadesSigner signer, ApplicationEventPublisher events) {
		this.firms = firms;
		this.signer = signer;
		this.events = events;
	}

	/**
	 * Extends {@code pdf}'s signatures to {@code level}, on behalf of a member of the firm holding the SEAL
	 * delegation (the sealing API's key creator).
	 * @throws ProblemException 400 {@code signing.api.badExtensionLevel} for B-B, 400
	 * {@code signing.error.notSigned} for a PDF without signatures, 403/404 without the SEAL delegation, and the
	 * engine's input errors (413, 415, 400)
	 */
	public byte[] extend(FirmId firm, UserId actor, byte[] pdf, SignatureLevel level) {
		firms.require(actor, firm, Delegation.SEAL);
		if (!level.atLeast(SignatureLevel.B_T)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badExtensionLevel");
		}
		if (pdf.length < 5 || !new String(pdf, 0, Math.min(pdf.length, 1024), StandardCharsets.ISO_8859_1).contains("%PDF-")) {
			throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "signing.error.notPdf");
		}
		try (PDDocument document = Loader.loadPDF(pdf)) {
			if (document.isEncrypted()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.encrypted");
			}
			if (document.getSignatureDictionaries().isEmpty()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.notSigned");
			}
		}
		catch (InvalidPasswordException encrypted) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.encrypted");
		}
		catch (IOException | RuntimeException unreadable) {
			if (unreadable instanceof ProblemException problem) {
				throw problem;
			}
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.damaged");
		}
		byte[] extended = signer.extend(pdf, level);
		events.publishEvent(new SigningEvents.DocumentExtended(firm, actor.value().toString(), level.etsiName(),
				SigningEvents.sha256(pdf), SigningEvents.sha256(extended)));
		return extended;
	}

}
