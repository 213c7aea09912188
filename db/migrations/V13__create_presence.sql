-- Who has which article open. Browsers renew their row every few seconds; rows not renewed for a minute are
-- swept. Rows live in the database, so every service instance sees everyone.
CREATE TABLE presence (
    client_id  text        PRIMARY KEY,
    user_id    bigint      NOT NULL,
    article_id bigint      NOT NULL,
    seen_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_presence_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_presence_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE,
    CONSTRAINT ck_presence_client CHECK (client_id ~ '^[A-Za-z0-9_-]{8,64}$')
);

CREATE INDEX ix_presence_article ON presence (article_id, user_id);
CREATE INDEX ix_presence_seen_at ON presence (seen_at);
