package fr.paraphe.firm;

import fr.paraphe.shared.Names;
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

	/**
	 * These details by the shared rule for names and texts ({@link Names}): the firm's name in NFC, one script,
	 * no control or bidirectional character; the address and city without them either.
	 * @throws Names.InvalidText (400) naming the fault
	 */
	public FirmDetails cleaned() {
		return new FirmDetails(Names.name(name, 255), ordreNumber == null ? null : ordreNumber.strip(),
				Names.text(addressLine, 255), postalCode, Names.text(city, 120));
	}

	/** The fault of each field that {@link #cleaned()} would refuse, by field name. */
	public java.util.Map<String, Names.InvalidText> faults() {
		java.util.Map<String, Names.InvalidText> faults = new java.util.LinkedHashMap<>();
		check(faults, "name", () -> Names.name(name, 255));
		check(faults, "addressLine", () -> Names.text(addressLine, 255));
		check(faults, "city", () -> Names.text(city, 120));
		return faults;
	}

	private static void check(java.util.Map<String, Names.InvalidText> faults, String field, Runnable rule) {
		try {
			rule.run();
		}
		catch (Names.InvalidText invalid) {
			faults.put(field, invalid);
		}
	}

}
