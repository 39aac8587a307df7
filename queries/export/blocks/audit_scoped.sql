-- Shared block of the export: the audit events whose batch was written in the period
-- (UTC calendar days) that the export may disclose. With --site, only the events of
-- that site's records (carelog.audit_event_site: a group's rows by the group's site, a
-- patient's by the patient's; the run log and disclosures belong to no site and are
-- left out). Under --basis consent, only events about no patient or about a patient
-- of the export (carelog.export_patients); an event of a group or a session (about no
-- patient) only when its group is one the export discloses (carelog.export_groups: a
-- consenting patient's groups), so that a group named after a patient without a
-- consent does not go out through the trail. Without either, the CASE does no lookup.
-- An event of many rows (sql/012: record_id NULL, the rows in old_rows/new_rows) is
-- one patient's, but its rows may still lie in several sites (a patient attending
-- groups of two sites; sessions of groups of many sites): under --site or consent its
-- arrays keep only the rows the export may disclose, each judged as a one-row event
-- (old and new rows of an UPDATE stay paired), and an event left with no row is left
-- out. Unscoped, old_rows and new_rows are the stored text, exactly as hashed.
-- uses: x
audit_scoped AS (
    SELECT ev.id, ev.batch_id, ev.table_name, ev.operation, ev.record_id, ev.old_values, ev.new_values,
           CASE WHEN x.all_sites AND x.consent_recipient IS NULL THEN ev.old_rows ELSE kept.old_rows END AS old_rows,
           CASE WHEN x.all_sites AND x.consent_recipient IS NULL THEN ev.new_rows ELSE kept.new_rows END AS new_rows,
           b.created_at, b.db_user, b.acting_staff
      FROM x CROSS JOIN carelog.audit_batch AS b
      JOIN carelog.audit_event AS ev ON ev.batch_id = b.id
      CROSS JOIN LATERAL (
           SELECT count(*) AS rows,
                  json_agg(r.old_row ORDER BY r.position) FILTER (WHERE r.old_row IS NOT NULL) AS old_rows,
                  json_agg(r.new_row ORDER BY r.position) FILTER (WHERE r.new_row IS NOT NULL) AS new_rows
             FROM ROWS FROM (json_array_elements(ev.old_rows), json_array_elements(ev.new_rows))
                  WITH ORDINALITY AS r(old_row, new_row, position)
            WHERE ev.record_id IS NULL AND NOT (x.all_sites AND x.consent_recipient IS NULL)
              AND (x.all_sites
                   OR carelog.audit_event_site(ev.table_name, (coalesce(r.new_row, r.old_row) ->> 'id')::bigint,
                                               coalesce(r.new_row, r.old_row)::jsonb) = x.site_id)
              AND (x.consent_recipient IS NULL
                   OR CASE ev.table_name
                          WHEN 'care_group' THEN (coalesce(r.new_row, r.old_row) ->> 'id')::bigint
                                                 IN (SELECT unnest(current_setting('carelog.export_groups')::bigint[]))
                          WHEN 'group_session' THEN (coalesce(r.new_row, r.old_row) ->> 'group_id')::bigint
                                                    IN (SELECT unnest(current_setting('carelog.export_groups')::bigint[]))
                          ELSE coalesce(carelog.audit_event_patient(ev.table_name, (coalesce(r.new_row, r.old_row) ->> 'id')::bigint,
                                                                    coalesce(r.new_row, r.old_row)::jsonb)
                                        IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[])), true)
                      END)
      ) AS kept
     WHERE b.created_at >= x.audit_from AND b.created_at < x.audit_until
       AND CASE WHEN x.all_sites AND x.consent_recipient IS NULL THEN true
                WHEN ev.record_id IS NULL THEN kept.rows > 0
                ELSE (x.all_sites
                      OR carelog.audit_event_site(ev.table_name, ev.record_id, coalesce(ev.new_values, ev.old_values)) = x.site_id)
                 AND (x.consent_recipient IS NULL
                      OR CASE ev.table_name
                             WHEN 'care_group' THEN ev.record_id IN (SELECT unnest(current_setting('carelog.export_groups')::bigint[]))
                             WHEN 'group_session' THEN (coalesce(ev.new_values, ev.old_values) ->> 'group_id')::bigint
                                                       IN (SELECT unnest(current_setting('carelog.export_groups')::bigint[]))
                             ELSE coalesce(carelog.audit_event_patient(ev.table_name, ev.record_id, coalesce(ev.new_values, ev.old_values))
                                           IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[])), true)
                         END)
           END
)
