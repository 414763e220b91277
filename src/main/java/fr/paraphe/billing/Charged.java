package fr.paraphe.billing;

/**
 * The outcome of a paid operation.
 *
 * @param debit the debit, new or (for a replay) the one taken the first time
 * @param result what the operation produced; null for a replay, where the operation did not run again
 * @param replayed whether the idempotency key had already been charged
 */
public record Charged<T>(Entry debit, T result, boolean replayed) {
}
