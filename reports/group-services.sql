-- name: group-services
-- title: Group services
-- description: One row per participant encounter of the period's held group sessions (a patient present, late or left early): date, group, service code, minutes, units, rendering and co-signing staff, and whether it can be billed; when not, why.
-- parameters: period_start date, period_end date, site_code text
-- columns: site_code:code, session_start:timestamp, group_code:group, mrn:mrn, attendance:code, service_code:code, minutes:number, units:number, rendering_staff:staff, cosigning_staff:staff, billable:code, reason:code
-- column site_code: Code of the group's site; --site selects on it. A session is in the period when its date in the site's time zone is in the site's calendar month.
-- column session_start: Start of the held session in the site's local time, 'YYYY-MM-DD HH:MM'; cut to the year under --deidentify.
-- column group_code: The group's code; a keyed code GR-… under --pseudonymize, random per run under --deidentify.
-- column mrn: MRN of the patient who attended the session (one row per patient and held session); a keyed pseudonym under --pseudonymize, random per run under --deidentify.
-- column attendance: The patient's attendance status: present, late or left_early (absent and excused records have no row).
-- column service_code: The HCPCS/CPT service code the session's note is billed under; empty when there is no note or the draft has none yet.
-- column minutes: Minutes billed for the patient: the note's minutes, or the patient's recorded minutes_attended when fewer; empty when there is no note or it has no minutes yet. Not a count: --min-cell leaves it.
-- column units: minutes / the service code's minutes_per_unit, rounded down to whole units; 0 when billable is no. Not a count: --min-cell leaves it.
-- column rendering_staff: Staff ID of the staff member who signed the note; empty while there is no signed note; a keyed code ST-… under --pseudonymize, random per run under --deidentify.
-- column cosigning_staff: Staff ID of the note's co-signer; empty when none (not required, or not given yet); a keyed code ST-… under --pseudonymize, random per run under --deidentify.
-- column billable: yes when reason is empty: the note is signed (and co-signed where its signer may not sign alone), has a section for the patient and a service code, and minutes reach minutes_per_unit; else no.
-- column reason: Why not billable, the first that applies in this order: no_note, note_not_signed, awaiting_cosignature, no_section (none for the patient), no_service_code, below_minimum (minutes < minutes_per_unit); else empty.
--
-- docs/notes.md: an encounter is billable when the session's note is signed
-- (and co-signed where its signer may not sign alone), the note has a section for the
-- patient, and the patient's minutes reach the service code's minutes_per_unit.
--   minutes  the note's minutes, or the patient's minutes_attended when recorded and
--            fewer (a patient who left early is billed for what they attended)
--   units    minutes / minutes_per_unit, rounded down; 0 when not billable
--   reason   empty when billable, else the first that applies, in this order:
--            no_note, note_not_signed, awaiting_cosignature, no_section,
--            no_service_code, below_minimum
--   rendering_staff  the note's signer; cosigning_staff its co-signer (or empty)
-- A session is in the period when its site-local date is; session_start is site-local
-- 'YYYY-MM-DD HH24:MI'. Order: site_code, session_start, group_code, mrn.
WITH encounter AS (
    SELECT st.site_code, gs.starts_at, st.timezone, g.group_code, pt.mrn, a.status AS attendance,
           a.minutes_attended, n.id AS note_id, n.status AS note_status, n.minutes AS note_minutes,
           n.cosign_required, n.cosigned_by_id, sc.code AS service_code, sc.minutes_per_unit,
           sg.staff_id AS rendering_staff, cs.staff_id AS cosigning_staff,
           EXISTS (SELECT 1 FROM carelog.participant_note AS pn
                    WHERE pn.session_note_id = n.id AND pn.patient_id = a.patient_id) AS has_section
      FROM carelog.group_session AS gs
      JOIN carelog.care_group AS g  ON g.id = gs.group_id
      JOIN carelog.site       AS st ON st.id = g.site_id
      JOIN carelog.attendance AS a
        ON a.session_id = gs.id AND carelog.counts_as_attended(a.status)
       AND a.session_month >= date_trunc('month', $1::date::timestamp)::date AND a.session_month < $2::date
      JOIN carelog.patient    AS pt ON pt.id = a.patient_id
      LEFT JOIN carelog.session_note AS n  ON n.session_id = gs.id
      LEFT JOIN carelog.service_code AS sc ON sc.id = n.service_code_id
      LEFT JOIN carelog.staff        AS sg ON sg.id = n.signed_by_id
      LEFT JOIN carelog.staff        AS cs ON cs.id = n.cosigned_by_id
     WHERE gs.status = 'held'
       -- generous UTC window (index on starts_at), then the exact site-local date
       AND gs.starts_at >= ($1::date - 2)::timestamp AT TIME ZONE 'UTC'
       AND gs.starts_at <  ($2::date + 2)::timestamp AT TIME ZONE 'UTC'
       AND carelog.site_local_date(gs.starts_at, st.timezone) >= $1::date
       AND carelog.site_local_date(gs.starts_at, st.timezone) <  $2::date
       AND ($3::text IS NULL OR st.site_code = $3::text)
),
judged AS (
    SELECT e.*,
           CASE WHEN e.minutes_attended IS NOT NULL AND e.minutes_attended < e.note_minutes
                THEN e.minutes_attended ELSE e.note_minutes END AS billed_minutes,
           CASE WHEN e.note_id IS NULL THEN 'no_note'
                WHEN e.note_status <> 'signed' THEN 'note_not_signed'
                WHEN e.cosign_required AND e.cosigned_by_id IS NULL THEN 'awaiting_cosignature'
                WHEN NOT e.has_section THEN 'no_section'
                WHEN e.service_code IS NULL THEN 'no_service_code'
                WHEN (CASE WHEN e.minutes_attended IS NOT NULL AND e.minutes_attended < e.note_minutes
                           THEN e.minutes_attended ELSE e.note_minutes END) < e.minutes_per_unit THEN 'below_minimum'
           END AS reason
      FROM encounter AS e
)
SELECT j.site_code, to_char(j.starts_at AT TIME ZONE j.timezone, 'YYYY-MM-DD HH24:MI') AS session_start,
       j.group_code, j.mrn, j.attendance, j.service_code, j.billed_minutes AS minutes,
       CASE WHEN j.reason IS NULL THEN j.billed_minutes / j.minutes_per_unit ELSE 0 END AS units,
       j.rendering_staff, j.cosigning_staff,
       CASE WHEN j.reason IS NULL THEN 'yes' ELSE 'no' END AS billable,
       j.reason
  FROM judged AS j
 ORDER BY j.site_code, j.starts_at, j.group_code, j.mrn
