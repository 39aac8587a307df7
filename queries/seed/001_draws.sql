-- The seed's building blocks, as functions of this session (pg_temp, gone when
-- the connection closes). No parameters: the run's values are read from the
-- settings that 002_parameters.sql binds.
--
-- Every function is LANGUAGE sql with a single SELECT, not STRICT and without
-- SET clauses, so that PostgreSQL inlines it into the statement that calls it
-- (EXPLAIN VERBOSE shows hashint8extended(...), not the function's name): a draw
-- costs what the expression costs, not a function call per row.
--
-- Randomness never comes from random(). A draw is a hash of the run's seed
-- stream, a salt that names the draw (a small number, one per draw; see the
-- files that use them) and the natural key of what is drawn for (a stay, a
-- session, a day), so the same seed gives the same data whatever plan the
-- server picks, and no draw depends on a surrogate id.

-- The first day of the first month (inclusive).
CREATE FUNCTION pg_temp.seed_start() RETURNS date
LANGUAGE sql STABLE
AS $$ SELECT current_setting('carelog.seed_start')::date $$;

-- The first day after the last month (exclusive end of the period).
CREATE FUNCTION pg_temp.seed_end() RETURNS date
LANGUAGE sql STABLE
AS $$ SELECT current_setting('carelog.seed_end')::date $$;

-- The demo's "today" (`carelog demo` seeds through the current day): the period's
-- last day, whose sessions are all scheduled but only those that start before 09:00
-- site-local are logged (130_seed_session, 141_seed_held), so that the day's rolls
-- are there to take. NULL when every day of the period is complete (`carelog seed`).
CREATE FUNCTION pg_temp.seed_today() RETURNS date
LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('carelog.seed_today'), '')::date $$;

-- The number of sites.
CREATE FUNCTION pg_temp.seed_scale() RETURNS int
LANGUAGE sql STABLE
AS $$ SELECT current_setting('carelog.seed_scale')::int $$;

-- A uniform draw in [0, 1) for `key`, independent for each `salt`.
CREATE FUNCTION pg_temp.seed_draw(salt int, key int8) RETURNS float8
LANGUAGE sql STABLE
AS $$
    SELECT (hashint8extended(key, current_setting('carelog.seed_stream')::int8 + salt * 7919)
            & 2147483647)::float8 / 2147483648.0
$$;

-- A uniform draw in [0, 1) for the pair (`key`, `key2`), independent for each `salt`:
-- e.g. a stay and a session, or a stay and the number of a review.
CREATE FUNCTION pg_temp.seed_draw(salt int, key int8, key2 int8) RETURNS float8
LANGUAGE sql STABLE
AS $$
    SELECT (hashint8extended(key, hashint8extended(key2, current_setting('carelog.seed_stream')::int8 + salt * 7919))
            & 2147483647)::float8 / 2147483648.0
$$;

-- The element of `choices` that a draw in [0, 1) picks, each equally likely.
CREATE FUNCTION pg_temp.seed_pick(choices text[], draw float8) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT choices[1 + floor(draw * cardinality(choices))::int] $$;

-- Names, picked by a draw.
CREATE FUNCTION pg_temp.seed_female_name(draw float8) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT pg_temp.seed_pick(ARRAY[
        'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica',
        'Sarah', 'Karen', 'Lisa', 'Nancy', 'Ashley', 'Emily', 'Michelle', 'Amanda',
        'Melissa', 'Stephanie', 'Rebecca', 'Laura', 'Maria', 'Rosa', 'Aisha', 'Mei'], draw)
$$;

CREATE FUNCTION pg_temp.seed_male_name(draw float8) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT pg_temp.seed_pick(ARRAY[
        'James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph',
        'Thomas', 'Christopher', 'Charles', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Steven',
        'Andrew', 'Joshua', 'Kevin', 'Brian', 'Jose', 'Luis', 'Malik', 'Wei'], draw)
$$;

CREATE FUNCTION pg_temp.seed_neutral_name(draw float8) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT pg_temp.seed_pick(ARRAY[
        'Alex', 'Jordan', 'Taylor', 'Casey', 'Riley', 'Jamie', 'Morgan', 'Avery',
        'Quinn', 'Sam', 'Charlie', 'Rowan'], draw)
$$;

CREATE FUNCTION pg_temp.seed_last_name(draw float8) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT pg_temp.seed_pick(ARRAY[
        'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis',
        'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson',
        'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
        'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
        'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'O''Brien',
        'Kim', 'Patel', 'Begay', 'Yazzie', 'Chen', 'Okafor', 'Novak'], draw)
$$;
