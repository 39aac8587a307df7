-- Gives the report queries of this transaction the HMAC pads of the run's pseudonym
-- key (--pseudonymize: the secret key; --deidentify: a key random to the run), so
-- that a plan code in a report (documentation-gaps' subject) becomes its pseudonym.
-- Transaction-local; unset (the clear) when not called.
-- $1 text  the inner pad, hex
-- $2 text  the outer pad, hex
SELECT set_config('carelog.report_ipad', $1, true), set_config('carelog.report_opad', $2, true)
