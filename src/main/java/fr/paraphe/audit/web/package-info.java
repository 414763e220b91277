/**
 * The audit trail's administrators' page.
 */
package fr.paraphe.audit.web;
