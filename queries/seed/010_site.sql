-- Sites S01, S02, … (as many as the run's scale): a name from a list of ten,
-- numbered after the first ten, and time zones in turn from east to west.
INSERT INTO carelog.site (site_code, name, timezone)
SELECT 'S' || to_char(n, 'FM00'),
       (ARRAY['Riverside', 'Lakeview', 'Cedar Hill', 'Harbor Point', 'Mesa Verde',
              'Pine Ridge', 'Bayside', 'Willow Creek', 'Summit', 'Prairie View'])[1 + (n - 1) % 10]
           || ' Recovery Center' || CASE WHEN n > 10 THEN ' ' || ((n - 1) / 10 + 1) ELSE '' END,
       (ARRAY['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'])[1 + (n - 1) % 4]
  FROM generate_series(1, pg_temp.seed_scale()) AS n
 ORDER BY n;
