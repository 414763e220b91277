package fr.paraphe.collection.web;

import fr.paraphe.collection.internal.Copies;
import fr.paraphe.shared.ProblemException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /collecte/copie/<token>}: a recipient in copy's page, with the signed documents of a completed collection
 * (no account; never the signers' addresses).
 */
@Controller
class CopyPageController {

	private final Copies copies;

	CopyPageController(Copies copies) {
		this.copies = copies;
	}

	@GetMapping("/collecte/copie/{token}")
	String page(@PathVariable("token") String token, Model model) {
		model.addAttribute("visit", copies.open(token));
		model.addAttribute("token", token);
		return "collection/copy";
	}

	@GetMapping("/collecte/copie/{token}/documents/{number}.pdf")
	ResponseEntity<byte[]> document(@PathVariable("token") String token, @PathVariable("number") int number) {
		var version = copies.document(token, number);
		return CollectionApiController.pdf(version.pdf(), version.fileName());
	}

	/** A link that opens nothing: a page that says so, in French, with its status. */
	@ExceptionHandler(ProblemException.class)
	String refused(ProblemException problem, Model model, HttpServletResponse response) {
		return SignerPageController.refusedPage(problem, model, response);
	}

}
