package fr.paraphe.signing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The table {@code signing_page_picture}: each draft page's picture, rendered once; a page refused as too costly
 * is kept too (with no picture), so that asking again renders nothing.
 */
@Component
public class PagePictureStore {

	/** A stored page: its PNG, or none when the page was refused as too costly. */
	public record Picture(byte[] png) {

		public boolean refused() {
			return png == null;
		}

	}

	private final JdbcClient jdbc;

	PagePictureStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Picture> find(String kind, UUID draft, int page) {
		return jdbc.sql("SELECT png FROM signing_page_picture WHERE kind = ? AND draft_id = ? AND page = ?")
			.params(kind, draft, page)
			.query((rs, n) -> new Picture(rs.getBytes("png")))
			.optional();
	}

	/** Keeps a page's picture ({@code null}: refused); the first of two concurrent renderings wins. */
	public void save(String kind, UUID draft, int page, byte[] png, Instant now) {
		jdbc.sql("INSERT INTO signing_page_picture (kind, draft_id, page, png, created_at) VALUES (?, ?, ?, ?, ?) "
				+ "ON CONFLICT DO NOTHING")
			.params(kind, draft, page, png, Timestamp.from(now))
			.update();
	}

	/** Forgets the pictures of drafts of this kind older than {@code before}. */
	public int deleteCreatedBefore(String kind, Instant before) {
		return jdbc.sql("DELETE FROM signing_page_picture WHERE kind = ? AND created_at < ?")
			.params(kind, Timestamp.from(before))
			.update();
	}

	/** Deletes the pictures of one draft. */
	public int delete(String kind, UUID draft) {
		return jdbc.sql("DELETE FROM signing_page_picture WHERE kind = ? AND draft_id = ?").params(kind, draft).update();
	}

}
