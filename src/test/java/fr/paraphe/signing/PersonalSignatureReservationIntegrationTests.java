package fr.paraphe.signing;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.billing.Reservation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.validation.TestSigner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A personal signature is paid like a seal: reserve, sign with no lock and no connection held, settle keyed by
 * the request's id. A slow signature holds nobody's account; a node that dies while signing leaves a reservation
 * that housekeeping releases, never a debit.
 */
@ParapheIntegrationTest
class PersonalSignatureReservationIntegrationTests {

	static final Money START = Money.parse("20");

	@Autowired
	PersonalSignatures signatures;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Billing billing;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	Notifications notifications;

	@Autowired
	fr.paraphe.terms.Terms terms;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSlowPersonalSignatureDoesNotHoldItsFirmsAccount() throws Exception {
		Signer signer = prepared(signer());
		UUID request = signer.request();
		BlockingSigner blocking = new BlockingSigner(original());
		CompletableFuture<Void> confirmed;
		swapSigner(blocking);
		try {
			confirmed = CompletableFuture.runAsync(() -> signatures.confirm(signer.user().id(), request, signer.code()));
			assertThat(blocking.entered.await(60, TimeUnit.SECONDS)).isTrue();
			// While the document is being signed, the signature's price is reserved under its request's id...
			assertThat(reservations(signer.firm(), "signature:" + request, "ACTIVE")).isEqualTo(1);
			// ...and the firm's account is free: another operation of the firm reserves and settles at once.
			Reservation other = billing.reserve(signer.firm(), Operation.SEAL, "seal:" + UUID.randomUUID(), "test");
			billing.release(other);
			blocking.release.countDown();
			confirmed.get(60, TimeUnit.SECONDS);
		}
		finally {
			blocking.release.countDown();
			swapSigner(blocking.delegate);
		}
		assertThat(signatures.signed(signer.user().id(), request)).isPresent();
		assertThat(debits(signer.firm(), "signature:" + request)).isEqualTo(1);
		assertThat(reservations(signer.firm(), "signature:" + request, "SETTLED")).isEqualTo(1);
		assertThat(billing.ledgerMatchesBalance(signer.firm())).isTrue();
		assertThat(billing.balance(signer.firm(), signer.user().id()))
			.isEqualTo(START.minus(billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SIGNATURE)));
	}

	@Test
	void aCrashBetweenSignatureAndSettlementLeavesAReservationThatHousekeepingReleases() throws Exception {
		Signer signer = prepared(signer());
		UUID request = signer.request();
		BlockingSigner dying = new BlockingSigner(original());
		dying.dies = true;
		CompletableFuture<Void> confirmed;
		swapSigner(dying);
		try {
			confirmed = CompletableFuture.runAsync(() -> signatures.confirm(signer.user().id(), request, signer.code()));
			assertThat(dying.entered.await(60, TimeUnit.SECONDS)).isTrue();
			// The node is signing when it dies: its reservation is neither settled nor released, so housekeeping
			// gives it back.
			assertThat(billing.releaseStale(Duration.ZERO)).isGreaterThanOrEqualTo(1);
			assertThat(billing.balance(signer.firm(), signer.user().id())).isEqualTo(START);
			dying.release.countDown();
			try {
				confirmed.get(60, TimeUnit.SECONDS);
			}
			catch (ExecutionException died) {
				assertThat(died.getCause()).isInstanceOf(NodeDied.class);
			}
		}
		finally {
			dying.release.countDown();
			swapSigner(dying.delegate);
		}
		assertThat(signatures.signed(signer.user().id(), request)).isEmpty();
		assertThat(debits(signer.firm(), "signature:" + request)).isZero();
		assertThat(reservations(signer.firm(), "signature:" + request, "RELEASED")).isEqualTo(1);
		assertThat(billing.balance(signer.firm(), signer.user().id())).isEqualTo(START);
		assertThat(billing.ledgerMatchesBalance(signer.firm())).isTrue();
	}

	/** A signer, and once prepared, their request and its code. */
	record Signer(User user, FirmId firm, UUID request, String code) {
	}

	private Signer signer() {
		User user = users.recordLogin(new SsoProfile("personal-" + UUID.randomUUID(), "Paule Personnelle",
				"paule-" + UUID.randomUUID() + "@paraphe.example", Role.EXPERT_COMPTABLE, TestSirens.random(),
				"Cabinet Personnel"));
		FirmId firm = firms.membershipOf(user.id()).orElseThrow().firm();
		ca.issue(new NaturalPerson(user.id(), "Paule", "Personnelle",
				"IDCFR-RES-" + UUID.randomUUID().toString().substring(0, 8), "FR"));
		terms.accept(user.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		billing.credit(firm, user.id(), START);
		return new Signer(user, firm, null, null);
	}

	/** The signer with a request prepared and its code, read from the e-mail. */
	private Signer prepared(Signer signer) {
		UUID id = signatures.prepare(signer.user(), Locale.FRENCH, "lettre.pdf", TestSigner.document("Lettre"),
				SignatureLevel.B_B, null, null);
		String text = notifications.sentTo(signer.user().email()).get(0).text();
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
		assertThat(code.find()).isTrue();
		return new Signer(signer.user(), signer.firm(), id, code.group(1));
	}

	private PadesSigner original() {
		return (PadesSigner) ReflectionTestUtils.getField((Object) AopTestUtils.getTargetObject(signatures), "signer");
	}

	private void swapSigner(PadesSigner signer) {
		ReflectionTestUtils.setField((Object) AopTestUtils.getTargetObject(signatures), "signer", signer);
	}

	private int debits(FirmId firm, String key) {
		return jdbc.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = ? AND kind = 'DEBIT' AND idempotency_key = ?")
			.params(firm.value(), key)
			.query(Integer.class)
			.single();
	}

	private int reservations(FirmId firm, String key, String status) {
		return jdbc.sql("SELECT COUNT(*) FROM billing_reservation WHERE firm_id = ? AND idempotency_key = ? AND status = ?")
			.params(firm.value(), key, status)
			.query(Integer.class)
			.single();
	}

	/** The node dying while it signs. */
	static final class NodeDied extends Error {

		private static final long serialVersionUID = 1L;

	}

	/** Signs once released; or, if {@link #dies}, dies instead. */
	static final class BlockingSigner implements PadesSigner {

		final PadesSigner delegate;

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean dies;

		BlockingSigner(PadesSigner delegate) {
			this.delegate = delegate;
		}

		private void block() {
			entered.countDown();
			try {
				release.await(120, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			if (dies) {
				throw new NodeDied();
			}
		}

		@Override
		public byte[] sign(byte[] pdf, fr.paraphe.pades.SigningKey key, fr.paraphe.pades.SignatureParameters parameters) {
			block();
			return delegate.sign(pdf, key, parameters);
		}

		@Override
		public void sign(java.nio.file.Path pdf, java.io.OutputStream out, fr.paraphe.pades.SigningKey key,
				fr.paraphe.pades.SignatureParameters parameters) {
			block();
			delegate.sign(pdf, out, key, parameters);
		}

		@Override
		public byte[] extend(byte[] pdf, SignatureLevel level) {
			return delegate.extend(pdf, level);
		}

	}

}
