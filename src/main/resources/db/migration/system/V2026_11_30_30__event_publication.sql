-- Spring Modulith's event publication registry (schema version 2 of Modulith 2.0), under Flyway instead of
-- Modulith's own schema initialisation (spring.modulith.events.jdbc.schema-initialization.enabled=false).
-- Completion mode DELETE: a row lives from the publication until its listener has finished, so the table
-- only ever holds what is in flight or waits for the resubmission job (system.EventResubmission).
-- IF NOT EXISTS: databases made before this migration already have the table from Modulith.
-- serialized_event: VARCHAR without a length is unbounded in PostgreSQL and 1,000,000 characters in H2.
CREATE TABLE IF NOT EXISTS event_publication (
    id                     UUID NOT NULL,
    listener_id            VARCHAR(512) NOT NULL,
    event_type             VARCHAR(512) NOT NULL,
    serialized_event       VARCHAR NOT NULL,
    publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP WITH TIME ZONE,
    status                 VARCHAR(20),
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);
CREATE INDEX IF NOT EXISTS event_publication_by_publication_date_idx ON event_publication (publication_date);
