/** The webhook module's tables (endpoints, the outbox of deliveries), its signatures and its delivery worker. */
package fr.paraphe.webhook.internal;
