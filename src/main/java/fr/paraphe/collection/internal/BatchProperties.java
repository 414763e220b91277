package fr.paraphe.collection.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paraphe.collection.batch.*}: the limits of a batch of collections made from a CSV.
 *
 * @param maxLines clients (CSV lines after the header) per batch
 * @param maxZipBytes the uncompressed bytes read from a ZIP of PDFs, all files together
 */
@ConfigurationProperties("paraphe.collection.batch")
public record BatchProperties(@DefaultValue("500") int maxLines, @DefaultValue("209715200") long maxZipBytes) {
}
