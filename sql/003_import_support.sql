-- =============================================================================
-- carelog — 003_import_support.sql: helpers for validating imports in SQL
-- =============================================================================
--
-- An import is streamed into a staging table of text columns and validated
-- there as a set before anything is written. These functions answer "is this
-- text a valid X?" without raising, so that one query can list every problem
-- of a file; a cast that raised would stop at the first one. They use regular
-- expressions and arithmetic only (no exception blocks, which would open a
-- subtransaction per call), so a million rows cost one scan.
--
-- All are IMMUTABLE SQL functions with SQL-standard bodies, so the planner
-- inlines them.
-- =============================================================================

-- YYYY-MM-DD naming a real calendar day (no 2026-02-30), years 1000-9999.
CREATE FUNCTION carelog.is_iso_date(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
    -- CASE, not AND: only CASE guarantees the casts run after the pattern matched.
    WHEN value !~ '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$' THEN false
    WHEN substr(value, 6, 2)::integer NOT BETWEEN 1 AND 12 THEN false
    ELSE substr(value, 9, 2)::integer BETWEEN 1 AND
         extract(day FROM make_date(substr(value, 1, 4)::integer, substr(value, 6, 2)::integer, 1)
                          + interval '1 month' - interval '1 day')::integer
END;

-- A whole number that fits a PostgreSQL integer.
CREATE FUNCTION carelog.is_integer(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
    WHEN value !~ '^[+-]?[0-9]{1,10}$' THEN false
    ELSE value::bigint BETWEEN -2147483648 AND 2147483647
END;

-- A decimal number written plainly (12, 2.5, -0.75), "." as decimal point.
CREATE FUNCTION carelog.is_decimal(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN value ~ '^[+-]?([0-9]{1,15}(\.[0-9]{0,6})?|\.[0-9]{1,6})$';

-- true/false in the spellings spreadsheets produce.
CREATE FUNCTION carelog.is_boolean_text(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(value) IN ('true', 'false', 't', 'f', 'yes', 'no', 'y', 'n', '1', '0');

CREATE FUNCTION carelog.to_boolean(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(value) IN ('true', 't', 'yes', 'y', '1');

-- An instant as an import may give it: ISO 8601 with an offset
-- ('2026-10-05T07:30:00-04:00', 'Z' allowed), or the site's local wall time
-- ('2026-10-05 07:30', seconds optional; 'T' or a space between date and time).
CREATE FUNCTION carelog.is_import_timestamp(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
    WHEN value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$' THEN false
    ELSE carelog.is_iso_date(substr(value, 1, 10))
END;

-- True when an import timestamp carries its own offset (otherwise it is the
-- site's wall time).
CREATE FUNCTION carelog.has_utc_offset(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN value ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$';

-- The instant an import timestamp names, reading wall time in the site's zone.
-- A wall time that falls in a daylight-saving gap is moved forward by the gap,
-- as PostgreSQL does; one that occurs twice (the hour repeated in autumn) is
-- read as standard time, PostgreSQL's choice.
CREATE FUNCTION carelog.to_site_instant(value text, site_timezone text)
RETURNS timestamptz
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
    WHEN carelog.has_utc_offset(value) THEN value::timestamptz
    ELSE value::timestamp AT TIME ZONE site_timezone
END;

-- The days an episode occupies, exactly as the exclusion constraint
-- episode_no_overlap of 001_schema.sql computes them: [admitted_on,
-- discharged_on), open-ended while not discharged, and at least the admission
-- day. Imports use it to name an overlap before the constraint would refuse it.
CREATE FUNCTION carelog.episode_days(admitted_on date, discharged_on date)
RETURNS daterange
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN daterange(admitted_on,
                 CASE WHEN discharged_on IS NOT NULL THEN greatest(discharged_on, admitted_on + 1) END,
                 '[)');
