package fr.paraphe.signing.internal;

import fr.paraphe.signing.SigningEvents;
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

	private final fr.paraphe.validation.ForeignRevocationData foreign;

	private final Documents documents;

	SignatureExtensions(Firms firms, PadesSigner signer, ApplicationEventPublisher events, CertificationAuthority ca,
			org.springframework.beans.factory.ObjectProvider<fr.paraphe.validation.ForeignRevocationData> foreign,
			Documents documents) {
		this.documents = documents;
		this.ca = ca;
		this.foreign = foreign.getIfAvailable();
		this.firms = firms;
		this.signer = signer;
		this.events = events;
	}

	/** Whether the signer's (or time-stamp unit's) certificate of this signature was issued by the Paraphe CA. */
	private boolean issuedHere(PDSignature signature) throws IOException {
		try {
			java.util.Optional<X509CertificateHolder> signing = signerCertificate(new CMSSignedData(signature.getContents()));
			if (signing.isEmpty()) {
				return false;
			}
			X509CertificateHolder certificate = signing.get();
			return ca.find(new CertificateSerial(certificate.getSerialNumber()))
				.map(ours -> java.util.Arrays.equals(ours.encoded(), encoded(certificate)))
				.orElse(false);
		}
		catch (CMSException | RuntimeException unreadable) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.damaged");
		}
	}

	/**
	 * Whether the revocation data of this signature's (or time-stamp's) certificate, from another CA, can be fetched
	 * from the responder or distribution point it names (the validator's guarded fetching, cached for the
	 * extension that follows).
	 */
	private boolean foreignRevocationAvailable(PDSignature signature) throws IOException {
		if (foreign == null) {
			return false;
		}
		try {
			CMSSignedData cms = new CMSSignedData(signature.getContents());
			java.util.Optional<X509CertificateHolder> signing = signerCertificate(cms);
			if (signing.isEmpty()) {
				return false;
			}
			X509CertificateHolder certificate = signing.get();
			org.bouncycastle.cert.jcajce.JcaX509CertificateConverter converter = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter();
			@SuppressWarnings("unchecked")
			java.util.Collection<X509CertificateHolder> all = cms.getCertificates().getMatches(null);
			for (X509CertificateHolder issuer : all) {
				if (issuer.getSubject().equals(certificate.getIssuer()) && issuer != certificate) {
					java.security.cert.X509Certificate subject = converter.getCertificate(certificate);
					java.security.cert.X509Certificate issuing = converter.getCertificate(issuer);
					if (foreign.ocsp(subject, issuing).or(() -> foreign.crl(subject, issuing)).isPresent()) {
						return true;
					}
				}
			}
			return false;
		}
		catch (CMSException | java.security.cert.CertificateException | RuntimeException unreadable) {
			return false;
		}
	}

	/** The certificate of the CMS's first signer, when the CMS carries it. */
	private static java.util.Optional<X509CertificateHolder> signerCertificate(CMSSignedData cms) {
		SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
		@SuppressWarnings("unchecked")
		java.util.Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
		return matches.stream().findFirst();
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
	 * signature or time-stamp comes from another CA whose revocation data cannot be fetched (B-LT and B-LTA), 403/404 without the SEAL delegation, and the
	 * engine's input errors (413, 415, 400)
	 */
	public byte[] extend(FirmId firm, UserId actor, byte[] pdf, SignatureLevel level) {
		return extend(firm, actor, pdf, level, null);
	}

	/**
	 * As {@link #extend(FirmId, UserId, byte[], SignatureLevel)}; the result goes to the firm's {@link Documents}
	 * under {@code fileName} (null: "document.pdf"), at no price.
	 */
	public byte[] extend(FirmId firm, UserId actor, byte[] pdf, SignatureLevel level, String fileName) {
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
				if (!issuedHere(signature) && level.atLeast(SignatureLevel.B_LT)
						&& !foreignRevocationAvailable(signature)) {
					// Another CA's validation data that cannot be fetched (no URL, a refused address, no answer):
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
		documents.record(firm, actor, Documents.Kind.EXTENSION, Documents.Channel.API, fileName, level, false,
				fr.paraphe.shared.Money.ZERO, extended);
		events.publishEvent(new SigningEvents.DocumentExtended(firm, actor.value().toString(), level.etsiName(),
				fr.paraphe.shared.Sha256.hex(pdf), fr.paraphe.shared.Sha256.hex(extended)));
		return extended;
	}

}
