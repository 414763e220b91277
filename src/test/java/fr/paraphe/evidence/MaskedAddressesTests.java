package fr.paraphe.evidence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A masked address tells its owner where the code went, and nobody else what the address is. */
class MaskedAddressesTests {

	@Test
	void anEmailKeepsItsFirstCharacterAndDomain() {
		assertThat(MaskedAddresses.email("claire.martin@exemple.fr")).isEqualTo("c***@exemple.fr");
		assertThat(MaskedAddresses.email(" Élodie@exemple.fr ")).isEqualTo("É***@exemple.fr");
		assertThat(MaskedAddresses.email("x@exemple.fr")).isEqualTo("x***@exemple.fr");
		for (String bad : new String[] { null, "", "claire", "@exemple.fr", "claire@", "a@b@c.fr" }) {
			assertThat(MaskedAddresses.email(bad)).as(bad).isEqualTo("***");
		}
	}

	@Test
	void aPhoneKeepsItsCountryFirstDigitAndLastTwo() {
		assertThat(MaskedAddresses.phone("+33612345678")).isEqualTo("+33 6 ** ** ** 78");
		assertThat(MaskedAddresses.phone("+33 6 12 34 56 78")).isEqualTo("+33 6 ** ** ** 78");
		assertThat(MaskedAddresses.phone("06 12 34 56 78")).isEqualTo("+33 6 ** ** ** 78");
		assertThat(MaskedAddresses.phone("0033612345678")).isEqualTo("+33 6 ** ** ** 78");
		assertThat(MaskedAddresses.phone("+4915112345678")).isEqualTo("+49 ********* 78");
		for (String bad : new String[] { null, "", "12", "+1234567890123456", "abc" }) {
			assertThat(MaskedAddresses.phone(bad)).as(bad).isEqualTo("***");
		}
		assertThat(MaskedAddresses.phone("+33612345678")).doesNotContain("1234").doesNotContain("3456");
	}

}
