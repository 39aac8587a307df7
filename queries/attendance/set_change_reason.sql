-- Why this transaction corrects or voids attendance, or changes a closed month
-- (--reason): the database's triggers read it (carelog.change_reason(), sql/016)
-- and keep it with the change. Transaction-local.
-- $1: the reason.
SELECT pg_catalog.set_config('carelog.change_reason', $1, true)
