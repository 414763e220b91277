package fr.paraphe.collection.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV files as spreadsheets write them: encodings, separators, quotes, line numbers, limits. */
class CsvTableTests {

	@Test
	void utf8WithBomSemicolonsAndQuotedCellsKeepTheirLineNumbers() throws Exception {
		byte[] body = "\uFEFFCivilité;Prénom\r\nMme;\"Anne\r\nMarie\"\r\n\r\nM.;\"Paul \"\"Le Grand\"\"; aîné\"\r\n"
			.getBytes(StandardCharsets.UTF_8);
		CsvTable table = CsvTable.parse(body, 10);
		assertThat(table.header()).containsExactly("Civilité", "Prénom");
		assertThat(table.rows()).containsExactly(new CsvTable.Row(2, List.of("Mme", "Anne\r\nMarie")),
				new CsvTable.Row(5, List.of("M.", "Paul \"Le Grand\"; aîné")));
		assertThat(table.column("prenom")).isEqualTo(1);
		assertThat(table.column("mobile")).isEqualTo(-1);
	}

	@Test
	void windows1252AndCommasAreRecognised() throws Exception {
		byte[] body = "civilité,prénom,nom\nMme,Hélène,\"Bézier; fille\"\n".getBytes(Charset.forName("windows-1252"));
		CsvTable table = CsvTable.parse(body, 10);
		assertThat(table.header()).containsExactly("civilité", "prénom", "nom");
		assertThat(table.rows().get(0).cells()).containsExactly("Mme", "Hélène", "Bézier; fille");
		assertThat(CsvTable.key("E-mail ")).isEqualTo("email");
		assertThat(CsvTable.key("Téléphone")).isEqualTo("telephone");
	}

	@Test
	void emptyUnclosedAndTooLongFilesAreUnreadable() {
		assertThatThrownBy(() -> CsvTable.parse(new byte[0], 10)).hasMessage("empty");
		assertThatThrownBy(() -> CsvTable.parse(" \r\n;;\r\n".getBytes(StandardCharsets.UTF_8), 10)).hasMessage("empty");
		assertThatThrownBy(() -> CsvTable.parse("a;b\n\"x;y\n".getBytes(StandardCharsets.UTF_8), 10)).hasMessage("quote");
		assertThatThrownBy(() -> CsvTable.parse("a\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8), 2)).hasMessage("tooLong");
	}

}
