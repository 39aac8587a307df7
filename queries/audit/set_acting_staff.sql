-- Names the staff member acting in this transaction: the audit trail's triggers read
-- carelog.acting_staff into every batch the transaction writes.
-- $1 text  the staff ID
SELECT set_config('carelog.acting_staff', $1, true)
