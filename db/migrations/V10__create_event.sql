-- The append-only event log: the audit trail and the feed of live updates. Each row is written in the
-- transaction of the change it records. tx_id is that transaction's id: readers deliver rows in
-- (tx_id, id) order and only below the oldest transaction still running, so a slow transaction can never
-- commit an event behind a reader's position.
CREATE TABLE event (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx_id      xid8        NOT NULL DEFAULT pg_current_xact_id(),
    at         timestamptz NOT NULL DEFAULT now(),
    actor_id   bigint,
    type       text        NOT NULL,
    article_id bigint,
    claim_id   bigint,
    subject_id bigint,
    before     jsonb,
    after      jsonb,
    CONSTRAINT fk_event_actor FOREIGN KEY (actor_id) REFERENCES app_user (id),
    CONSTRAINT ck_event_type CHECK (type ~ '^[a-z_]+\.[a-z_]+$')
);

CREATE INDEX ix_event_tx ON event (tx_id, id);
CREATE INDEX ix_event_claim ON event (claim_id, id) WHERE claim_id IS NOT NULL;
CREATE INDEX ix_event_article ON event (article_id, id) WHERE article_id IS NOT NULL;

CREATE FUNCTION event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event rows are append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER tr_event_append_only BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION event_is_append_only();
CREATE TRIGGER tr_event_no_truncate BEFORE TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION event_is_append_only();
