-- Sets one transaction-local setting the export's statements read (carelog.export_from,
-- …, DateStyle, TimeZone): COPY takes no bind parameters, so values reach it this way.
-- $1 text  the setting's name
-- $2 text  its value
SELECT set_config($1, $2, true)
