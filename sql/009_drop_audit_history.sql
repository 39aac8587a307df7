-- carelog.audit_history(table, record_id) is dropped: nothing calls it.
--
-- `carelog audit log --mrn` lists the history of a patient across tables: the events of
-- the patient row and of every row whose values name the patient (patient_id), chosen
-- event by event (queries/audit/patient_history.sql). audit_history answers a different
-- question, the history of one record by (table, id): built on it, the log would first
-- have to find the records, would then also list the events of a record after it was
-- moved to another patient, and would show the changed columns of old and new values
-- together rather than those of the new row. The output would change, so the function
-- goes rather than the query, and the audit table's comment stops naming it.

DROP FUNCTION carelog.audit_history(text, bigint);

COMMENT ON TABLE carelog.audit_event IS
    'Audit trail, one row per changed record. Append-only. Index (table_name, record_id) for the history of one record.';
