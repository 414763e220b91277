/**
 * The system module's own parts that no other module uses: the page of the errors Tomcat answers itself.
 */
package fr.paraphe.system.internal;
