package fr.paraphe.pki;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A one-time signer's identity is hostile input: only plain names and one plain address of each kind get in. */
class OneTimeSignerTests {

	@Test
	void aPlainIdentityIsKeptAndThePhoneNormalised() {
		OneTimeSigner signer = new OneTimeSigner(" Élodie ", "Dupré-Léger", "elodie.dupre@exemple.fr", "+33 6 12.34-56 78",
				"3f2c1a9e-0000-4000-8000-000000000001");
		assertThat(signer.givenName()).isEqualTo("Élodie");
		assertThat(signer.phone()).isEqualTo("+33612345678");
		assertThat(signer.telUri()).isEqualTo("tel:+33612345678");
		assertThat(signer.commonName()).isEqualTo("Élodie Dupré-Léger");
		assertThat(signer.holder()).isEqualTo("onetime:3f2c1a9e-0000-4000-8000-000000000001");
		assertThat(new OneTimeSigner("Jean", "D'Arc", null, "+4915112345678", "s1").email()).isNull();
	}

	@Test
	void namesThatCouldForgeAnotherAttributeOrDeceiveAreRefused() {
		for (String name : new String[] { null, "", "  ", "Claire,CN=Admin", "Claire+OU=x", "Cl\u0430ire", "Claire\nMartin",
				"Claire\u202e", "<script>", "Claire=1", "x".repeat(65), "1Claire", "Claire\"" }) {
			assertThatThrownBy(() -> new OneTimeSigner(name, "Martin", "c@exemple.fr", null, "s1")).as(String.valueOf(name))
				.isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> new OneTimeSigner("Claire", name, "c@exemple.fr", null, "s1")).as(String.valueOf(name))
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void addressesMustBeOnePlainAddress() {
		for (String email : new String[] { "", "claire", "claire@", "@exemple.fr", "claire@exemple", "a@b@exemple.fr",
				"claire@exemple.fr, evil@x.fr", "claire@exemple.fr\r\nBcc: x@y.fr", "clàire@exemple.fr", "claire@-x.fr",
				"claire..martin@exemple.fr", "a".repeat(65) + "@exemple.fr", "c@" + "a".repeat(250) + ".fr" }) {
			assertThatThrownBy(() -> new OneTimeSigner("Claire", "Martin", email, null, "s1")).as(email)
				.isInstanceOf(IllegalArgumentException.class);
		}
		for (String phone : new String[] { "", "0612345678", "+0612345678", "+33 6 12 34 56 78 90 12 34", "+33612345678;ext=1",
				"tel:+33612345678", "+33 6 12 34 56 7a", "+33--612345678" }) {
			assertThatThrownBy(() -> new OneTimeSigner("Claire", "Martin", null, phone, "s1")).as(phone)
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void atLeastOneVerifiedChannelAndAPlainReferenceAreNeeded() {
		assertThatThrownBy(() -> new OneTimeSigner("Claire", "Martin", null, null, "s1"))
			.isInstanceOf(IllegalArgumentException.class);
		for (String reference : new String[] { null, "", "a b", "a/b", "é", "x".repeat(65), "a_b", "a,CN=x" }) {
			assertThatThrownBy(() -> new OneTimeSigner("Claire", "Martin", "c@exemple.fr", null, reference)).as(reference)
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

}
