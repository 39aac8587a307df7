-- Staging: every session of every group on every day of the period; about 3%
-- cancelled. Site-local schedule: the 12-step meeting at 07:00, 12:00 and 19:00
-- daily; each process group at 09:30, 13:00 and 15:30 on weekdays and 10:00 at
-- weekends; relapse prevention at 08:30 and 17:00 daily. (This density, about
-- seven sessions per patient per day, is what makes one 120-bed site over three
-- years come to the ~1,000,000 attendance records of SPEC §7.)
--
-- The 12-step meeting is led by any of the eight clinicians; the other groups by
-- their usual facilitator, about 8% of sessions by a stand-in. The attendance of
-- a session is recorded 1–3 hours after its end, about 2% a day or more late.
-- Draws per session (key session_key): 60 cancelled, 61 recorded late, 62 how
-- late; per site, day and slot: 63 the 12-step meeting's facilitator; 64/65
-- stand-in and who.
CREATE TEMP TABLE seed_session ON COMMIT DROP AS
SELECT x.*,
       CASE WHEN pg_temp.seed_draw(60, x.session_key) < 0.03 THEN 'cancelled' ELSE 'held' END AS status,
       cl.staff_pk AS facilitator_pk,
       x.starts_at + make_interval(mins => x.duration
           + CASE WHEN pg_temp.seed_draw(61, x.session_key) < 0.02
                  THEN 25 * 60 + floor(pg_temp.seed_draw(62, x.session_key) * 47 * 60)::int
                  ELSE 60 + floor(pg_temp.seed_draw(62, x.session_key) * 120)::int END) AS recorded_base
  FROM (
    SELECT ss.site_no, g.group_no, g.group_pk, d.day_no, pg_temp.seed_start() + d.day_no AS local_day, t.slot, t.duration,
           ((ss.site_no::int8 * 10 + g.group_no) * 100000 + d.day_no) * 10 + t.slot AS session_key,
           ((pg_temp.seed_start() + d.day_no) + t.at) AT TIME ZONE ss.timezone AS starts_at,
           CASE WHEN g.group_no = 1
                THEN 1 + floor(pg_temp.seed_draw(63, (ss.site_no::int8 * 100000 + d.day_no) * 10 + t.slot) * 8)::int
                WHEN pg_temp.seed_draw(64, ((ss.site_no::int8 * 10 + g.group_no) * 100000 + d.day_no) * 10 + t.slot) < 0.08
                THEN 1 + (g.facilitator_idx + floor(pg_temp.seed_draw(65, ((ss.site_no::int8 * 10 + g.group_no) * 100000 + d.day_no) * 10 + t.slot) * 7)::int) % 8
                ELSE g.facilitator_idx END AS facilitator_idx
      FROM seed_site ss
      JOIN seed_group g ON g.site_no = ss.site_no
     CROSS JOIN generate_series(0, pg_temp.seed_end() - pg_temp.seed_start() - 1) AS d(day_no)
      JOIN (VALUES (1, 1, TIME '07:00', 'daily',    60), (1, 2, TIME '12:00', 'daily',    60),
                   (1, 3, TIME '19:00', 'daily',    60),
                   (2, 1, TIME '09:30', 'weekdays', 90), (2, 2, TIME '13:00', 'weekdays', 90),
                   (2, 3, TIME '15:30', 'weekdays', 60), (2, 4, TIME '10:00', 'weekends', 90),
                   (3, 1, TIME '09:30', 'weekdays', 90), (3, 2, TIME '13:00', 'weekdays', 90),
                   (3, 3, TIME '15:30', 'weekdays', 60), (3, 4, TIME '10:00', 'weekends', 90),
                   (4, 1, TIME '08:30', 'daily',    60), (4, 2, TIME '17:00', 'daily',    60))
           AS t(group_no, slot, at, days, duration)
        ON t.group_no = g.group_no
     WHERE t.days = 'daily'
        OR (t.days = 'weekdays') = (extract(isodow FROM pg_temp.seed_start() + d.day_no) < 6)
  ) AS x
  JOIN seed_clinician cl ON cl.site_no = x.site_no AND cl.idx = x.facilitator_idx;
