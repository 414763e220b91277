-- One row per person and purpose of one-time codes (module otp): wrong tries across all the person's codes since
-- window_start. Locked (SELECT ... FOR UPDATE) while a code is issued or checked, so that sends are counted and
-- tries are counted one request at a time.
CREATE TABLE otp_guard (
    purpose       VARCHAR(40)              NOT NULL,
    owner_id      UUID                     NOT NULL,
    failed_tries  INTEGER                  NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (purpose, owner_id)
);
