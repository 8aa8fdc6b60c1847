/* csv.h: an RFC 4180 reader over a buffer in memory.
 *
 * Fields may be quoted ("a, ""b""") and quoted fields may hold commas,
 * quotes and line breaks.  Records end at LF or CRLF.  A malformed
 * record is reported with the line it starts on, and the reader goes on
 * with the next line, so one bad row does not hide the rest. */
#ifndef SEC_CSV_H
#define SEC_CSV_H

#include <stddef.h>

#include "buf.h"

struct csv {
	const char	*p, *end;
	unsigned long	 line;		/* line the last record started on */
	unsigned long	 next;		/* line the reader is on */
	char		**field;	/* the record's fields (borrowed) */
	size_t		 nfield;
	size_t		 capfield;
	struct buf	 data;		/* the fields, NUL-separated */
	size_t		*off;
	size_t		 capoff;
	unsigned	 bom : 1;	/* the input began with a UTF-8 BOM */
	unsigned	 crlf : 1;	/* some record ended in CRLF */
	unsigned	 quoted_nl : 1;	/* some field held a line break */
	unsigned	 no_final_nl : 1; /* the input did not end in LF */
};

void	 csv_init(struct csv *, const char *data, size_t len);
void	 csv_free(struct csv *);
/* Read the next record into c->field[0 .. c->nfield).  Returns 1 for a
 * record, 0 at the end, -1 for a malformed record (*why says what; the
 * reader has skipped to the next line).  A blank line is a record of
 * one empty field. */
int	 csv_next(struct csv *, const char **why);
/* The index of the field named name in the current record (a header),
 * or -1. */
int	 csv_index(const struct csv *, const char *name);

/* Append s as one field: in quotes (with "" for a quote) when it holds a
 * comma, a quote, CR or LF; as it is otherwise. */
void	 csv_put(struct buf *, const char *s);

#endif
