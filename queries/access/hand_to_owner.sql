-- After each migration: hand schema carelog and everything in it to the owner
-- role carelog_owner (sql/008_access_control.sql), once that migration has made
-- the function, and when this session is a superuser (only a superuser may take
-- objects from their creator). Before 008, and for other sessions, it does nothing.
-- No parameters.
DO $$
BEGIN
    IF to_regprocedure('carelog.hand_to_owner()') IS NOT NULL
       AND (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
        PERFORM carelog.hand_to_owner();
    END IF;
END;
$$
