-- Staging: the sites by number (1 = S01), with their ids and time zones.
CREATE TEMP TABLE seed_site ON COMMIT DROP AS
SELECT n AS site_no, s.id AS site_id, s.timezone
  FROM generate_series(1, pg_temp.seed_scale()) AS n
  JOIN carelog.site s ON s.site_code = 'S' || to_char(n, 'FM00');
