/* ndjson.h: read and write newline-delimited JSON records, the way every
 * sec-* tool does (see sec-record(5)). */
#ifndef SEC_NDJSON_H
#define SEC_NDJSON_H

#include <stddef.h>
#include <jansson.h>

#include "fsutil.h"	/* struct operands */
#include "lines.h"

#define NDJSON_MAXLINE_DEFAULT	(64LL * 1024 * 1024)
/* the largest -L any tool takes: 1 GiB, as signify caps its input */
#define NDJSON_MAXLINE_MAX	(1024LL * 1024 * 1024)

/* The input of a filter: the files named as operands, in order, or stdin
 * when there are none ("-" is stdin too). */
struct ndjson_in {
	struct operands ops;
	FILE	*fp;
	const char *fname;	/* name used in diagnostics */
	size_t	 lineno;
	size_t	 maxline;
	struct lines lr;
	int	 open;
	size_t	 nbad;		/* lines reported: skipped or repaired */
	size_t	 nunread;	/* inputs not opened or not read to the end */
	size_t	 nrec;		/* records returned */
};

void	 ndjson_in_init(struct ndjson_in *, int nfiles, char **files,
	    size_t maxline);
/* The next record (a new reference to a JSON object), or NULL when all
 * input is read.  Lines that are blank are skipped silently; lines that are
 * not a JSON object, too long, or cannot be read are reported on stderr as
 * "file:line: reason", counted in nbad and skipped.  Invalid UTF-8 is
 * replaced by U+FFFD, reported and counted, and the record is returned. */
json_t	*ndjson_in_next(struct ndjson_in *);
void	 ndjson_in_free(struct ndjson_in *);

/* Write rec (borrowed) as one compact line on stdout.  Exits 1 when the
 * record cannot be encoded, EXIT_WRITE (3) when it cannot be written. */
void	 ndjson_write(json_t *rec);
/* The same on fp, named name in the message of a failed write. */
void	 ndjson_write_to(FILE *fp, const char *name, json_t *rec);
/* Flush after every record (-u). */
extern int ndjson_unbuffered;

#endif
