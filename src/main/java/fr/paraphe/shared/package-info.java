/**
 * Value types used by every module (identifiers and checked business numbers), the one mechanism every module
 * uses to run a scheduled job on one node of the cluster at a time ({@link fr.paraphe.shared.ClusterJobs}), and the
 * node's own temporary directory ({@link fr.paraphe.shared.TemporaryFiles}).
 */
package fr.paraphe.shared;
