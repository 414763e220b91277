package fr.paraphe.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.notification.Message;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_message} table. */
@Repository
public class MessageStore {

	private final JdbcClient jdbc;

	MessageStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return false if {@code key} (null: none) was already recorded; then nothing is */
	public boolean insert(Message message, String key) {
		return jdbc.sql("INSERT INTO notification_message (id, channel, recipient, subject, body_text, body_html, template, status, created_at, dedup_key) VALUES (:id, :channel, :recipient, :subject, :text, :html, :template, :status, :at, :key) ON CONFLICT DO NOTHING")
			.param("key", key)
			.param("id", message.id())
			.param("channel", message.channel())
			.param("recipient", message.recipient())
			.param("subject", message.subject())
			.param("text", message.text())
			.param("html", message.html())
			.param("template", message.template())
			.param("status", message.status())
			.param("at", Timestamp.from(message.createdAt()))
			.update() == 1;
	}

	public void markSent(UUID id) {
		jdbc.sql("UPDATE notification_message SET status = 'SENT' WHERE id = :id AND status = 'PENDING'").param("id", id).update();
	}

	public List<Message> latest(int limit) {
		return jdbc.sql("SELECT * FROM notification_message ORDER BY created_at DESC, id LIMIT :limit")
			.param("limit", limit)
			.query(MessageStore::map)
			.list();
	}

	public Optional<Message> find(UUID id) {
		return jdbc.sql("SELECT * FROM notification_message WHERE id = :id").param("id", id).query(MessageStore::map).optional();
	}

	public List<Message> sentTo(String recipient) {
		return jdbc.sql("SELECT * FROM notification_message WHERE recipient = :recipient ORDER BY created_at DESC, id")
			.param("recipient", recipient)
			.query(MessageStore::map)
			.list();
	}

	/** Deletes the messages sent to this address (e-mail compared in lower case, or a phone number). */
	public int deleteSentTo(String recipient) {
		return jdbc.sql("DELETE FROM notification_message WHERE LOWER(recipient) = LOWER(:recipient)")
			.param("recipient", recipient)
			.update();
	}

	private static Message map(ResultSet rs, int n) throws SQLException {
		return new Message(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("recipient"),
				rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"), rs.getString("template"),
				rs.getString("status"), rs.getTimestamp("created_at").toInstant());
	}

}
