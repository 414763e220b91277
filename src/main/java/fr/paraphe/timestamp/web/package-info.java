/**
 * The TSA over HTTP (RFC 3161 §3.4): {@code POST /pki/tsa}, public, no login.
 */
package fr.paraphe.timestamp.web;
