/**
 * The signing module's implementation, used only by the module itself and its {@code web} controllers: the stores,
 * the engine's wiring, the seal page's drafts ({@code SealDrafts}) and the API keys' management
 * ({@code ApiKeyRing}, {@code ApiKey}, {@code ApiScope}); not part of the module's API.
 */
package fr.paraphe.signing.internal;
