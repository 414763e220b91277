package fr.paraphe.billing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who sells the credits, as every receipt names them (Code de commerce, art. L441-9 and CGI art. 242 nonies A):
 * the operator's name, address, SIREN and intra-community VAT number, {@code paraphe.billing.seller.*}. The
 * default profile names a fictitious operator; the {@code prod} profile requires the real one.
 *
 * @param siren nine digits, spaces allowed
 * @param vatNumber e.g. {@code FR11123456782}
 */
@ConfigurationProperties("paraphe.billing.seller")
public record Seller(@DefaultValue("") String name, @DefaultValue("") String address, @DefaultValue("") String siren,
		@DefaultValue("") String vatNumber) {

	/** The SIREN as printed, {@code 123 456 782}; as given when it is not nine digits. */
	public String sirenFormatted() {
		String digits = siren.replace(" ", "");
		return fr.paraphe.shared.Siren.isValid(digits) ? fr.paraphe.shared.Siren.parse(digits).formatted() : siren;
	}

}
