-- Shared block of the FHIR export (docs/fhir.md): what every resource carries and how
-- the privacy mode names things. Read once per statement.
-- uses: x
-- meta is the resource's `meta`: the three 42 CFR Part 2 security labels, confidentiality
-- R (restricted), the policy 42CFRPart2 and the refrain NORDSCLCD (no redisclosure
-- without consent). keyed is true under --pseudonymize and --deidentify: ids are then
-- HMAC-SHA-256 of the surrogate id under the export's key (the keyed pseudonym key, or
-- a key random to the run), never the surrogate id itself; deidentified cuts dates to
-- the year. mrn_system is the identifier system of the program's MRNs
-- (carelog.fhir_mrn_system, --mrn-system).
fx AS MATERIALIZED (
    SELECT current_setting('carelog.export_mode') <> 'clear' AS keyed,
           current_setting('carelog.export_mode') = 'deidentified' AS deidentified,
           current_setting('carelog.fhir_mrn_system') AS mrn_system,
           json_build_object('security', json_build_array(
               json_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
                                 'code', 'R', 'display', 'restricted'),
               json_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
                                 'code', '42CFRPart2', 'display', '42 CFR Part2'),
               json_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
                                 'code', 'NORDSCLCD', 'display', 'no redisclosure without consent directive'))) AS meta,
           -- The same as the text of a member, `"meta":{…}`, compact (as json_strip_nulls
           -- writes it), for the statements that put a resource together as text.
           '"meta":' || json_strip_nulls(json_build_object('security', json_build_array(
               json_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
                                 'code', 'R', 'display', 'restricted'),
               json_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
                                 'code', '42CFRPart2', 'display', '42 CFR Part2'),
               json_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
                                 'code', 'NORDSCLCD', 'display', 'no redisclosure without consent directive'))))::text AS meta_member
)
