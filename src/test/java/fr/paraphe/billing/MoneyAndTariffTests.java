package fr.paraphe.billing;

import java.time.Instant;
import java.util.Locale;

import fr.paraphe.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyAndTariffTests {

	@Test
	void parsesWhatPeopleType() {
		assertThat(Money.parse("12")).isEqualTo(Money.ofCents(1200));
		assertThat(Money.parse("12,5")).isEqualTo(Money.ofCents(1250));
		assertThat(Money.parse("1 250,05 €")).isEqualTo(Money.ofCents(125005));
		assertThat(Money.parse("0.01")).isEqualTo(Money.ofCents(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-5", "1,234", "abc", "1e3", "12,", "9999999999" })
	void refusesWhatIsNotAnAmount(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.parse(text));
	}

	@Test
	void formatsInFrenchAndEnglish() {
		assertThat(Money.ofCents(123450).format(Locale.FRENCH)).isEqualTo("1\u202f234,50\u00a0€");
		assertThat(Money.ofCents(123450).format(Locale.ENGLISH)).isEqualTo("€1,234.50");
	}

	@Test
	void vatIsRoundedHalfUpToTheCent() {
		assertThat(Money.ofCents(100).vat(2000)).isEqualTo(Money.ofCents(20));
		assertThat(Money.ofCents(155).vat(550)).isEqualTo(Money.ofCents(9));
		assertThat(Money.ofCents(150).vat(550)).isEqualTo(Money.ofCents(8));
	}

	@Test
	void aTariffPricesEachOperationWithVat() {
		Tariff tariff = new Tariff(Instant.EPOCH, Money.ofCents(150), Money.ofCents(100), Money.ofCents(200), 2000);

		assertThat(tariff.grossPrice(Operation.SIGNATURE)).isEqualTo(Money.ofCents(180));
		assertThat(tariff.grossPrice(Operation.SEAL)).isEqualTo(Money.ofCents(120));
		assertThat(tariff.grossPrice(Operation.COLLECTION_SIGNER)).isEqualTo(Money.ofCents(240));
		assertThat(tariff.vatPercent()).isEqualTo("20");
		assertThat(new Tariff(Instant.EPOCH, Money.ZERO, Money.ZERO, Money.ZERO, 550).vatPercent()).isEqualTo("5,5");
	}

	@Test
	void theNetOfAnAmountPaidVatIncludedIsRoundedHalfUpInDecimal() {
		assertThat(Money.parse("24.00").netOfGross(2000)).isEqualTo(Money.parse("20.00"));
		// 0.03 / 1.2 = 0.025: half up to 0.03; 0.01 / 1.2 = 0.0083…: 0.01.
		assertThat(Money.parse("0.03").netOfGross(2000)).isEqualTo(Money.parse("0.03"));
		assertThat(Money.parse("0.01").netOfGross(2000)).isEqualTo(Money.parse("0.01"));
		// 105.50 at 5.5 %: exactly 100.00; the largest credit at 20 %: 83,333.33.
		assertThat(Money.parse("105.50").netOfGross(550)).isEqualTo(Money.parse("100.00"));
		assertThat(Money.parse("100000").netOfGross(2000)).isEqualTo(Money.parse("83333.33"));
	}

}
