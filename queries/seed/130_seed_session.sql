-- Staging: every session of every group on every day of the period; about 3%
-- cancelled. Site-local schedule: the 12-step meeting at 07:00, 12:00 and 19:00
-- daily; the process groups on weekdays (the women's and the men's A at 09:30,
-- the men's B and C at 13:00, 90 minutes); relapse prevention on
-- Monday, Wednesday and Friday at 15:30; the intensive outpatient group on
-- Monday, Wednesday and Friday at 18:00 (three hours); the outpatient group on
-- Tuesday and Thursday at 18:00.
--
-- The 12-step meeting is led by any of the eight clinicians; the other groups by
-- their usual facilitator, about 8% of sessions by a stand-in. The attendance of
-- a session is recorded 1–3 hours after its end; about 1.5% of sessions a day or
-- more late, 8% of those of two clinicians (idx 4 and 7) who fall behind; about
-- 0.7% of sessions are never recorded at all. The demo stops at 09:00 site-local of
-- its today (seed_today, 001_draws.sql): a session of that day is recorded at its
-- end, and nothing is recorded after 09:00 (a late entry of an earlier day is then
-- recorded at 09:00).
--
-- absent_factor scales every patient's chance of being absent at the session: a
-- factor of the group (0.6–1.4: some groups hold their members better) times one
-- of the group and month (0.8–1.2), so rates differ by group and drift.
--
-- Draws per session (key session_key): 60 cancelled, 61 recorded late, 62 how
-- late, 66 never recorded; per site, day and slot: 63 the 12-step meeting's
-- facilitator; 64/65 stand-in and who; per group (site_no * 100 + group_no): 67
-- the group's factor; per group and month: 68 the month's factor.
CREATE TEMP TABLE seed_session ON COMMIT DROP AS
SELECT x.*,
       CASE WHEN pg_temp.seed_draw(60, x.session_key) < 0.03 THEN 'cancelled' ELSE 'held' END AS status,
       pg_temp.seed_draw(66, x.session_key) < 0.007 AS unrecorded,
       (0.6 + 0.8 * pg_temp.seed_draw(67, x.group_key))
         * (0.8 + 0.4 * pg_temp.seed_draw(68, x.group_key, x.month_no)) AS absent_factor,
       cl.staff_pk AS facilitator_pk,
       least(x.starts_at + make_interval(mins => x.duration
               + CASE WHEN x.local_day = pg_temp.seed_today() THEN 0
                      WHEN pg_temp.seed_draw(61, x.session_key) < CASE WHEN x.facilitator_idx IN (4, 7) THEN 0.08 ELSE 0.015 END
                      THEN 25 * 60 + floor(pg_temp.seed_draw(62, x.session_key) * 47 * 60)::int
                      ELSE 60 + floor(pg_temp.seed_draw(62, x.session_key) * 120)::int END),
             -- never after 09:00 of the demo's today (NULL: no bound)
             ((pg_temp.seed_today() + TIME '09:00') AT TIME ZONE x.timezone)) AS recorded_base
  FROM (
    SELECT ss.site_no, g.group_no, g.group_pk, d.day_no, pg_temp.seed_start() + d.day_no AS local_day, t.slot, t.duration,
           t.at AS local_time, ss.timezone,
           ss.site_no::int8 * 100 + g.group_no AS group_key,
           extract(year FROM pg_temp.seed_start() + d.day_no)::int8 * 12
               + extract(month FROM pg_temp.seed_start() + d.day_no)::int8 AS month_no,
           ((ss.site_no::int8 * 100 + g.group_no) * 100000 + d.day_no) * 10 + t.slot AS session_key,
           ((pg_temp.seed_start() + d.day_no) + t.at) AT TIME ZONE ss.timezone AS starts_at,
           CASE WHEN g.group_no = 1
                THEN 1 + floor(pg_temp.seed_draw(63, (ss.site_no::int8 * 100000 + d.day_no) * 10 + t.slot) * 8)::int
                WHEN pg_temp.seed_draw(64, ((ss.site_no::int8 * 100 + g.group_no) * 100000 + d.day_no) * 10 + t.slot) < 0.08
                THEN 1 + (g.facilitator_idx + floor(pg_temp.seed_draw(65, ((ss.site_no::int8 * 100 + g.group_no) * 100000 + d.day_no) * 10 + t.slot) * 7)::int) % 8
                ELSE g.facilitator_idx END AS facilitator_idx
      FROM seed_site ss
      JOIN seed_group g ON g.site_no = ss.site_no
     CROSS JOIN generate_series(0, pg_temp.seed_end() - pg_temp.seed_start() - 1) AS d(day_no)
      JOIN (VALUES (1, 1, 1, TIME '07:00', 'daily', 60), (1, 1, 2, TIME '12:00', 'daily', 60),
                   (1, 1, 3, TIME '19:00', 'daily', 60),
                   (2, 4, 1, TIME '09:30', 'weekdays', 90),
                   (5, 6, 1, TIME '13:00', 'weekdays', 90),
                   (7, 10, 1, TIME '15:30', 'mon_wed_fri', 60),
                   (11, 11, 1, TIME '18:00', 'mon_wed_fri', 180),
                   (12, 12, 1, TIME '18:00', 'tue_thu', 90))
           AS t(first_group, last_group, slot, at, days, duration)
        ON g.group_no BETWEEN t.first_group AND t.last_group
     WHERE CASE t.days
             WHEN 'daily'       THEN true
             WHEN 'weekdays'    THEN extract(isodow FROM pg_temp.seed_start() + d.day_no) < 6
             WHEN 'mon_wed_fri' THEN extract(isodow FROM pg_temp.seed_start() + d.day_no) IN (1, 3, 5)
             ELSE extract(isodow FROM pg_temp.seed_start() + d.day_no) IN (2, 4) END
  ) AS x
  JOIN seed_clinician cl ON cl.site_no = x.site_no AND cl.idx = x.facilitator_idx;
