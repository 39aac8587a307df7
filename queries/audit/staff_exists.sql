-- Whether a staff ID names a staff member (--by must name one).
-- $1 text  the staff ID
SELECT 1 FROM carelog.staff WHERE staff_id = $1
