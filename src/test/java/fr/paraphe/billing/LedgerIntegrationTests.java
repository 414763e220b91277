package fr.paraphe.billing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.firm.FirmDetails;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger as the owner reads it: one payment per credit form however often it is posted, each entry's
 * "Solde après" following from the one before it, and a receipt that stays as it was issued.
 */
@ParapheIntegrationTest
class LedgerIntegrationTests extends BillingTest {

	private User owner;

	private FirmId firm;

	@BeforeEach
	void aFirm() {
		owner = newOwner("ledger-owner", "Laure Ledger", "Cabinet Ledger");
		firm = firmOf(owner);
	}

	@Test
	void twoPostsOfOneCreditFormMakeOnePayment() throws Exception {
		String form = UUID.randomUUID().toString();
		ExecutorService clicks = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Entry>> posts = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				posts.add(() -> billing.credit(firm, owner.id(), Money.parse("30"), form));
			}
			List<Entry> credits = new ArrayList<>();
			for (Future<Entry> post : clicks.invokeAll(posts)) {
				try {
					credits.add(post.get());
				}
				catch (java.util.concurrent.ExecutionException inFlight) {
					// A post arriving while the first is with the payment provider is told so (409), not paid.
					assertThat(inFlight.getCause()).isInstanceOf(fr.paraphe.shared.ProblemException.class);
				}
			}
			assertThat(credits).isNotEmpty();
			assertThat(credits).extracting(Entry::id).containsOnly(credits.get(0).id());
		}
		finally {
			clicks.shutdownNow();
		}
		assertThat(billing.credit(firm, owner.id(), Money.parse("30"), form).receiptNumber())
			.isEqualTo(credits().get(0).receiptNumber());
		assertThat(credits()).hasSize(1);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.parse("30"));
	}

	@Test
	void eachBalanceAfterFollowsFromThePreviousEntry() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("100"));
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Callable<Charged<String>>> seals = new ArrayList<>();
			for (int i = 0; i < 48; i++) {
				String key = "seal:ledger-" + i;
				seals.add(() -> billing.charge(firm, Operation.SEAL, key, "test", () -> key));
			}
			for (Future<Charged<String>> seal : pool.invokeAll(seals)) {
				seal.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Entry> newestFirst = billing.statement(firm, owner.id(), Instant.now().minus(1, ChronoUnit.DAYS),
				Instant.now().plus(1, ChronoUnit.DAYS), null, 1000);
		assertThat(newestFirst).hasSize(49);
		for (int i = 0; i < newestFirst.size() - 1; i++) {
			Entry entry = newestFirst.get(i);
			Entry before = newestFirst.get(i + 1);
			assertThat(entry.balanceAfter().cents())
				.as("entry %d of the statement", i)
				.isEqualTo(before.balanceAfter().cents() + entry.kind().sign() * entry.amount().cents());
		}
	}

	@Test
	void aReceiptStaysAsItWasIssued() throws Exception {
		firms.updateDetails(firm, owner.id(),
				new FirmDetails("Cabinet Avant", "12345", "1 rue Ancienne", "75001", "Paris"));
		Entry credit = billing.credit(firm, owner.id(), Money.parse("12"));
		firms.updateDetails(firm, owner.id(),
				new FirmDetails("Cabinet Après", "12345", "2 avenue Nouvelle", "69001", "Lyon"));

		try (PDDocument pdf = Loader.loadPDF(billing.receiptPdf(firm, owner.id(), credit.receiptNumber()))) {
			String text = new PDFTextStripper().getText(pdf);
			assertThat(text).contains("Cabinet Avant", "1 rue Ancienne").doesNotContain("Après", "Nouvelle");
		}
		assertThat(billing.receiptIssue(firm, owner.id(), credit.receiptNumber()).firmName()).isEqualTo("Cabinet Avant");
	}

	private List<Entry> credits() {
		return billing.statement(firm, owner.id(), Instant.now().minus(1, ChronoUnit.DAYS),
				Instant.now().plus(1, ChronoUnit.DAYS), EntryKind.CREDIT, 100);
	}

}
