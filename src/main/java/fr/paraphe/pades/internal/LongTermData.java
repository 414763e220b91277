package fr.paraphe.pades.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.paraphe.pades.PadesSigner;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The validation data of PAdES B-LT (ETSI EN 319 142-1 §5.4.2): a DSS dictionary, in its own incremental update,
 * with every certificate, OCSP response and CRL needed to validate each signature and time-stamp of the document
 * offline, and a VRI entry per signature. The data comes from the sources given to the engine; certificates of
 * other CAs are listed but their revocation data is not fetched (no network).
 */
final class LongTermData {

	private static final COSName DSS = COSName.getPDFName("DSS");

	private static final COSName VRI = COSName.getPDFName("VRI");

	private static final COSName CERTS = COSName.getPDFName("Certs");

	private static final COSName OCSPS = COSName.getPDFName("OCSPs");

	private static final COSName CRLS = COSName.getPDFName("CRLs");

	private final PadesSigner.ValidationDataSources sources;

	private final DigestCalculatorProvider digests;

	LongTermData(PadesSigner.ValidationDataSources sources) {
		this.sources = sources;
		try {
			this.digests = new JcaDigestCalculatorProviderBuilder().build();
		}
		catch (org.bouncycastle.operator.OperatorCreationException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** Whether every CAdES signature of the document carries a signature time-stamp. */
	boolean allTimestamped(PDDocument document) throws IOException {
		try {
			for (PDSignature signature : document.getSignatureDictionaries()) {
				if (PdfBoxPadesSigner.ETSI_RFC3161.getName().equals(signature.getSubFilter())) {
					continue;
				}
				CMSSignedData cms = new CMSSignedData(signature.getContents());
				SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
				if (signer.getUnsignedAttributes() == null || signer.getUnsignedAttributes()
					.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) == null) {
					return false;
				}
			}
			return true;
		}
		catch (org.bouncycastle.cms.CMSException unreadable) {
			return false;
		}
	}

	/** Writes the document plus an incremental update with the DSS dictionary to {@code output}. */
	void addValidationData(PDDocument document, OutputStream output) throws IOException {
		{
			Collected collected = new Collected();
			List<X509Certificate> authorities = sources.certificates().authorities();
			for (X509Certificate authority : authorities) {
				collected.certificate(encoded(authority));
			}
			for (X509Certificate other : sources.certificates().others()) {
				collected.certificate(encoded(other));
			}
			for (byte[] crl : sources.crls().crls()) {
				collected.crl(crl);
			}
			Map<String, Collected> vris = new LinkedHashMap<>();
			for (PDSignature signature : document.getSignatureDictionaries()) {
				Collected vri = new Collected();
				collect(signature, authorities, collected, vri);
				if (!PdfBoxPadesSigner.ETSI_RFC3161.getName().equals(signature.getSubFilter())) {
					vris.put(vriKey(signature), vri);
				}
			}
			writeDss(document, collected, vris);
			document.saveIncremental(output);
		}
	}

	private void collect(PDSignature signature, List<X509Certificate> authorities, Collected all, Collected vri)
			throws IOException {
		try {
			CMSSignedData cms = new CMSSignedData(signature.getContents());
			List<X509CertificateHolder> certificates = new ArrayList<>(cms.getCertificates().getMatches(null));
			for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
				org.bouncycastle.asn1.cms.Attribute token = signer.getUnsignedAttributes() == null ? null
						: signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
				if (token != null) {
					TimeStampToken timestamp = new TimeStampToken(new CMSSignedData(
							token.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
					certificates.addAll(timestamp.getCertificates().getMatches(null));
				}
			}
			for (X509CertificateHolder certificate : certificates) {
				byte[] der = certificate.getEncoded();
				all.certificate(der);
				vri.certificate(der);
				endEntityIssuer(certificate, authorities).ifPresent(issuer -> {
					byte[] response = ocsp(certificate, issuer);
					if (response != null) {
						all.ocsp(response);
						vri.ocsp(response);
						for (byte[] responder : responderCertificates(response)) {
							all.certificate(responder);
							vri.certificate(responder);
						}
					}
				});
			}
			for (X509Certificate authority : authorities) {
				vri.certificate(encoded(authority));
			}
			for (byte[] crl : all.crls.values()) {
				vri.crl(crl);
			}
		}
		catch (org.bouncycastle.cms.CMSException | org.bouncycastle.tsp.TSPException unreadable) {
			// Not a CMS we can read: nothing to add for it; the validator will say what it is.
		}
	}

	/**
	 * The issuing CA of an end-entity certificate (a person's or a firm's), if one of the source's authorities other
	 * than a self-signed root issued it.
	 */
	private static java.util.Optional<X509Certificate> endEntityIssuer(X509CertificateHolder certificate,
			List<X509Certificate> authorities) {
		for (X509Certificate authority : authorities) {
			if (authority.getSubjectX500Principal().equals(authority.getIssuerX500Principal())) {
				continue;
			}
			if (certificate.getIssuer().equals(
					org.bouncycastle.asn1.x500.X500Name.getInstance(authority.getSubjectX500Principal().getEncoded()))) {
				return java.util.Optional.of(authority);
			}
		}
		return java.util.Optional.empty();
	}

	private static byte[] encoded(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (java.security.cert.CertificateEncodingException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/**
	 * The responder's current OCSP response for the certificate, or null if refused. The request has no nonce, so
	 * the responder answers with its pre-produced response (RFC 5019 §2.2.1) when it has a fresh one: it still reads
	 * the certificate's status on every request (the cache key includes it), so a revocation shows at once.
	 */
	private byte[] ocsp(X509CertificateHolder certificate, X509Certificate issuer) {
		try {
			// RFC 6960 thisUpdate has a one-second resolution, and validators (EU DSS) want a response produced
			// strictly after the certificate's notBefore: for a certificate issued this very second, wait. The
			// response is then produced now (none is cached for this serial yet) or was produced after notBefore.
			long wait = certificate.getNotBefore().getTime() + 1_000 - System.currentTimeMillis();
			if (wait > 0) {
				Thread.sleep(wait);
			}
			CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
					new X509CertificateHolder(encoded(issuer)), certificate.getSerialNumber());
			byte[] response = sources.ocsp().ocsp(new OCSPReqBuilder().addRequest(id).build().getEncoded());
			OCSPResp parsed = new OCSPResp(response);
			if (parsed.getStatus() != OCSPResp.SUCCESSFUL) {
				return null;
			}
			if (!((BasicOCSPResp) parsed.getResponseObject()).getProducedAt().after(certificate.getNotBefore())) {
				// Cannot happen with the wait above (the first request for a serial is after notBefore); if a clock
				// step made it happen, a nonce forces a response produced now.
				byte[] nonce = new byte[16];
				new java.security.SecureRandom().nextBytes(nonce);
				response = sources.ocsp().ocsp(new OCSPReqBuilder().addRequest(id)
					.setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(new org.bouncycastle.asn1.x509.Extension(
							org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
							new org.bouncycastle.asn1.DEROctetString(new org.bouncycastle.asn1.DEROctetString(nonce)))))
					.build()
					.getEncoded());
				if (new OCSPResp(response).getStatus() != OCSPResp.SUCCESSFUL) {
					return null;
				}
			}
			// ETSI EN 319 142-1 §5.4.2.2: each stream of /OCSPs is a DER OCSPResponse (RFC 6960).
			return response;
		}
		catch (Exception failure) {
			throw new IllegalStateException("Cannot get an OCSP response for " + certificate.getSerialNumber(), failure);
		}
	}

	/** The certificates in an OCSP response, by the response (pre-produced responses repeat for an hour). */
	private final Map<String, List<byte[]>> responderCertificates = new java.util.concurrent.ConcurrentHashMap<>();

	private List<byte[]> responderCertificates(byte[] response) {
		String key = Collected.key("o", response);
		List<byte[]> known = responderCertificates.get(key);
		if (known == null) {
			if (responderCertificates.size() > 10_000) {
				responderCertificates.clear();
			}
			known = parseResponderCertificates(response);
			responderCertificates.put(key, known);
		}
		return known;
	}

	private static List<byte[]> parseResponderCertificates(byte[] basicResponse) {
		try {
			BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(basicResponse).getResponseObject();
			List<byte[]> certificates = new ArrayList<>();
			for (X509CertificateHolder holder : basic.getCerts()) {
				certificates.add(holder.getEncoded());
			}
			return certificates;
		}
		catch (IOException | org.bouncycastle.cert.ocsp.OCSPException ex) {
			return List.of();
		}
	}

	/** ETSI EN 319 142-1 §5.4.2.2: the upper-case hex SHA-1 of the signature's /Contents (the CMS, unpadded). */
	private static String vriKey(PDSignature signature) throws IOException {
		byte[] contents = signature.getContents();
		byte[] cms = org.bouncycastle.asn1.ASN1Primitive.fromByteArray(trim(contents)).getEncoded("DER");
		try {
			return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(cms));
		}
		catch (java.security.NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** The CMS without the zero padding PDFBox leaves in /Contents. */
	private static byte[] trim(byte[] contents) throws IOException {
		try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
			return in.readObject().getEncoded();
		}
	}

	private static void writeDss(PDDocument document, Collected collected, Map<String, Collected> vris) {
		COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
		COSDictionary previous = catalog.getCOSDictionary(DSS);
		COSDictionary dss = new COSDictionary();
		Map<String, COSStream> streams = new LinkedHashMap<>();
		dss.setItem(CERTS, array(document, previous, CERTS, collected.certificates, streams));
		dss.setItem(OCSPS, array(document, previous, OCSPS, collected.ocsps, streams));
		dss.setItem(CRLS, array(document, previous, CRLS, collected.crls, streams));
		COSDictionary vriDictionary = new COSDictionary();
		if (previous != null && previous.getCOSDictionary(VRI) != null) {
			for (Map.Entry<COSName, COSBase> entry : previous.getCOSDictionary(VRI).entrySet()) {
				vriDictionary.setItem(entry.getKey(), entry.getValue());
			}
		}
		for (Map.Entry<String, Collected> vri : vris.entrySet()) {
			COSDictionary entry = new COSDictionary();
			entry.setItem(COSName.getPDFName("Cert"), array(document, null, null, vri.getValue().certificates, streams));
			if (!vri.getValue().ocsps.isEmpty()) {
				entry.setItem(COSName.getPDFName("OCSP"), array(document, null, null, vri.getValue().ocsps, streams));
			}
			if (!vri.getValue().crls.isEmpty()) {
				entry.setItem(COSName.getPDFName("CRL"), array(document, null, null, vri.getValue().crls, streams));
			}
			entry.setNeedToBeUpdated(true);
			vriDictionary.setItem(COSName.getPDFName(vri.getKey()), entry);
		}
		vriDictionary.setNeedToBeUpdated(true);
		dss.setItem(VRI, vriDictionary);
		dss.setNeedToBeUpdated(true);
		catalog.setItem(DSS, dss);
		catalog.setNeedToBeUpdated(true);
	}

	/** The previous DSS's entries of {@code name}, then the new ones, each stream written once. */
	private static COSArray array(PDDocument document, COSDictionary previous, COSName name, Map<String, byte[]> items,
			Map<String, COSStream> streams) {
		COSArray array = new COSArray();
		if (previous != null && previous.getCOSArray(name) != null) {
			for (COSBase item : previous.getCOSArray(name)) {
				array.add(item);
			}
		}
		for (Map.Entry<String, byte[]> item : items.entrySet()) {
			COSStream stream = streams.get(item.getKey());
			if (stream == null) {
				stream = document.getDocument().createCOSStream();
				try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
					out.write(item.getValue());
				}
				catch (IOException impossible) {
					throw new java.io.UncheckedIOException(impossible);
				}
				stream.setNeedToBeUpdated(true);
				streams.put(item.getKey(), stream);
			}
			array.add(stream);
		}
		array.setNeedToBeUpdated(true);
		return array;
	}

	/** Certificates, OCSP responses and CRLs, each once (by its SHA-256). */
	private static final class Collected {

		final Map<String, byte[]> certificates = new LinkedHashMap<>();

		final Map<String, byte[]> ocsps = new LinkedHashMap<>();

		final Map<String, byte[]> crls = new LinkedHashMap<>();

		void certificate(byte[] der) {
			certificates.putIfAbsent(key("c", der), der);
		}

		void ocsp(byte[] der) {
			ocsps.putIfAbsent(key("o", der), der);
		}

		void crl(byte[] der) {
			crls.putIfAbsent(key("r", der), der);
		}

		private static String key(String kind, byte[] der) {
			return kind + HexFormat.of().formatHex(fr.paraphe.pki.DigestAlgorithm.SHA256.newMessageDigest().digest(der));
		}

	}

}
