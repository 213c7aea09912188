-- Annotations become editable through the W3C Web Annotation Protocol (PUT replaces the target and the claim):
-- a version counter for ETag / If-Match, and the time of the last change (the W3C "modified").
ALTER TABLE annotation ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE annotation ADD COLUMN updated_at timestamptz;
UPDATE annotation SET updated_at = created_at;
ALTER TABLE annotation ALTER COLUMN updated_at SET DEFAULT now();
ALTER TABLE annotation ALTER COLUMN updated_at SET NOT NULL;
