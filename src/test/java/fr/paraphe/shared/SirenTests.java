package fr.paraphe.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SirenTests {

	@ParameterizedTest
	@ValueSource(strings = { "732829320", "552100554", "443061841", "000000000" })
	void acceptsNumbersWithAGoodLuhnKey(String value) {
		assertThat(Siren.isValid(value)).isTrue();
		assertThat(new Siren(value).value()).isEqualTo(value);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "732829321", "73282932", "7328293200", "73282932a", "732 829 320", "７３２８２９３２０" })
	void refusesAnythingElse(String value) {
		assertThat(Siren.isValid(value)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new Siren(value));
	}

	@Test
	void parsesAndFormatsTheUsualGrouping() {
		Siren siren = Siren.parse("732 829 320");
		assertThat(siren.value()).isEqualTo("732829320");
		assertThat(siren.formatted()).isEqualTo("732 829 320");
		assertThatIllegalArgumentException().isThrownBy(() -> Siren.parse(null));
	}

}
