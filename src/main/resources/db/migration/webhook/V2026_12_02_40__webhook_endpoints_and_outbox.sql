-- Webhooks (Standard Webhooks 1.0): the firms' endpoints and the outbox of deliveries.

CREATE TABLE webhook_endpoint (
    id UUID PRIMARY KEY,
    firm_id UUID NOT NULL,
    url VARCHAR(2000) NOT NULL,
    description VARCHAR(200),
    -- Comma-separated event types, e.g. collection.completed,seal.created
    event_types VARCHAR(1000) NOT NULL,
    -- The whsec_ secret, AES-256-GCM under the key store's master key (pki DataEncryption), bound to the row id
    secret BYTEA NOT NULL,
    -- During a rotation's overlap the previous secret signs too, until previous_until
    previous_secret BYTEA,
    previous_until TIMESTAMP WITH TIME ZONE,
    enabled BOOLEAN NOT NULL,
    disabled_at TIMESTAMP WITH TIME ZONE,
    created_by UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX webhook_endpoint_firm ON webhook_endpoint (firm_id);

CREATE TABLE webhook_delivery (
    -- The webhook-id header: the same for every attempt of this delivery
    id UUID PRIMARY KEY,
    endpoint_id UUID NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    firm_id UUID NOT NULL,
    -- The event it announces: one delivery per event and endpoint
    event_id UUID NOT NULL,
    event_type VARCHAR(60) NOT NULL,
    -- The JSON body {type, timestamp, data}, fixed when the event happened
    payload TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- PENDING, DELIVERED, FAILED (retried until give_up_at, then given up)
    status VARCHAR(20) NOT NULL,
    attempts INT NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    give_up_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The node's claim while it posts: a lease (next_attempt_at moved forward) and its token
    claim_token UUID,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status_code INT,
    last_latency_ms BIGINT,
    last_error VARCHAR(200),
    delivered_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webhook_delivery_once UNIQUE (endpoint_id, event_id)
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at);
