package fr.paraphe.validation.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

/**
 * One document for each path of the report — valid at each level, several signatures, permitted and forbidden
 * changes, broken signatures, untrusted and revoked signers, unsigned data, no signature — built with the attack
 * corpus's own changes, for tests that look at the report as a person reads it.
 */
public final class ReportCorpus {

	private ReportCorpus() {
	}

	/** The documents by name, signed under {@code pki} (which the validator under test must trust). */
	public static Map<String, byte[]> documents(TestPki pki) {
		TestPki.Credentials claire = pki.issue("Claire Martin", "Cabinet Martin");
		TestPki.Credentials paul = pki.issue("Paul Durand", "Client SARL");
		TestPki.Credentials revoked = pki.issue("Rémi Révoqué", "Cabinet Ancien");
		TestPki.Credentials unit = pki.issueTimestampingUnit("Horodatage du corpus");
		TestPki stranger = new TestPki("Racine inconnue");
		byte[] onePage = TestSigner.document("Lettre de mission : honoraires annuels 1 000 EUR");
		byte[] signed = TestSigner.sign(onePage, claire, TestSigner.Options.approval(pki.crl()));
		Map<String, byte[]> documents = new LinkedHashMap<>();
		documents.put("signe.pdf", signed);
		documents.put("deux-signatures.pdf", TestSigner.sign(signed, paul, TestSigner.Options.approval(pki.crl())));
		documents.put("horodate.pdf", TestSigner.sign(onePage, claire,
				TestSigner.Options.approval(pki.crl()).timestampedBy(unit)));
		documents.put("horodatage-document.pdf", TestSigner.documentTimestamp(signed, unit));
		documents.put("certifie-puis-signe.pdf", TestSigner.sign(
				TestSigner.sign(onePage, claire, TestSigner.Options.certification(2, pki.crl())), paul,
				TestSigner.Options.approval(pki.crl())));
		documents.put("page-ajoutee.pdf", PageAttacks.appendPage(signed));
		documents.put("annotation-ajoutee.pdf",
				AttackCorpusTests.incremental(signed, document -> AttackCorpusTests.addOverlay(document, "ANNULE")));
		documents.put("contenu-modifie.pdf", AttackCorpusTests.incremental(signed,
				document -> AttackCorpusTests.write(document, document.getPage(0), "Montant : 9 000 EUR")));
		documents.put("certifie-p1-annote.pdf", AttackCorpusTests.incremental(
				TestSigner.sign(onePage, claire, TestSigner.Options.certification(1, pki.crl())),
				document -> AttackCorpusTests.addOverlay(document, "Note")));
		byte[] altered = signed.clone();
		// The page's width, inside the signed bytes: 595 becomes 594.
		int at = AttackCorpusTests.indexOf(altered, "595");
		altered[at + 2] = '4';
		documents.put("contenu-signe-altere.pdf", altered);
		documents.put("signataire-inconnu.pdf", TestSigner.sign(onePage, stranger.issue("Inconnu", "Nulle part"),
				TestSigner.Options.approval(stranger.crl())));
		documents.put("certificat-revoque.pdf", TestSigner.sign(onePage, revoked,
				TestSigner.Options.approval(pki.crl(revoked.certificate()))));
		documents.put("donnees-en-fin.pdf", AttackCorpusTests.concat(signed,
				"\n% donnees non signees\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
		documents.put("dictionnaire-redefini.pdf",
				AttackCorpusTests.redefineSignatureDictionary(signed, "(Approbation)", "(Annulation)"));
		documents.put("non-signe.pdf", onePage);
		return documents;
	}

}
