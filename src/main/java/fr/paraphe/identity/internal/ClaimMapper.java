package fr.paraphe.identity.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.shared.Siren;

/**
 * Reads an {@link SsoProfile} from the provider's claims, under the configured claim names. Claims are
 * input from outside: each is checked, and a refusal says which.
 */
public final class ClaimMapper {

	private static final int MAX_TEXT = 255;

	private final OidcProperties.Claims names;

	public ClaimMapper(OidcProperties.Claims names) {
		this.names = names;
	}

	public SsoProfile map(Map<String, Object> claims) {
		// The subject is the key of the local user: refuse it rather than cut it.
		Object rawSubject = claims.get(names.subject());
		String subject = rawSubject instanceof String s ? s.strip() : null;
		if (subject == null || subject.isEmpty() || subject.length() > MAX_TEXT) {
			throw new LoginRefusedException("missing_subject", "The provider sent no usable subject");
		}
		Role role = Role.fromClaim(text(claims, names.role()))
			.orElseThrow(() -> new LoginRefusedException("unknown_role",
					"The provider sent no known role in claim '" + names.role() + "'"));
		String displayName = displayName(claims, subject);
		String email = text(claims, names.email());
		if (email != null && (email.length() > 320 || !email.contains("@"))) {
			email = null;
		}
		Siren siren = null;
		String firmName = null;
		if (role.belongsToFirm()) {
			String sirenClaim = text(claims, names.siren());
			if (sirenClaim == null || !Siren.isValid(sirenClaim.replace(" ", ""))) {
				throw new LoginRefusedException("invalid_firm",
						"The provider sent no valid SIREN in claim '" + names.siren() + "'");
			}
			siren = Siren.parse(sirenClaim);
			firmName = text(claims, names.firmName());
			if (firmName == null) {
				throw new LoginRefusedException("invalid_firm",
						"The provider sent no firm name in claim '" + names.firmName() + "'");
			}
		}
		String login = text(claims, names.login());
		if (login != null && login.chars().anyMatch(Character::isISOControl)) {
			login = null;
		}
		return new SsoProfile(subject, displayName, email, role, siren, firmName, delegations(claims), login);
	}

	/** The delegations claim as a list of short strings, or null when absent; a lone string is a list of one. */
	private List<String> delegations(Map<String, Object> claims) {
		Object value = claims.get(names.delegations());
		if (value instanceof String single) {
			return List.of(single.strip());
		}
		if (value instanceof Collection<?> values) {
			return values.stream()
				.filter(String.class::isInstance)
				.map(v -> ((String) v).strip())
				.filter(v -> !v.isEmpty() && v.length() <= 40)
				.limit(20)
				.toList();
		}
		return null;
	}

	private String displayName(Map<String, Object> claims, String subject) {
		String name = text(claims, names.name());
		if (name != null) {
			return name;
		}
		String given = text(claims, names.givenName());
		String family = text(claims, names.familyName());
		if (given != null || family != null) {
			return ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
		}
		return subject;
	}

	/** A claim as trimmed text, or null when absent, blank, not a scalar, or longer than a column holds. */
	private static String text(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (!(value instanceof String) && !(value instanceof Number)) {
			return null;
		}
		String text = value.toString().strip();
		if (text.isEmpty()) {
			return null;
		}
		return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
	}

}
