-- MRNs an unknown MRN may have meant: the same number with leading zeros that a
-- spreadsheet dropped (`2000501` for `02000501`), or with zeros added. At most five.
-- $1: the MRN as typed.
SELECT p.mrn
  FROM carelog.patient AS p
 WHERE ltrim(p.mrn, '0') = ltrim($1, '0')
   AND p.mrn <> $1
 ORDER BY p.mrn
 LIMIT 5
