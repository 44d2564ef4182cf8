-- A notification keeps what it says as data: its kind names the message and
-- params holds the values (unit code, commodity, recipient, state, due date),
-- so each reader's client writes it in the language that reader chose. The
-- members of one unit may read different languages, so one text rendered on
-- the server cannot serve them all. The message column keeps the English text
-- for API clients. The grants of 0012 on the table cover the new column.
ALTER TABLE notification ADD COLUMN params jsonb NOT NULL DEFAULT '{}'::jsonb;
