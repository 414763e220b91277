/**
 * The public validation page (/valider) and API (POST /api/v1/validations).
 */
package fr.paraphe.validation.web;
