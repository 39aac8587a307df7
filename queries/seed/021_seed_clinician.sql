-- Staging: the eight clinicians of each site by number (idx 1–8), with their ids.
CREATE TEMP TABLE seed_clinician ON COMMIT DROP AS
SELECT ss.site_no, i AS idx, st.id AS staff_pk
  FROM seed_site ss
 CROSS JOIN generate_series(1, 8) AS i
  JOIN carelog.staff st ON st.staff_id = 'T' || to_char(ss.site_no, 'FM00') || to_char(i, 'FM00');
