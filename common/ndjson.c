/* ndjson.c: the record stream.  One bad line never costs the rest. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "fsutil.h"
#include "ndjson.h"
#include "utf8.h"
#include "util.h"

int ndjson_unbuffered;

void
ndjson_in_init(struct ndjson_in *in, int nfiles, char **files,
    size_t maxline)
{
	memset(in, 0, sizeof(*in));
	operands_init(&in->ops, nfiles, files);
	in->maxline = maxline;
}

/* Open the next operand; returns 0, or -1 when there are no more. */
static int
nextfile(struct ndjson_in *in)
{
	size_t nbad = in->ops.nbad;

	in->fp = operands_next(&in->ops, &in->fname);
	in->nbad += in->ops.nbad - nbad;
	in->nunread += in->ops.nbad - nbad;	/* not opened */
	if (in->fp == NULL)
		return -1;
	in->lineno = 0;
	lines_init(&in->lr, in->fp, in->maxline);
	in->open = 1;
	return 0;
}

static void
closefile(struct ndjson_in *in)
{
	if (!in->open)
		return;
	lines_free(&in->lr);
	operands_close(in->fp);
	in->open = 0;
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!ASCII_ISSPACE((unsigned char)s[i]))
			return 0;
	return 1;
}

json_t *
ndjson_in_next(struct ndjson_in *in)
{
	struct buf fix = BUF_INIT;
	json_error_t jerr;
	json_t *rec;
	char *line;
	size_t len;

	for (;;) {
		if (!in->open && nextfile(in) == -1)
			return NULL;
		switch (lines_next(&in->lr, &line, &len)) {
		case LINES_EOF:
			closefile(in);
			continue;
		case LINES_ERROR:
			warn("%s:%zu", in->fname, in->lineno + 1);
			in->nbad++;
			in->nunread++;
			closefile(in);
			continue;
		case LINES_LONG:
			in->lineno++;
			warnx("%s:%zu: record too long (%zu bytes, limit %zu;"
			    " see -L)", in->fname, in->lineno, len,
			    in->maxline);
			in->nbad++;
			continue;
		case LINES_OK:
			break;
		}
		in->lineno++;
		/* A file saved by an editor that marks UTF-8 starts with a
		 * BOM: it is not part of the record. */
		if (in->lineno == 1 && len >= 3 &&
		    memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			line += 3;
			len -= 3;
		}
		if (blank(line, len))
			continue;
		rec = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
		if (rec == NULL && !utf8_valid(line, len)) {
			buf_reset(&fix);
			utf8_repair(&fix, line, len);
			rec = json_loadb(fix.s, fix.len,
			    JSON_REJECT_DUPLICATES, &jerr);
			if (rec != NULL) {
				warnx("%s:%zu: invalid UTF-8 replaced by "
				    "U+FFFD", in->fname, in->lineno);
				in->nbad++;
			}
		}
		buf_free(&fix);
		if (rec == NULL) {
			if (in->lr.nonl)
				warnx("%s:%zu: truncated record (%s)",
				    in->fname, in->lineno, jerr.text);
			else
				warnx("%s:%zu: %s", in->fname, in->lineno,
				    jerr.text);
			in->nbad++;
			continue;
		}
		if (!json_is_object(rec)) {
			warnx("%s:%zu: not a JSON object", in->fname,
			    in->lineno);
			json_decref(rec);
			in->nbad++;
			continue;
		}
		in->nrec++;
		return rec;
	}
}

void
ndjson_in_free(struct ndjson_in *in)
{
	closefile(in);
}

void
ndjson_write(json_t *rec)
{
	ndjson_write_to(stdout, "<stdout>", rec);
}

void
ndjson_write_to(FILE *fp, const char *name, json_t *rec)
{
	char *s;

	/* 15 digits: a cost of 0.000123 is written so, not as
	 * 0.00012300000000000001 */
	if ((s = json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(15))) ==
	    NULL)
		errx(1, "cannot encode record");
	if (fputs(s, fp) == EOF || putc('\n', fp) == EOF)
		err(EXIT_WRITE, "%s", name);
	free(s);
	if (ndjson_unbuffered && fflush(fp) == EOF)
		err(EXIT_WRITE, "%s", name);
}
