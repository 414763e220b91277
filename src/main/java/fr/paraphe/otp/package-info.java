/**
 * One-time codes, once for every module that confirms an action with a code sent by e-mail or SMS (a personal
 * signature, a certificate revocation, a collection's signer next): six digits from a CSPRNG, only a SHA-256 bound
 * to the request kept, an expiry, a number of tries before the code burns, used once. The package root is the API;
 * {@code internal} holds the table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "One-time codes", allowedDependencies = "shared")
package fr.paraphe.otp;
