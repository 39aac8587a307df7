-- Group codes a mistyped `--group` may have meant: the same code in another letter
-- case, or codes that share its first part (`S01-WPG` for `S01-WGP`). At most five.
-- $1: the group code as typed.
SELECT g.group_code
  FROM carelog.care_group AS g
 WHERE upper(g.group_code) = upper($1)
    OR upper(g.group_code) LIKE upper(split_part($1, '-', 1)) || '-%'
 ORDER BY upper(g.group_code) = upper($1) DESC, g.group_code COLLATE "C"
 LIMIT 5
