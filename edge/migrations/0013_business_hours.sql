-- A widget's business hours (`BusinessHours` as JSON: enabled, timeZone, days). Outside them
-- the widget shows its offline message even while an agent is signed in. '{}' is off.
ALTER TABLE widgets ADD COLUMN business_hours TEXT NOT NULL DEFAULT '{}';
