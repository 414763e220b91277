/** The collections' pages (the firm's and the signers') and API controllers. */
package fr.paraphe.collection.web;
