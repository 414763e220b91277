package fr.paraphe.pki.internal;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.RevocationData;

/** The published CRLs and the OCSP responder, without HTTP. */
class RevocationDataService implements RevocationData {

	private final CrlPublisher crls;

	private final OcspResponder ocsp;

	RevocationDataService(CrlPublisher crls, OcspResponder ocsp) {
		this.crls = crls;
		this.ocsp = ocsp;
	}

	@Override
	public byte[] crl(Authority issuer) {
		if (!CrlPublisher.ISSUERS.contains(issuer)) {
			throw new IllegalArgumentException(issuer + " publishes no CRL");
		}
		return crls.latest(issuer)
			.orElseThrow(() -> new IllegalStateException("No CRL of " + issuer + " yet"))
			.der();
	}

	@Override
	public byte[] ocsp(byte[] request) {
		return ocsp.respond(request).der();
	}

}
