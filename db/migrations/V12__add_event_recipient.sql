-- Events meant for one user only (a mention): the live feed delivers them to that user and nobody else.
ALTER TABLE event ADD COLUMN recipient_id bigint;
ALTER TABLE event ADD CONSTRAINT fk_event_recipient FOREIGN KEY (recipient_id) REFERENCES app_user (id);
