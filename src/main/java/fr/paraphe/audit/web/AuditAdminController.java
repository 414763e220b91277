package fr.paraphe.audit.web;

import fr.paraphe.audit.AuditTrail;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The audit trail's state for platform administrators: the last verification of its chains, and a button
 * to verify them now.
 */
@Controller
@RequestMapping("/admin/journal")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class AuditAdminController {

	private final AuditTrail trail;

	AuditAdminController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("check", trail.lastCheck().orElse(null));
		return "audit/admin";
	}

	@PostMapping("/verifier")
	String checkNow() {
		trail.check();
		return "redirect:/admin/journal";
	}

}
