/**
 * Users as the profession's single sign-on (Comptexpert, OpenID Connect) describes them, kept locally.
 * Registration and identity documents come here with their own issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package fr.paraphe.identity;
