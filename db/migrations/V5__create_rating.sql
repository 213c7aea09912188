-- The desk's rating scale. value is the ClaimReview ratingValue (best 5, worst 1), absent for ratings
-- outside the true..false line.
CREATE TABLE rating (
    key      text     PRIMARY KEY,
    label    text     NOT NULL,
    value    smallint,
    color    text     NOT NULL,
    position smallint NOT NULL,
    CONSTRAINT ck_rating_key CHECK (key ~ '^[a-z][a-z0-9-]{0,39}$'),
    CONSTRAINT ck_rating_value CHECK (value IS NULL OR value BETWEEN 1 AND 5),
    CONSTRAINT ck_rating_color CHECK (color ~ '^#[0-9a-f]{6}$')
);

CREATE UNIQUE INDEX uq_rating_position ON rating (position);

INSERT INTO rating (key, label, value, color, position) VALUES
    ('true',         'True',         5,    '#1a7f37', 1),
    ('mostly-true',  'Mostly true',  4,    '#4c9a2a', 2),
    ('mixed',        'Mixed',        3,    '#b08800', 3),
    ('mostly-false', 'Mostly false', 2,    '#d1570f', 4),
    ('false',        'False',        1,    '#cf222e', 5),
    ('misleading',   'Misleading',   NULL, '#8250df', 6),
    ('unproven',     'Unproven',     NULL, '#57606a', 7);
