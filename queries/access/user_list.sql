-- Every carelog login, active ones first, then by name: who it is, its role and
-- site limit, and whether it can still connect. Readable by directors, auditors
-- and the administrator. No parameters.
SELECT u.login, s.staff_id, s.first_name || ' ' || s.last_name AS staff_name, u.role,
       coalesce(st.site_code, '') AS site,
       CASE WHEN u.active THEN 'active'
            ELSE 'disabled ' || to_char(u.disabled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' by ' || u.disabled_by
       END AS state,
       to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' by ' || u.created_by AS created
  FROM carelog.app_user AS u
  JOIN carelog.staff AS s ON s.id = u.staff_member_id
  LEFT JOIN carelog.site AS st ON st.id = u.site_id
 ORDER BY NOT u.active, u.login
