package fr.paraphe.signing;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pki.IssuedCertificate;

/**
 * What a signature shows of its signer, in its appearance ("Signé électroniquement par …") and in {@code /Name}:
 * the certificate's subject, the identity the CA verified, never a field its holder can edit afterwards (a firm
 * renamed on /cabinet still seals as the name an officer checked). The subject's organizationName is shown only
 * when it says more than its commonName (a firm's seal carries the firm in both).
 */
public final class CertifiedNames {

	private CertifiedNames() {
	}

	/** {@code parameters} with the signer and organization of {@code certificate}'s subject. */
	public static SignatureParameters apply(IssuedCertificate certificate, SignatureParameters parameters) {
		String commonName = attribute(certificate, "CN");
		String organization = attribute(certificate, "O");
		if (commonName == null) {
			commonName = certificate.subject();
		}
		if (organization != null && organization.equals(commonName)) {
			organization = null;
		}
		return new SignatureParameters(parameters.level(), commonName, organization, parameters.reason(),
				parameters.location(), parameters.claimedTime(), parameters.appearance(), parameters.certification(),
				parameters.marks());
	}

	private static String attribute(IssuedCertificate certificate, String type) {
		try {
			for (Rdn rdn : new LdapName(certificate.certificate().getSubjectX500Principal().getName()).getRdns()) {
				if (type.equalsIgnoreCase(rdn.getType())) {
					return rdn.getValue().toString();
				}
			}
		}
		catch (InvalidNameException unreadable) {
			// An RFC 2253 name from the JDK always parses; if not, the whole subject is shown.
		}
		return null;
	}

}
