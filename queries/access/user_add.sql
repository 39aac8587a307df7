-- Creates a login for a staff member (carelog.user_add, sql/008_access_control.sql):
-- the role, its membership in carelog_<role>, its password verifier, its row in
-- carelog.app_user. Run by a superuser or a director's login.
-- $1 login name, $2 staff ID, $3 role (therapist, director, auditor),
-- $4 site code a director is limited to, or NULL,
-- $5 password verifier (SCRAM, computed by libpq on the client), or NULL.
SELECT carelog.user_add($1, $2, $3, $4, $5)
