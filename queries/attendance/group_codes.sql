-- The group codes a login may see, for shell completion of --group (row-level
-- security decides which). No parameters.
SELECT group_code
  FROM carelog.care_group
 ORDER BY group_code COLLATE "C"
 LIMIT 1000
