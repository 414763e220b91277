/**
 * The TSA's implementation: token generation and serial numbers.
 */
package fr.paraphe.timestamp.internal;
