package fr.paraphe.validation.internal;

import java.util.Optional;

import fr.paraphe.validation.ReportSeal;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Which seal PDF reports get: a {@link ReportSeal} bean another module declares (the platform's seal) first, else
 * the key store of {@code paraphe.validation.report-seal}, else none.
 */
public final class ReportSeals {

	private final ObjectProvider<ReportSeal> declared;

	private final ReportSeal fallback;

	ReportSeals(ObjectProvider<ReportSeal> declared, ReportSeal fallback) {
		this.declared = declared;
		this.fallback = fallback;
	}

	public Optional<ReportSeal> current() {
		return declared.orderedStream().findFirst().or(() -> Optional.ofNullable(fallback));
	}

}
