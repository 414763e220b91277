/** The webhook pages (/cabinet/webhooks) and the /api/v1/webhooks API. */
package fr.paraphe.webhook.web;
