/**
 * Value types used by every module (identifiers and checked business numbers), and the one mechanism every
 * module uses to run a scheduled job on one node of the cluster at a time ({@link fr.paraphe.shared.ClusterJobs}).
 */
package fr.paraphe.shared;
