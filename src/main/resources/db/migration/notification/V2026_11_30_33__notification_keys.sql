-- A message sent because of an event carries a key made of the event's id, the template and the recipient:
-- a second delivery of the event records (and so sends) nothing more.
ALTER TABLE notification_message ADD COLUMN dedup_key VARCHAR(200);
CREATE UNIQUE INDEX notification_message_dedup_uk ON notification_message (dedup_key);
