package fr.paraphe;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture of ARCHITECTURE.md, checked at every build: modules only use each other's public API,
 * and no cycle; a module's root package holds what other modules use. Also writes the module documentation to
 * target/spring-modulith-docs.
 */
class ModularityTests {

	/**
	 * Public root types that no other module's code depends on (no import, no call, no field or parameter of that
	 * type), kept at the root on purpose: docs/architecture.md says why for each.
	 */
	private static final Set<String> PUBLIC_ON_PURPOSE = Set.of(
			// Events any module may listen to: the event publication registry stores their class names.
			"fr.paraphe.pki.CertificateIssued", "fr.paraphe.registration.RegistrationEvents",
			"fr.paraphe.terms.TermsEvents", "fr.paraphe.webhook.EndpointDisabled",
			// In the signatures of the API methods other modules call.
			"fr.paraphe.audit.AuditCheck", "fr.paraphe.audit.ChainBreak", "fr.paraphe.billing.Charged",
			"fr.paraphe.billing.Entry", "fr.paraphe.billing.ReceiptIssue", "fr.paraphe.firm.FirmDetails",
			"fr.paraphe.firm.FirmRole", "fr.paraphe.notification.Message", "fr.paraphe.pades.CrlSource",
			"fr.paraphe.pades.OcspSource", "fr.paraphe.pades.TspSource", "fr.paraphe.terms.TermsAcceptance",
			// Named outside Java code: by a deployment's configuration, by META-INF/spring.factories.
			"fr.paraphe.billing.PaymentProvider", "fr.paraphe.system.ProductionSettings",
			// Beside FirmSeals' package-private issueChecked and certificateFor, which must not become public.
			"fr.paraphe.signing.SealCheck", "fr.paraphe.signing.SealChecks", "fr.paraphe.signing.SealJobs");

	private final ApplicationModules modules = ApplicationModules.of(ParapheApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void aModulesRootHoldsWhatOtherModulesUse() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("fr.paraphe");
		Set<String> unused = new TreeSet<>();
		for (ApplicationModule module : modules) {
			String root = module.getBasePackage().getName();
			for (JavaClass type : classes) {
				if (type.getPackageName().equals(root) && type.getModifiers().contains(JavaModifier.PUBLIC)
						&& type.isTopLevelClass() && !usedOutside(type, classes, root)) {
					unused.add(type.getName());
				}
			}
		}
		assertThat(unused).as("public root types no other module uses: move them to the module's internal package")
			.isSubsetOf(PUBLIC_ON_PURPOSE);
		assertThat(PUBLIC_ON_PURPOSE).as("kept public on purpose, but now used by another module or moved")
			.isSubsetOf(unused);
	}

	/** Whether code outside the module depends on the type or on one of its nested types. */
	private static boolean usedOutside(JavaClass type, JavaClasses classes, String root) {
		List<JavaClass> selfAndNested = classes.stream()
			.filter(other -> other.equals(type) || other.getName().startsWith(type.getName() + "$"))
			.toList();
		return selfAndNested.stream()
			.flatMap(target -> target.getDirectDependenciesToSelf().stream())
			.map(dependency -> dependency.getOriginClass().getPackageName())
			.anyMatch(origin -> !origin.equals(root) && !origin.startsWith(root + "."));
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
