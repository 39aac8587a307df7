-- `patient show`: the patient's treatment plans active on a day (created_on <= d and
-- (closed_on null or d < closed_on)), with author, latest review and when the next
-- review is due (latest review on or before d, or created_on, + review_interval_days).
-- $1: the MRN; $2: the day, 'YYYY-MM-DD'.
SELECT tp.plan_code, tp.created_on::text AS created_on, s.staff_id AS author, tp.review_interval_days,
       r.last_review::text AS last_review,
       (coalesce(r.last_review, tp.created_on) + tp.review_interval_days)::text AS review_due
  FROM carelog.treatment_plan AS tp
  JOIN carelog.patient AS p ON p.id = tp.patient_id
  JOIN carelog.staff AS s ON s.id = tp.author_id
  LEFT JOIN LATERAL (SELECT max(pr.reviewed_on) AS last_review FROM carelog.plan_review AS pr
                      WHERE pr.plan_id = tp.id AND pr.reviewed_on <= $2::date) AS r ON true
 WHERE p.mrn = $1
   AND tp.created_on <= $2::date AND (tp.closed_on IS NULL OR $2::date < tp.closed_on)
 ORDER BY tp.created_on, tp.plan_code
