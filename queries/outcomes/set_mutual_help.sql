-- Marks a modality's meetings as mutual help (or not). Returns the row when it
-- changed, nothing when it already was so or the login may not change it (row-level
-- security: a director of the whole program only); the database refuses unmarking
-- twelve_step (modality_twelve_step_mutual_help).
-- $1 text     the modality code
-- $2 boolean  mutual help or not
UPDATE carelog.modality
   SET mutual_help = $2
 WHERE code = $1 AND mutual_help IS DISTINCT FROM $2
RETURNING code
