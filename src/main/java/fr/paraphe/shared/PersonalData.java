package fr.paraphe.shared;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A module's part of "Mes données" (GDPR art. 15 and 20: what Paraphe holds about a person, in a machine-readable
 * form): each bean of this type adds its sections to the person's JSON and, if any, the files they may still
 * download. Reads only what the person may see.
 */
public interface PersonalData {

	/** This module's sections, each a name and a value Jackson writes (records, lists, maps, text); never null. */
	Map<String, Object> about(UserId user);

	/** The files the person may still download, each under a name unique in the archive; none by default. */
	default List<File> files(UserId user) {
		return List.of();
	}

	/** A file of the archive, read only when it is written. */
	record File(String name, Supplier<byte[]> content) {
	}

}
