package fr.paraphe.registration.internal;

import java.time.LocalDate;

/**
 * What a person declares about themselves when registering, checked by a registration officer against the
 * identity document.
 *
 * @param nationality ISO 3166-1 alpha-2, upper case (it becomes the certificate's country)
 * @param mobile in international form, e.g. {@code +33612345678}
 */
public record Identity(Civility civility, String givenNames, String surname, LocalDate birthDate, String birthPlace,
		String nationality, String mobile, String email) {
}
