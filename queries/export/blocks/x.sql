-- Shared block of the export: the parameters, read once per statement.
-- uses:
-- The values come from transaction-local settings (carelog.export_from, _to, _site,
-- _ipad, _opad, set by ExportOperation with bound values), because COPY (SELECT …)
-- takes no bind parameters. The audit period is the UTC days of the period.
-- consent_recipient (carelog.export_consent_recipient, empty unless --basis consent)
-- limits the patients to those with a consent for that recipient active on
-- disclosed_on, the export's date (UTC, the export's time zone). kept lists the columns
-- ('table.column') the export's mode (carelog.export_mode) writes as stored, from the
-- classification of sql/017 (carelog.column_class): a privacy-mode statement writes a
-- stored text column only when it is in this list.
x AS MATERIALIZED (
    SELECT f.from_on, t.to_on,
           (SELECT id FROM carelog.site
             WHERE site_code = nullif(current_setting('carelog.export_site'), '')) AS site_id,
           nullif(current_setting('carelog.export_site'), '') IS NULL AS all_sites,
           daterange(f.from_on, t.to_on, '[]') AS days,
           f.from_on::timestamp AT TIME ZONE 'UTC' AS audit_from,
           (t.to_on + 1)::timestamp AT TIME ZONE 'UTC' AS audit_until,
           decode(current_setting('carelog.export_ipad'), 'hex') AS ipad,
           decode(current_setting('carelog.export_opad'), 'hex') AS opad,
           nullif(current_setting('carelog.export_consent_recipient', true), '') AS consent_recipient,
           current_date AS disclosed_on,
           carelog.column_kept(current_setting('carelog.export_mode')) AS kept
      FROM (SELECT current_setting('carelog.export_from')::date AS from_on) AS f,
           (SELECT current_setting('carelog.export_to')::date AS to_on) AS t
)
