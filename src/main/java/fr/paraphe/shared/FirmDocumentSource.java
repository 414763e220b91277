package fr.paraphe.shared;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A module's part of the firm's document history ({@code /documents}, owned by {@code signing}): each bean of this
 * type lists the documents it holds for a firm (the signature collections' documents, for {@code collection}), so
 * that the history shows them without {@code signing} depending on the module that holds them. Each source applies
 * its own access rules: it returns only what {@code viewer}, a member of {@code firm}, may see, and nothing at all
 * to a person its delegations do not cover.
 */
public interface FirmDocumentSource {

	/**
	 * The entries {@code viewer} may see in their firm matching {@code query}, in the history's order (newest
	 * first; at one instant by id, then number, as the database orders them), only those after
	 * {@code query.after()} when it is set, at most {@code query.limit()}; with {@code query.before()} set instead,
	 * the at most {@code query.limit()} entries just before that position (a page backwards), still newest first;
	 * empty (never an error) for a viewer without the rights. Read a page at a time in the database, never the
	 * whole history in memory.
	 */
	List<Entry> entries(UserId viewer, FirmId firm, Query query);

	/**
	 * How many entries {@link #entries} would give without a limit, after {@code query.after()} when it is set (0
	 * for a viewer without the rights; {@code query.before()} is not counted).
	 */
	long count(UserId viewer, FirmId firm, Query query);

	/**
	 * A search of the history.
	 * @param text part of a file name, a title or a person's name (case-insensitive), null for any
	 * @param from inclusive, null for no bound
	 * @param to exclusive, null for no bound
	 * @param after where the previous page ended, null for the first page
	 * @param before where the next page began, to read the page before it (backwards); null to read forwards
	 */
	record Query(String text, Instant from, Instant to, Position after, Position before, int limit) {
	}

	/**
	 * A place in the history, where a page ended: the entries after it are older than {@code at} or, at that very
	 * instant, after ({@code id}, {@code number}); with {@code id} null, every entry at {@code at} is after it (the
	 * page ended on another module's document of that instant, which comes first). As a {@code before} position:
	 * the entries before it are newer than {@code at} or, at that instant, before ({@code id}, {@code number});
	 * with {@code id} null, none at {@code at} (the position is another module's document, which comes first).
	 */
	record Position(Instant at, UUID id, int number) {
	}

	/**
	 * One document of the history.
	 * @param source what kind of entry it is, a word the page translates ({@code documents.source.<source>})
	 * @param id the entry's id within its source (with {@code number}, one document of it)
	 * @param title what the entry belongs to (a collection's title)
	 * @param fileName the document's name
	 * @param people who signs or signed it, as the page shows them
	 * @param state the state in a word the page translates ({@code documents.state.<source>.<state>})
	 * @param progress how far it went, e.g. "2/3" signers; null if not relevant
	 * @param at when the entry was created or, once ended, when it ended
	 * @param page where the entry is shown in full (the collection's page)
	 * @param download where the document is downloaded, null while it cannot be
	 * @param retainedUntil until when the document is kept, null if not known yet
	 */
	record Entry(String source, UUID id, int number, String title, String fileName, String people, String state,
			String progress, Instant at, String page, String download, Instant retainedUntil) {
	}

}
