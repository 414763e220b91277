/**
 * How the validator works: EU DSS under the strict policy, the revision comparison, the guards against
 * hostile input, and the assembly of the report.
 */
package fr.paraphe.validation.internal;
