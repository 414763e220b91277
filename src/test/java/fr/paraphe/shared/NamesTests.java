package fr.paraphe.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTests {

	@Test
	void decomposedAccentsAreAcceptedAndStoredComposed() {
		String decomposed = "He\u0301le\u0300ne Be\u0301ranger";

		assertThat(Names.name(decomposed, 64)).isEqualTo("Hélène Béranger").hasSize(15);
	}

	@Test
	void spacesAreTidiedAndBlankIsNull() {
		assertThat(Names.name("  Cabinet\u00a0 Démo  ", 64)).isEqualTo("Cabinet Démo");
		assertThat(Names.name("   ", 64)).isNull();
		assertThat(Names.name(null, 64)).isNull();
	}

	@Test
	void lineBreaksAndControlCharactersAreRefused() {
		for (String bad : new String[] { "Cabinet\r\nBcc: x@evil.example", "Cabinet\nDémo", "Cabinet\tDémo", "Cabinet\u0000",
				"Cabinet\u2028Démo", "Cabi\u200bnet", "Cabinet\ufeff" }) {
			assertThatThrownBy(() -> Names.name(bad, 64)).as(bad)
				.isInstanceOfSatisfying(Names.InvalidText.class,
						invalid -> assertThat(invalid.fault()).isEqualTo(Names.Fault.CONTROL))
				.satisfies(invalid -> assertThat(((ProblemException) invalid).getStatusCode().value()).isEqualTo(400));
		}
	}

	@Test
	void bidirectionalOverridesAndEmbeddingsAreRefused() {
		for (int control : new int[] { 0x202E, 0x202D, 0x202A, 0x202B, 0x202C, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E,
				0x200F, 0x061C }) {
			String bad = "DGFiP " + Character.toString(control) + "fdp.ecnarf";
			assertThatThrownBy(() -> Names.text(bad, 200)).as("U+%04X", control)
				.isInstanceOfSatisfying(Names.InvalidText.class,
						invalid -> assertThat(invalid.fault()).isEqualTo(Names.Fault.BIDI));
		}
	}

	@Test
	void theLengthIsLimitedInCharactersAfterNormalization() {
		assertThat(Names.text("é".repeat(200), 200)).hasSize(200);
		assertThat(Names.text("e\u0301".repeat(200), 200)).hasSize(200);
		assertThatThrownBy(() -> Names.text("x".repeat(201), 200)).isInstanceOfSatisfying(Names.InvalidText.class,
				invalid -> {
					assertThat(invalid.fault()).isEqualTo(Names.Fault.TOO_LONG);
					assertThat(invalid.messageKey()).isEqualTo("name.invalid.tooLong");
					assertThat(invalid.arguments()).containsExactly(200);
				});
	}

	@Test
	void mixedScriptNamesAreRefusedButFreeTextMayMix() {
		String withCyrillicA = "Cl\u0430ire";
		assertThat(Names.mixesScripts(withCyrillicA)).isTrue();
		assertThatThrownBy(() -> Names.name(withCyrillicA, 64)).isInstanceOfSatisfying(Names.InvalidText.class,
				invalid -> assertThat(invalid.fault()).isEqualTo(Names.Fault.MIXED_SCRIPTS));
		assertThat(Names.text("Motif : accord Ωmega", 200)).isEqualTo("Motif : accord Ωmega");
	}

	@Test
	void singleScriptNamesOfAnyScriptPass() {
		assertThat(Names.name("Zoë O’Brien-Müller", 64)).isEqualTo("Zoë O’Brien-Müller");
		assertThat(Names.name("Анна Петрова", 64)).isEqualTo("Анна Петрова");
		assertThat(Names.name("山田 はなこ", 64)).isEqualTo("山田 はなこ");
		assertThat(Names.name("Cabinet Démo & Associés (SARL) 2026", 255)).isEqualTo("Cabinet Démo & Associés (SARL) 2026");
	}

}
