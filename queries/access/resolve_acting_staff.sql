-- Who a write of this session is recorded as made by, and why it may not go
-- ahead (problem and rule NULL when it may): the same function the audit trigger
-- asks, so that carelog can refuse early with a clear message. login_role is the
-- login's group role (NULL for a session that is no carelog login): an auditor may
-- record its own runs and disclosures, and carelog refuses it any other write.
-- $1 the staff ID given with --by (text), or NULL.
SELECT r.staff_id, r.problem, r.rule, carelog.login_role() AS login_role
  FROM carelog.resolve_acting_staff($1) AS r
