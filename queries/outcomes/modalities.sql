-- The group modalities (sql/schema.sql: carelog.modality), whether their meetings count
-- as mutual-help (self-help) attendance for the TEDS item (carelog.is_mutual_help), and
-- how many groups of each the login can see.
SELECT m.code,
       carelog.is_mutual_help(m.code) AS mutual_help,
       (SELECT count(*) FROM carelog.care_group AS g WHERE g.modality = m.code) AS groups
  FROM carelog.modality AS m
 ORDER BY carelog.is_mutual_help(m.code) DESC, m.code
