-- The records already in the database: the seed only fills an empty one.
SELECT (SELECT count(*) FROM carelog.site)    AS sites,
       (SELECT count(*) FROM carelog.staff)   AS staff,
       (SELECT count(*) FROM carelog.patient) AS patients;
