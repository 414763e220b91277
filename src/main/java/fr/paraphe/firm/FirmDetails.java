package fr.paraphe.firm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the owner completes about their firm.
 */
public record FirmDetails(@NotBlank @Size(max = 255) String name,
		@NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9 ./-]+") String ordreNumber,
		@NotBlank @Size(max = 255) String addressLine, @NotBlank @Pattern(regexp = "[0-9]{5}") String postalCode,
		@NotBlank @Size(max = 120) String city) {
}
