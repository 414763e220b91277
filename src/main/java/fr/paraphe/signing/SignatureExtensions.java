package fr.paraphe.signing;

import java.io.IOException;

import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.PdfInput;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
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

	private final CertificationAuthority ca;

	SignatureExtensions(Firms firms, PadesSigner signer, ApplicationEventPublisher events, CertificationAuthority ca) {
		this.ca = ca;
		this.firms = firms;
		this.signer = signer;
		this.events = events;
	}

	/** Whether the signer's (or time-stamp unit's) certificate of this signature was issued by the Paraphe CA. */
	private boolean issuedHere(PDSignature signature) throws IOException {
		try {
			CMSSignedData cms = new CMSSignedData(signature.getContents());
			SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
			@SuppressWarnings("unchecked")
			java.util.Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
			if (matches.isEmpty()) {
				return false;
			}
			X509CertificateHolder certificate = matches.iterator().next();
			return ca.find(new CertificateSerial(certificate.getSerialNumber()))
				.map(ours -> java.util.Arrays.equals(ours.encoded(), encoded(certificate)))
				.orElse(false);
		}
		catch (CMSException | RuntimeException unreadable) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.damaged");
		}
	}

	private static byte[] encoded(X509CertificateHolder certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Extends {@code pdf}'s signatures to {@code level}, on behalf of a member of the firm holding the SEAL
	 * delegation (the sealing API's key creator).
	 * @throws ProblemException 400 {@code signing.api.badExtensionLevel} for B-B, 400
	 * {@code signing.error.notSigned} for a PDF without signatures, 422 {@code signing.error.foreignSignature} when a
	 * signature or time-stamp comes from another CA (its validation data is not fetched), 403/404 without the SEAL delegation, and the
	 * engine's input errors (413, 415, 400)
	 */
	public byte[] extend(FirmId firm, UserId actor, byte[] pdf, SignatureLevel level) {
		firms.require(actor, firm, Delegation.SEAL);
		if (!level.atLeast(SignatureLevel.B_T)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badExtensionLevel");
		}
		PdfInput.requireHeader(pdf);
		try (PDDocument document = Loader.loadPDF(pdf)) {
			if (document.isEncrypted()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.encrypted");
			}
			if (document.getSignatureDictionaries().isEmpty()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.notSigned");
			}
			for (PDSignature signature : document.getSignatureDictionaries()) {
				if (!issuedHere(signature)) {
					// The validation data of another CA would have to be fetched from its servers: not done, so
					// the result could not honestly claim the level asked for.
					throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "signing.error.foreignSignature");
				}
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
