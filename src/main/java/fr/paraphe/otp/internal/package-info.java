/** The table of one-time codes; not part of the module's API. */
package fr.paraphe.otp.internal;
