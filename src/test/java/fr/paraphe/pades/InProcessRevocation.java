package fr.paraphe.pades;

import java.util.List;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.RevocationData;

import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;

/**
 * Lets DSS fetch CRLs and OCSP responses from the {@code pki} module in-process, as if from the URLs in the
 * certificates, without any network: for levels B-B and B-T, whose documents carry no revocation data.
 */
final class InProcessRevocation implements DataLoader {

	private static final long serialVersionUID = 1L;

	private final transient RevocationData revocationData;

	InProcessRevocation(RevocationData revocationData) {
		this.revocationData = revocationData;
	}

	static void install(CommonCertificateVerifier verifier, RevocationData revocationData) {
		InProcessRevocation loader = new InProcessRevocation(revocationData);
		verifier.setCrlSource(new OnlineCRLSource(loader));
		verifier.setOcspSource(new OnlineOCSPSource(loader));
	}

	@Override
	public byte[] get(String url) {
		String name = url.substring(url.lastIndexOf('/') + 1).replace(".crl", "");
		Authority authority = Authority.fromPublicName(name)
			.orElseThrow(() -> new IllegalArgumentException("No CRL at " + url));
		return revocationData.crl(authority);
	}

	@Override
	public DataAndUrl get(List<String> urls) {
		for (String url : urls) {
			if (url.contains("/pki/crl/")) {
				return new DataAndUrl(url, get(url));
			}
		}
		throw new IllegalArgumentException("No CRL at " + urls);
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
