-- Records a migration as applied, in the same transaction as the migration itself.
-- $1 integer  its version (the number of the file name)
-- $2 text     its file name
-- $3 text     the SHA-256 of its text, hex
INSERT INTO carelog.schema_migration (version, name, checksum)
VALUES ($1, $2, $3)
