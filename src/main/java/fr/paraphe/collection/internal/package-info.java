/** The collections' persistence: plain SQL through {@code JdbcClient}. */
package fr.paraphe.collection.internal;
