-- Who a write of this session is recorded as made by, and why it may not go
-- ahead (problem and rule NULL when it may): the same function the audit trigger
-- asks, so that carelog can refuse early with a clear message.
-- $1 the staff ID given with --by (text), or NULL.
SELECT staff_id, problem, rule FROM carelog.resolve_acting_staff($1)
