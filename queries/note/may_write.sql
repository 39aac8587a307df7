-- Whether the login may write a session's note: one of its facilitators (the
-- group's facilitator, a co-facilitator or the session's own), a director, or a
-- session that is no carelog login. The database's policies decide (sql/018);
-- asked first so that the refusal names the rule.
-- $1: the session id.
SELECT NOT carelog.session_is_login()
       OR carelog.login_role() = 'director'
       OR $1::bigint IN (SELECT carelog.facilitated_session_ids()) AS ok
