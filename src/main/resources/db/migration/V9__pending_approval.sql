-- Copilot Gateway schema, version 9: requests waiting for an admin's approval (manual approval, issue 13).
-- Portable SQL (H2 2.x and PostgreSQL 12+).

-- One row per public API request that waits for a decision. The node holding the request (node_id: random per start)
-- writes it, an admin's decision may arrive through any node (it sets decision), and the holding node reads the
-- decisions on its own rows every half second, answers the request and deletes the row. No request body is kept.
CREATE TABLE pending_approval (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY, -- a random UUID, shown to admins
    node_id        VARCHAR(36)              NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,             -- no decision by then: denied
    api_key_id     BIGINT,                                        -- no foreign key: a row outlives nothing it names
    key_prefix     VARCHAR(16),
    owner          VARCHAR(200),
    ingress        VARCHAR(40)              NOT NULL,
    model          VARCHAR(200),
    stream         BOOLEAN                  NOT NULL,
    remote_address VARCHAR(64),
    decision       VARCHAR(10),                                   -- null while waiting; approved, denied or expired
    decided_by     VARCHAR(200),
    decided_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX pending_approval_node_decision ON pending_approval (node_id, decision);
CREATE INDEX pending_approval_expires ON pending_approval (expires_at);
