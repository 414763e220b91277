package fr.paraphe.signing.web;

import java.util.List;
import java.util.Map;

import fr.paraphe.shared.PersonalData;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.Documents;

import org.springframework.stereotype.Component;

/** "Mes données": the firm's documents the person may see ({@link Documents}), and the files still kept. */
@Component
class SigningPersonalData implements PersonalData {

	private final Documents documents;

	SigningPersonalData(Documents documents) {
		this.documents = documents;
	}

	@Override
	public Map<String, Object> about(UserId user) {
		return Map.of("documents", visible(user));
	}

	@Override
	public List<File> files(UserId user) {
		return visible(user).stream()
			.filter(Documents.Document::available)
			.map(document -> new File("documents/" + document.id() + "-" + DownloadNames.base(document.fileName()) + ".pdf",
					() -> documents.pdf(user, document.id())))
			.toList();
	}

	private List<Documents.Document> visible(UserId user) {
		try {
			return documents.search(user, Documents.Search.ALL);
		}
		catch (ProblemException noFirm) {
			return List.of();
		}
	}

}
