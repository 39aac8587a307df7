-- =============================================================================
-- carelog — 004_inline_import_checks.sql: let the planner inline the import checks
-- =============================================================================
--
-- The functions of 003_import_support.sql were declared STRICT. PostgreSQL only
-- inlines a STRICT SQL function whose body is strict itself, and a CASE is not,
-- so each call ran as a separate function call: about 140 microseconds a row of
-- an attendance import, most of its validation time. Callers never pass NULL
-- (they test for it first), so the same bodies without STRICT are equivalent
-- and are inlined into the calling query.
-- =============================================================================

CREATE OR REPLACE FUNCTION carelog.is_iso_date(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN value !~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN false
    -- Days 29 to 31 need the month's length; the common case stops here.
    WHEN substr(value, 9, 2) <= '28' THEN true
    ELSE substr(value, 9, 2)::integer <=
         extract(day FROM make_date(substr(value, 1, 4)::integer, substr(value, 6, 2)::integer, 1)
                          + interval '1 month' - interval '1 day')::integer
END;

CREATE OR REPLACE FUNCTION carelog.is_integer(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN value !~ '^[+-]?[0-9]{1,10}$' THEN false
    ELSE value::bigint BETWEEN -2147483648 AND 2147483647
END;

CREATE OR REPLACE FUNCTION carelog.is_decimal(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN value ~ '^[+-]?([0-9]{1,15}(\.[0-9]{0,6})?|\.[0-9]{1,6})$';

CREATE OR REPLACE FUNCTION carelog.is_boolean_text(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN lower(value) IN ('true', 'false', 't', 'f', 'yes', 'no', 'y', 'n', '1', '0');

CREATE OR REPLACE FUNCTION carelog.to_boolean(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN lower(value) IN ('true', 't', 'yes', 'y', '1');

CREATE OR REPLACE FUNCTION carelog.is_import_timestamp(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$' THEN false
    ELSE carelog.is_iso_date(substr(value, 1, 10))
END;

CREATE OR REPLACE FUNCTION carelog.has_utc_offset(value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN value ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$';

CREATE OR REPLACE FUNCTION carelog.to_site_instant(value text, site_timezone text)
RETURNS timestamptz
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN carelog.has_utc_offset(value) THEN value::timestamptz
    ELSE value::timestamp AT TIME ZONE site_timezone
END;
