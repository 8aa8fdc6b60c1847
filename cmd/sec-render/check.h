/* check.h: sec-render --check, the analyst's validation rules for the
 * IOC CSV and for the events and event-tags CSVs (sec-render(1)). */
#ifndef SEC_RENDER_CHECK_H
#define SEC_RENDER_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "hash.h"
#include "taxonomy.h"

enum check_kind { CHECK_UNKNOWN, CHECK_IOC, CHECK_EVENTS, CHECK_TAGS };

struct check_opts {
	const struct taxonomy	*tax;
	const char		*day;	/* "YYYY-MM-DD" of the file, or NULL */
	const struct strset	*keys;	/* the day's event keys, for an
					 * event-tags file; NULL: unknown */
	FILE			*out;	/* where the error lines go */
};

/* Nonzero when the command line asks for --check (an operand before
 * any "--"). */
int	 check_wanted(int argc, char *argv[]);
/* The --check mode of sec-render, its own options included; returns the
 * exit status. */
int	 check_main(int argc, char *argv[]);

/* Check the CSV data[0..len), named name in the messages, of the kind
 * its header tells: one line "name:line: column: message" per error on
 * o->out.  Returns the number of errors; *kind and *nrows (the data
 * rows) are set. */
size_t	 check_data(const char *name, const char *data, size_t len,
	    const struct check_opts *o, enum check_kind *kind,
	    size_t *nrows);
/* The kind of CSV data[0..len) is, from its header. */
enum check_kind check_kind_of(const char *data, size_t len);
/* Whether s matches the validator's domain pattern,
 * ^(?=.{1,253}$)(?!-)(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}\.?$ */
int	 check_domain(const char *s);
/* Add the event_key column of the events CSV data[0..len) to keys. */
void	 check_event_keys(const char *data, size_t len, struct strset *keys);

#endif
