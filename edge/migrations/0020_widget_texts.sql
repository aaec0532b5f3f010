-- The widget's own wording: overrides of the texts it shows visitors, by key (see
-- shared-types' widget_text), as a JSON object; they win over the visitor's locale table.
ALTER TABLE widgets ADD COLUMN texts TEXT NOT NULL DEFAULT '{}';
