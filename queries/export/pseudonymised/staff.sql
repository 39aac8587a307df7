-- Export file staff.csv under --pseudonymize: staff and groups by their keyed codes (blocks/staff_code.sql);
-- names and credentials left out (sql/017 classifies them identifier and free text).
-- uses: x staff_code
SELECT
       sc.code AS staff_id,
       CASE WHEN 'staff.role' = ANY (x.kept) THEN sf.role END AS role,
       CASE WHEN st.site_code ~ '^[-=+@\t\r\n'']' THEN '''' || st.site_code ELSE st.site_code END AS site_code,
       CASE WHEN sf.active THEN 'true' ELSE 'false' END AS active
  FROM x CROSS JOIN carelog.staff AS sf
  JOIN staff_code AS sc ON sc.id = sf.id
  JOIN carelog.site AS st ON st.id = sf.site_id
 WHERE sf.id IN (SELECT unnest(current_setting('carelog.export_staff')::bigint[]))
 ORDER BY 1
