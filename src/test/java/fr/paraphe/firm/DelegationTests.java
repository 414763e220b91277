package fr.paraphe.firm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DelegationTests {

	@ParameterizedTest
	@CsvSource({ "SIGN,SIGN", "signer,SIGN", "Signature,SIGN", "sceller,SEAL", "SCELLEMENT,SEAL", "seal,SEAL",
			"préparer,PREPARE", "PREPARATION,PREPARE", "lancer,LAUNCH", "Lancement,LAUNCH", "' launch ',LAUNCH" })
	void readsEnglishAndFrenchWords(String text, Delegation expected) {
		assertThat(Delegation.parse(text)).contains(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "admin", "SIGNE", "tout" })
	void refusesAnythingElse(String text) {
		assertThat(Delegation.parse(text)).isEmpty();
		assertThat(Delegation.parse(null)).isEmpty();
	}

}
