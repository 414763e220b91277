package fr.paraphe.validation.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationData;

/**
 * The revocation status of the platform's own certificates, in-process through the {@code pki} module's API: OCSP
 * answers of its responder and its CRLs for DSS, and the certificate's current state for the report. No HTTP.
 */
class PlatformRevocation {

	private static final List<Authority> ISSUERS = Authority.certificationAuthorities();

	private final CertificationAuthority ca;

	private final RevocationData revocationData;

	PlatformRevocation(CertificationAuthority ca, RevocationData revocationData) {
		this.ca = ca;
		this.revocationData = revocationData;
	}

	/** Whether {@code issuer} is one of the platform's certification authorities. */
	boolean issuedBy(X509Certificate issuer) {
		return authorityOf(issuer).isPresent();
	}

	private Optional<Authority> authorityOf(X509Certificate issuer) {
		for (Authority authority : ISSUERS) {
			if (ca.authority(authority).certificate().equals(issuer)) {
				return Optional.of(authority);
			}
		}
		return Optional.empty();
	}

	OCSPToken ocsp(CertificateToken certificate, CertificateToken issuer) {
		if (authorityOf(issuer.getCertificate()).filter(authority -> authority != Authority.ROOT).isEmpty()) {
			return null;
		}
		try {
			return new OnlineOCSPSource(new InProcess(null)).getRevocationToken(certificate, issuer);
		}
		catch (RuntimeException failed) {
			return null;
		}
	}

	CRLToken crl(CertificateToken certificate, CertificateToken issuer) {
		Optional<Authority> authority = authorityOf(issuer.getCertificate());
		if (authority.isEmpty()) {
			return null;
		}
		try {
			return new OnlineCRLSource(new InProcess(authority.get())).getRevocationToken(certificate, issuer);
		}
		catch (RuntimeException failed) {
			return null;
		}
	}

	/** The certificate's state as the CA records it now, if the CA issued exactly this certificate. */
	Optional<IssuedCertificate> find(X509Certificate certificate) {
		return ca.find(new CertificateSerial(certificate.getSerialNumber()))
			.filter(issued -> issued.certificate().equals(certificate));
	}

	/** DSS's loader answered by the pki module: OCSP requests by its responder, CRL requests by one CA's CRL. */
	private final class InProcess implements DataLoader {

		private static final long serialVersionUID = 1L;

		private final transient Authority crlIssuer;

		InProcess(Authority crlIssuer) {
			this.crlIssuer = crlIssuer;
		}

		@Override
		public byte[] get(String url) {
			if (crlIssuer == null) {
				throw new IllegalStateException("no CRL here");
			}
			return revocationData.crl(crlIssuer);
		}

		@Override
		public DataAndUrl get(List<String> urls) {
			return new DataAndUrl(urls.isEmpty() ? "" : urls.get(0), get(urls.isEmpty() ? "" : urls.get(0)));
		}

		@Override
		public byte[] post(String url, byte[] content) {
			return revocationData.ocsp(content);
		}

		@Override
		public void setContentType(String contentType) {
			// in-process: no HTTP headers
		}

	}

}
