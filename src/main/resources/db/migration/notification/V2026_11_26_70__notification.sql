-- Every e-mail and SMS the platform sends (module notification): the record of what was said to whom, and,
-- in the demonstration set-up, the mailbox where a newcomer reads them without an SMTP server.
CREATE TABLE notification_message (
    id          UUID PRIMARY KEY,
    channel     VARCHAR(5)   NOT NULL,
    recipient   VARCHAR(320) NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    body_text   TEXT         NOT NULL,
    body_html   TEXT,
    template    VARCHAR(60)  NOT NULL,
    status      VARCHAR(10)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notification_message_created_ix ON notification_message (created_at);
CREATE INDEX notification_message_recipient_ix ON notification_message (recipient, created_at);
