-- Shared block of the export: the audit events whose batch was written in the period
-- (UTC calendar days) that the export may disclose. With --site, only the events of
-- that site's records (carelog.audit_event_site: a group's rows by the group's site, a
-- patient's by the patient's; the run log and disclosures belong to no site and are
-- left out). Under --basis consent, only events about no patient or about a patient
-- of the export (carelog.export_patients). Without either, the CASE does no lookup.
-- uses: x
audit_scoped AS (
    SELECT ev.id, ev.batch_id, ev.table_name, ev.operation, ev.record_id, ev.old_values, ev.new_values,
           b.created_at, b.db_user, b.acting_staff
      FROM x CROSS JOIN carelog.audit_batch AS b
      JOIN carelog.audit_event AS ev ON ev.batch_id = b.id
     WHERE b.created_at >= x.audit_from AND b.created_at < x.audit_until
       AND CASE WHEN x.all_sites AND x.consent_recipient IS NULL THEN true
                ELSE (x.all_sites
                      OR carelog.audit_event_site(ev.table_name, ev.record_id, coalesce(ev.new_values, ev.old_values)) = x.site_id)
                 AND (x.consent_recipient IS NULL
                      OR coalesce(carelog.audit_event_patient(ev.table_name, ev.record_id, coalesce(ev.new_values, ev.old_values))
                                  IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[])), true))
           END
)
