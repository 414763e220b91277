package fr.paraphe.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.internal.SealDrafts;
import fr.paraphe.validation.TestSigner;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Page pictures of drafts: rendered once per draft page and kept; a page too costly to draw (a small upload whose
 * content inflates hugely) is refused in French, and remembered, so asking again renders nothing.
 */
@ParapheIntegrationTest
class DraftPicturesIntegrationTests {

	@Autowired
	SealDrafts drafts;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPictureIsRenderedOnceAndKept() throws Exception {
		User owner = owner();
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		UUID draft = drafts.save(owner.id(), firm, "a.pdf", TestSigner.document("Image"), SignatureLevel.B_B, null, false);

		byte[] first = drafts.pagePicture(owner.id(), draft, 1);
		byte[] again = drafts.pagePicture(owner.id(), draft, 1);

		assertThat(again).isEqualTo(first);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_page_picture WHERE draft_id = ? AND png IS NOT NULL")
			.param(draft).query(Integer.class).single()).isEqualTo(1);
		// Another user gets nothing, cached or not.
		User stranger = owner();
		assertThatThrownBy(() -> drafts.pagePicture(stranger.id(), draft, 1)).isInstanceOfSatisfying(
				ProblemException.class, refused -> assertThat(refused.getStatusCode().value()).isEqualTo(404));
	}

	@Test
	void aCostlyPageIsRefusedInFrenchAndNotRenderedAgain() throws Exception {
		User owner = owner();
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		UUID draft = drafts.save(owner.id(), firm, "lourd.pdf", inflating(256), SignatureLevel.B_B, null, false);

		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> drafts.pagePicture(owner.id(), draft, 1)).isInstanceOfSatisfying(
					ProblemException.class, refused -> {
						assertThat(refused.getStatusCode().value()).isEqualTo(422);
						assertThat(refused.messageKey()).isEqualTo("signing.error.pageTooCostly");
					});
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_page_picture WHERE draft_id = ? AND png IS NULL")
			.param(draft).query(Integer.class).single()).isEqualTo(1);
	}

	private User owner() {
		return users.recordLogin(new SsoProfile("pictures-" + UUID.randomUUID(), "Paul Picture", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Picture"));
	}

	/** One page whose content stream is {@code megabytes} MiB of drawing operators, Flate-compressed. */
	static byte[] inflating(int megabytes) throws IOException {
		String line = "0 0 m 600 800 l S\n";
		byte[] chunk = line.repeat((1 << 20) / line.length() + 1).substring(0, 1 << 20).getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION))) {
			for (int i = 0; i < megabytes; i++) {
				deflate.write(chunk);
			}
		}
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			COSStream content = document.getDocument().createCOSStream();
			try (OutputStream raw = content.createRawOutputStream()) {
				raw.write(compressed.toByteArray());
			}
			content.setItem(COSName.FILTER, COSName.FLATE_DECODE);
			page.getCOSObject().setItem(COSName.CONTENTS, content);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out, CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
	}

}
