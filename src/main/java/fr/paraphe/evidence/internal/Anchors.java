package fr.paraphe.evidence.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks an anchor's RFC 3161 token as {@code openssl ts -verify -digest <prev> -token_in -CAfile root.pem} does:
 * the message imprint is the SHA-256 hash of the entry before the anchor, the signature verifies with the TSA
 * certificate the token carries, and that certificate was issued by the platform's root (with id-kp-timeStamping,
 * checked by Bouncy Castle).
 */
public final class Anchors {

	private Anchors() {
	}

	/** Whether {@code token} time-stamps {@code anchoredHash} (hexadecimal SHA-256) and verifies up to {@code root}. */
	public static boolean valid(byte[] token, String anchoredHash, X509Certificate root) {
		if (token == null || !Canonical.isHash(anchoredHash)) {
			return false;
		}
		try {
			TimeStampToken parsed = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
			if (!NISTObjectIdentifiers.id_sha256.equals(parsed.getTimeStampInfo().getMessageImprintAlgOID())
					|| !Arrays.equals(parsed.getTimeStampInfo().getMessageImprintDigest(),
							HexFormat.of().parseHex(anchoredHash))) {
				return false;
			}
			@SuppressWarnings("unchecked")
			Collection<X509CertificateHolder> matches = parsed.getCertificates().getMatches(parsed.getSID());
			for (X509CertificateHolder holder : matches) {
				X509Certificate tsa = new JcaX509CertificateConverter().getCertificate(holder);
				try {
					tsa.verify(root.getPublicKey());
				}
				catch (GeneralSecurityException notOurs) {
					continue;
				}
				parsed.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
				return true;
			}
			return false;
		}
		catch (CMSException | TSPException | IOException | GeneralSecurityException | OperatorCreationException
				| RuntimeException invalid) {
			return false;
		}
	}

}
