#ifndef CARELOG_CLIBPQ_SHIM_H
#define CARELOG_CLIBPQ_SHIM_H

#include <libpq-fe.h>

// Swift does not import character-literal macros such as PG_DIAG_SQLSTATE ('C'),
// so the error-field codes are re-declared here as constants Swift can see.
static const int CLIBPQ_DIAG_SEVERITY_NONLOCALIZED = 'V';
static const int CLIBPQ_DIAG_SQLSTATE = 'C';
static const int CLIBPQ_DIAG_MESSAGE_PRIMARY = 'M';
static const int CLIBPQ_DIAG_MESSAGE_DETAIL = 'D';
static const int CLIBPQ_DIAG_MESSAGE_HINT = 'H';
static const int CLIBPQ_DIAG_CONTEXT = 'W';
static const int CLIBPQ_DIAG_SCHEMA_NAME = 's';
static const int CLIBPQ_DIAG_TABLE_NAME = 't';
static const int CLIBPQ_DIAG_COLUMN_NAME = 'c';
static const int CLIBPQ_DIAG_CONSTRAINT_NAME = 'n';

#endif
