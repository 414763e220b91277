/**
 * The collections' implementation, used only by the module itself and its {@code web} controllers: the services
 * ({@code Collections}, {@code DraftEdits}, {@code SignerDesk}, {@code Batches}, {@code Models}, ...), their types,
 * the scheduled jobs, the properties, and the persistence (plain SQL through {@code JdbcClient}).
 */
package fr.paraphe.collection.internal;
