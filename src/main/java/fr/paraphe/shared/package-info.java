/**
 * Value types used by every module: identifiers and checked business numbers.
 */
package fr.paraphe.shared;
