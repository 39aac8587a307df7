-- The attack of TrailProtectionTests.rewriteAndRecompute (Access/TrailProtectionTests.swift)
-- on the import fixture's audit trail, run by a superuser after it has disabled every
-- trigger of carelog.audit_event and carelog.audit_batch: the first recorded absence
-- becomes a presence, and every batch's hash from that event's batch on is recomputed
-- with the schema's own functions, so that the chain alone still verifies. Re-enables
-- the triggers at the end.

DO $$
DECLARE
    v_event bigint := (SELECT min(id) FROM carelog.audit_event
                        WHERE table_name = 'attendance' AND new_values ->> 'status' = 'absent');
    v_first bigint := (SELECT batch_id FROM carelog.audit_event WHERE id = v_event);
    v_prev  text;
    b       record;
BEGIN
    UPDATE carelog.audit_event SET new_values = jsonb_set(new_values, '{status}', '"present"') WHERE id = v_event;
    SELECT hash INTO v_prev FROM carelog.audit_batch WHERE id < v_first ORDER BY id DESC LIMIT 1;
    v_prev := coalesce(v_prev, carelog.audit_genesis_hash());
    FOR b IN SELECT * FROM carelog.audit_batch WHERE id >= v_first ORDER BY id LOOP
        UPDATE carelog.audit_batch
           SET previous_hash = v_prev,
               hash = carelog.audit_batch_hash(b.id, b.created_at, b.transaction_id, b.db_user, b.acting_staff,
                          b.table_name, b.operation, b.row_count, v_prev,
                          (SELECT sha256(string_agg(carelog.audit_event_digest(e.id, e.record_id, e.old_values, e.new_values),
                                                    ''::bytea ORDER BY e.id))
                             FROM carelog.audit_event AS e WHERE e.batch_id = b.id))
         WHERE id = b.id
        RETURNING hash INTO v_prev;
    END LOOP;
END;
$$;
ALTER TABLE carelog.audit_event ENABLE TRIGGER ALL;
ALTER TABLE carelog.audit_batch ENABLE TRIGGER ALL;
