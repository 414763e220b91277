package fr.paraphe.signing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import fr.paraphe.pades.Appearance;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.internal.SigningProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The draft component's rules that need no database: retention from configuration, boxes inside their pages. */
class DraftsTests {

	private static Drafts drafts(Map<String, String> properties) {
		SigningProperties bound = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("paraphe.signing", SigningProperties.class);
		return new Drafts(null, null, bound, null, java.time.Clock.systemUTC());
	}

	@Test
	void retentionsKeepTheirDefaultsAndAreBothConfigurable() {
		Drafts defaults = drafts(Map.of());
		assertThat(defaults.retention(Drafts.Kind.SIGNATURE)).isEqualTo(Duration.ofDays(7));
		assertThat(defaults.retention(Drafts.Kind.SEAL)).isEqualTo(Duration.ofDays(1));
		Drafts configured = drafts(Map.of("paraphe.signing.request-retention", "2d",
				"paraphe.signing.seal-draft-retention", "6h"));
		assertThat(configured.retention(Drafts.Kind.SIGNATURE)).isEqualTo(Duration.ofDays(2));
		assertThat(configured.retention(Drafts.Kind.SEAL)).isEqualTo(Duration.ofHours(6));
	}

	@Test
	void everyBoxMustLieInsideItsPage() {
		List<PageSize> pages = List.of(new PageSize(595, 842), new PageSize(842, 595));
		assertThatCode(() -> Drafts.requireInside(pages, List.of(Appearance.box(1, 36, 36, 220, 70),
				Appearance.box(2, 600, 500, 220, 70), Appearance.field("Signature1")))).doesNotThrowAnyException();
		assertThatCode(() -> Drafts.requireInside(pages, List.of())).doesNotThrowAnyException();
		for (Appearance outside : List.of(Appearance.box(3, 36, 36, 220, 70), Appearance.box(0, 36, 36, 220, 70),
				Appearance.box(1, 400, 36, 220, 70), Appearance.box(2, 36, 540, 220, 70),
				Appearance.box(1, -1, 36, 220, 70))) {
			assertThatThrownBy(() -> Drafts.requireInside(pages, List.of(Appearance.box(1, 36, 36, 220, 70), outside)))
				.isInstanceOfSatisfying(ProblemException.class,
						problem -> assertThat(problem.messageKey()).isEqualTo("signing.error.badPlacement"));
		}
	}

}
