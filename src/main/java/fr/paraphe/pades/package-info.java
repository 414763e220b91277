/**
 * The PAdES engine alone (ETSI EN 319 142-1, levels B-B to B-LTA): signs, seals, time-stamps and extends a PDF with
 * a key handle of the {@code pki} key store, an appearance, and the time-stamp and revocation sources it is given
 * ({@link fr.paraphe.pades.TspSource}, {@link fr.paraphe.pades.CertificateSource},
 * {@link fr.paraphe.pades.CrlSource}, {@link fr.paraphe.pades.OcspSource}, as EU DSS names them). It knows no
 * firm, person, money, page or table: the {@code signing} module is the product around it. The package root is the
 * API; {@code internal} is not.
 */
@org.springframework.modulith.ApplicationModule(displayName = "PAdES engine", allowedDependencies = { "pki", "shared" })
package fr.paraphe.pades;
