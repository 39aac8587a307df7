-- The patients, in MRN order.
INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
SELECT sp.mrn, sp.first_name, sp.last_name, sp.date_of_birth, sp.gender, ss.site_id
  FROM seed_patient sp
  JOIN seed_site ss ON ss.site_no = sp.site_no
 ORDER BY sp.mrn;
