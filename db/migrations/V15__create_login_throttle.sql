-- Failed sign-ins per username (known or not, so a lock-out says nothing about which accounts exist). Ten failures
-- within fifteen minutes close the account to sign-in until the window ends. In the database, so every instance
-- of the service counts the same failures.
CREATE TABLE login_throttle (
    username     text        PRIMARY KEY,
    failures     integer     NOT NULL,
    window_start timestamptz NOT NULL,
    CONSTRAINT ck_login_throttle_failures CHECK (failures >= 0)
);

CREATE INDEX ix_login_throttle_window_start ON login_throttle (window_start);
