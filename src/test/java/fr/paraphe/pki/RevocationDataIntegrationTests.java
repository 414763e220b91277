package fr.paraphe.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.UserId;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParapheIntegrationTest
class RevocationDataIntegrationTests {

	@Autowired
	CertificationAuthority ca;

	@Autowired
	RevocationData revocationData;

	@Test
	void givesEachCasLatestCrlInDer() throws Exception {
		for (Authority issuer : new Authority[] { Authority.ROOT, Authority.PERSONNES, Authority.CACHETS }) {
			X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
				.generateCRL(new ByteArrayInputStream(revocationData.crl(issuer)));
			crl.verify(ca.authority(issuer).certificate().getPublicKey());
		}
		assertThatThrownBy(() -> revocationData.crl(Authority.TSA)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void answersOcspRequestsInProcess() throws Exception {
		IssuedCertificate issued = ca.issue(new NaturalPerson(UserId.random(), "Anne", "Ocsp", "IDCFR-77", "FR"));
		CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new X509CertificateHolder(ca.authority(Authority.PERSONNES).encoded()), issued.serial().value());
		byte[] request = new OCSPReqBuilder().addRequest(id)
			.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
					new DEROctetString(new DEROctetString(BigInteger.TEN.toByteArray())))))
			.build()
			.getEncoded();
		OCSPResp response = new OCSPResp(revocationData.ocsp(request));
		assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
		BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
		assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
		assertThat(new OCSPResp(revocationData.ocsp(new byte[] { 1, 2, 3 })).getStatus())
			.isEqualTo(OCSPResp.MALFORMED_REQUEST);
	}

}
