-- Disables a login (carelog.user_disable): NOLOGIN, its group role revoked, its
-- app_user row kept and marked disabled. Run by a superuser or a director's login.
-- $1 login name.
SELECT carelog.user_disable($1)
