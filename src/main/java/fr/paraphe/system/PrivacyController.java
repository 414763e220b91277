package fr.paraphe.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import fr.paraphe.shared.RetentionPolicy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /confidentialite}, public: each kind of personal data Paraphe keeps and for how long, read from the
 * settings in force ({@link RetentionPolicy} beans of the modules that purge, the session timeout) and, for what no
 * job deletes, said as kept for as long as the account or the firm exists.
 */
@Controller
class PrivacyController {

	private final List<RetentionPolicy> policies;

	private final Duration sessionTimeout;

	PrivacyController(List<RetentionPolicy> policies,
			@Value("${server.servlet.session.timeout:30m}") Duration sessionTimeout) {
		this.policies = policies;
		this.sessionTimeout = sessionTimeout;
	}

	@GetMapping("/confidentialite")
	String privacy(Model model) {
		List<RetentionPolicy.Kept> kept = new ArrayList<>();
		policies.forEach(policy -> kept.addAll(policy.kept()));
		// What no job deletes, by design: said here so that the page lists every kind of data.
		kept.add(new RetentionPolicy.Kept("privacy.kept.profile", null, 10));
		kept.add(new RetentionPolicy.Kept("privacy.kept.terms", null, 30));
		kept.add(new RetentionPolicy.Kept("privacy.kept.certificates", null, 31));
		kept.add(new RetentionPolicy.Kept("privacy.kept.codes", null, 32));
		kept.add(new RetentionPolicy.Kept("privacy.kept.emails", null, 50));
		kept.add(new RetentionPolicy.Kept("privacy.kept.billing", null, 60));
		kept.add(new RetentionPolicy.Kept("privacy.kept.audit", null, 70));
		kept.add(new RetentionPolicy.Kept("privacy.kept.session", sessionTimeout, 80));
		kept.add(new RetentionPolicy.Kept("privacy.kept.validation", Duration.ZERO, 90));
		kept.sort(Comparator.comparingInt(RetentionPolicy.Kept::order));
		model.addAttribute("kept", kept.stream().map(PrivacyController::row).toList());
		return "privacy";
	}

	/** A duration in the largest whole unit: days, hours or minutes (a message key and its number). */
	record Row(String messageKey, String unitKey, long amount) {
	}

	private static Row row(RetentionPolicy.Kept kept) {
		Duration duration = kept.duration();
		if (duration == null) {
			return new Row(kept.messageKey(), "privacy.unit.unlimited", 0);
		}
		if (duration.isZero()) {
			return new Row(kept.messageKey(), "privacy.unit.none", 0);
		}
		if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
			return new Row(kept.messageKey(), "privacy.unit.days", duration.toDays());
		}
		if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
			return new Row(kept.messageKey(), "privacy.unit.hours", duration.toHours());
		}
		return new Row(kept.messageKey(), "privacy.unit.minutes", Math.max(1, duration.toMinutes()));
	}

}
