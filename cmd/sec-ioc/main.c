/* sec-ioc: indicators of compromise in records or plain text, defanged or
 * not; also rewrites text with every indicator refanged or defanged. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "defang.h"
#include "fsutil.h"
#include "hash.h"
#include "ioc.h"
#include "ndjson.h"
#include "record.h"
#include "simd.h"
#include "structured.h"
#include "util.h"

/* Text mode reads this much at a time and cuts at a line end (or, in a
 * longer line, at white space), so memory stays bounded whatever the line
 * length. */
#define CHUNK		(1024 * 1024)
/* Distinct indicators remembered per file in text mode; past this, new
 * ones are still printed, but may repeat. */
#define SEEN_MAX	(1024 * 1024)
#define MAXFIELDS	16

const char cli_synopsis[] =
    "usage: sec-ioc [-ahtuV] [-C columns] [-L bytes] [--allowlist file]\n"
    "               [--defang | --refang] [--fields list] [--no-sources]\n"
    "               [--types list] [file ...]\n";
const char cli_options[] =
    "  -a, --all              every occurrence, not only the first"
    " (implies -t)\n"
    "  -C, --columns LIST     tab-separated columns (implies -t): type,value,"
    "\n"
    "                         defanged,line,offset,scope,known,context,file,"
    "\n"
    "                         count,port\n"
    "  -h, --help             show this help\n"
    "  -L, --max-line BYTES   longest input record (default 64M)\n"
    "  -t, --text             the input is plain text: one JSON line per"
    " IOC\n"
    "  -u, --unbuffered       flush after every record or line\n"
    "  -V, --version          print the version\n"
    "      --allowlist FILE   more well-known hosts and addresses\n"
    "      --defang           copy the text with every indicator defanged\n"
    "      --fields LIST      record fields to scan (title,summary,text)\n"
    "      --no-sources       leave the record's sources unread\n"
    "      --refang           copy the text with every indicator refanged\n"
    "      --types LIST       types to report (default all; see"
    " sec-ioc(1))\n";

enum { OPT_ALLOW = 256, OPT_DEFANG, OPT_FIELDS, OPT_NOSOURCES, OPT_REFANG,
    OPT_TYPES };

enum col { COL_TYPE, COL_VALUE, COL_DEFANGED, COL_LINE, COL_OFFSET,
    COL_SCOPE, COL_KNOWN, COL_CONTEXT, COL_FILE, COL_COUNT, COL_PORT,
    NCOLS };
static const char *const colname[NCOLS] = { "type", "value", "defanged",
    "line", "offset", "scope", "known", "context", "file", "count",
    "port" };

static unsigned mask = IOC_ALL;
static int allocc;
static int colour;	/* text mode onto a terminal: colour type and value */
static int cols[NCOLS + 1], ncols, wantcol[NCOLS];
static int nosources;	/* --no-sources */
static const char *fields[MAXFIELDS];
static size_t nfields;
static char *fieldbuf;

/* ---- text mode ---- */

/* Remember key[0..n) in seen; returns 1 when it is new (or when the set
 * is full, so that nothing is ever lost). */
static int
seen_add(struct strset *seen, const char *key, size_t n)
{
	int isnew;

	if (seen->n >= SEEN_MAX)
		return 1;
	(void)strset_add(seen, key, n, &isnew);
	return isnew;
}

/* -C with count: each hit kept until the end of the file, when the
 * occurrences of each indicator are known. */
struct crow {
	char	*key;		/* "type\tvalue" (owned) */
	char	*row;		/* the line, NULL for a repeat not shown */
	size_t	 klen, rowlen, idx, count;
	size_t	 off[NCOLS];	/* where the count goes in row */
	int	 noff;
};

struct tstate {
	const char	*fname;
	int		 showfile;
	size_t		 base;		/* offset of the chunk in the file */
	size_t		 line;		/* line number at lpos */
	size_t		 lpos;		/* chunk offset counted up to */
	struct strset	 seen;
	struct buf	 key, tmp;
	size_t		 cursor;	/* --defang: chunk bytes written */
	int		 refang;	/* --refang, not --defang */
	struct buf	 ckey;		/* count column: the hit's key */
	struct crow	*crows;		/* count column: the hits so far */
	size_t		 ncrows, capcrows;
};

/* Count the newlines of text up to offset to. */
static void
count_lines(struct tstate *ts, const char *text, size_t to)
{
	if (ncols > 0 && !wantcol[COL_LINE])
		return;		/* not shown: not counted */
	if (ts->lpos < to) {
		ts->line += simd_count((const unsigned char *)text + ts->lpos,
		    to - ts->lpos, '\n');
		ts->lpos = to;
	}
}

static void
put_tsv(struct buf *b, const char *s, size_t n)
{
	size_t i;

	if (memchr(s, '\t', n) == NULL && memchr(s, '\n', n) == NULL &&
	    memchr(s, '\r', n) == NULL) {
		buf_put(b, s, n);
		return;
	}
	buf_grow(b, n);
	for (i = 0; i < n; i++)
		b->s[b->len + i] = s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r' ? ' ' : s[i];
	b->len += n;
	b->s[b->len] = '\0';
}

/* Keep a hit for the count column: its key (the "type\tvalue" in
 * ts->key) and, when shown, its line row (borrowed, copied) with the
 * count to go at off[0..noff). */
static void
crow_add(struct tstate *ts, const struct buf *row, const size_t *off,
    int noff)
{
	struct crow *c;

	if (ts->ncrows == ts->capcrows) {
		ts->capcrows = ts->capcrows ? ts->capcrows * 2 : 256;
		ts->crows = xreallocarray(ts->crows, ts->capcrows,
		    sizeof(*ts->crows));
	}
	c = &ts->crows[ts->ncrows];
	memset(c, 0, sizeof(*c));
	c->idx = ts->ncrows++;
	if (row != NULL) {
		/* ts->key holds the row now; ckey kept the key */
		c->row = xmalloc(row->len + 1);
		memcpy(c->row, row->s, row->len + 1);
		c->rowlen = row->len;
		memcpy(c->off, off, (size_t)noff * sizeof(*off));
		c->noff = noff;
		c->key = xmalloc(ts->ckey.len + 1);
		memcpy(c->key, ts->ckey.s, ts->ckey.len + 1);
		c->klen = ts->ckey.len;
	} else {
		c->key = xmalloc(ts->key.len + 1);
		memcpy(c->key, ts->key.s, ts->key.len + 1);
		c->klen = ts->key.len;
	}
}

static int
crow_bykey(const void *a, const void *b)
{
	const struct crow *x = *(const struct crow *const *)a;
	const struct crow *y = *(const struct crow *const *)b;
	int r;

	if ((r = strcmp(x->key, y->key)) != 0)
		return r;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The end of a file with the count column: count each indicator's hits,
 * then write the rows kept, in the order they came. */
static void
crow_flush(struct tstate *ts)
{
	struct crow **v;
	size_t i, j, k, at;
	char num[32];

	if (ts->ncrows == 0)
		return;
	v = xreallocarray(NULL, ts->ncrows, sizeof(*v));
	for (i = 0; i < ts->ncrows; i++)
		v[i] = &ts->crows[i];
	qsort(v, ts->ncrows, sizeof(*v), crow_bykey);
	for (i = 0; i < ts->ncrows; i = j) {
		for (j = i + 1; j < ts->ncrows &&
		    strcmp(v[j]->key, v[i]->key) == 0; j++)
			;
		for (k = i; k < j; k++)
			v[k]->count = j - i;
	}
	free(v);
	for (i = 0; i < ts->ncrows; i++) {
		struct crow *c = &ts->crows[i];

		if (c->row != NULL) {
			snprintf(num, sizeof(num), "%zu", c->count);
			at = 0;
			for (k = 0; k < (size_t)c->noff; k++) {
				if (fwrite(c->row + at, 1, c->off[k] - at,
				    stdout) != c->off[k] - at ||
				    fputs(num, stdout) == EOF)
					err(EXIT_WRITE, "<stdout>");
				at = c->off[k];
			}
			if (fwrite(c->row + at, 1, c->rowlen - at, stdout) !=
			    c->rowlen - at)
				err(EXIT_WRITE, "<stdout>");
		}
		free(c->row);
		free(c->key);
	}
	ts->ncrows = 0;
}

#define C_TYPE	"\033[36m"
#define C_VALUE	"\033[1;31m"
#define C_END	"\033[0m"

/* Write the JSON line js with its "type" and "value" strings coloured;
 * the rest as it is. */
static void
put_coloured(const char *js)
{
	static const char *const key[] = { "\"type\":", "\"value\":" };
	static const char *const col[] = { C_TYPE, C_VALUE };
	struct buf b = BUF_INIT;
	const char *p = js, *q, *e;
	size_t i;

	for (i = 0; i < 2; i++) {
		if ((q = strstr(p, key[i])) == NULL)
			break;
		q += strlen(key[i]);
		/* the string's end: the first quote not escaped */
		for (e = q + 1; *e != '\0' && *e != '"'; e++)
			if (*e == '\\' && e[1] != '\0')
				e++;
		if (*e != '"')
			break;
		buf_put(&b, p, (size_t)(q - p));
		buf_puts(&b, col[i]);
		buf_put(&b, q, (size_t)(e + 1 - q));
		buf_puts(&b, C_END);
		p = e + 1;
	}
	buf_puts(&b, p);
	buf_putc(&b, '\n');
	if (fwrite(b.s, 1, b.len, stdout) != b.len)
		err(EXIT_WRITE, "<stdout>");
	buf_free(&b);
}

static int
text_hit(const struct ioc_hit *h, const char *text, size_t len, void *arg)
{
	struct tstate *ts = arg;
	struct buf *k = &ts->key, *d = &ts->tmp;
	const char *scope;
	size_t cs, cn, i, off[NCOLS];
	json_t *o;
	char *js, *alt;
	int known, noff = 0;

	buf_reset(k);
	buf_puts(k, ioc_type_name(h->type));
	buf_putc(k, '\t');
	buf_put(k, h->value, h->vlen);
	/* each address:port is listed, where the port is shown */
	if (h->port && (ncols == 0 || wantcol[COL_PORT]))
		buf_printf(k, "\t%u", h->port);
	if (!allocc && !seen_add(&ts->seen, k->s, k->len)) {
		if (wantcol[COL_COUNT])
			crow_add(ts, NULL, NULL, 0);	/* counted, not shown */
		return 0;
	}
	if (wantcol[COL_COUNT]) {
		buf_reset(&ts->ckey);
		buf_put(&ts->ckey, k->s, k->len);
	}
	count_lines(ts, text, h->off);
	/* only what is shown is worked out */
	buf_reset(d);
	if (ncols == 0 || wantcol[COL_DEFANGED])
		ioc_defang(d, h->type, h->value, h->schemeless);
	scope = NULL;
	if (ncols == 0 || wantcol[COL_SCOPE])
		scope = ioc_scope(h->type, h->value);
	known = 0;
	if (ncols == 0 || wantcol[COL_KNOWN])
		known = ioc_known(h->type, h->value);
	cs = cn = 0;
	if (ncols == 0 || wantcol[COL_CONTEXT])
		ioc_context(text, len, h->off, h->len, &cs, &cn);
	if (ncols > 0) {
		buf_reset(k);
		for (i = 0; i < (size_t)ncols; i++) {
			if (i > 0)
				buf_putc(k, '\t');
			switch (cols[i]) {
			case COL_TYPE:
				buf_puts(k, colour ? C_TYPE : "");
				buf_puts(k, ioc_type_name(h->type));
				buf_puts(k, colour ? C_END : "");
				break;
			case COL_VALUE:
				buf_puts(k, colour ? C_VALUE : "");
				put_tsv(k, h->value, h->vlen);
				buf_puts(k, colour ? C_END : "");
				break;
			case COL_DEFANGED:
				put_tsv(k, buf_str(d), d->len);
				break;
			case COL_LINE:
				buf_printf(k, "%zu", ts->line);
				break;
			case COL_OFFSET:
				buf_printf(k, "%zu", ts->base + h->off);
				break;
			case COL_SCOPE:
				buf_puts(k, scope ? scope : "");
				break;
			case COL_KNOWN:
				buf_puts(k, known ? "known" : "");
				break;
			case COL_CONTEXT:
				put_tsv(k, text + cs, cn);
				break;
			case COL_FILE:
				put_tsv(k, ts->fname, strlen(ts->fname));
				break;
			case COL_COUNT:
				off[noff++] = k->len;	/* filled in later */
				break;
			case COL_PORT:
				if (h->port)
					buf_printf(k, "%u", h->port);
				break;
			}
		}
		buf_putc(k, '\n');
		if (noff > 0) {
			crow_add(ts, k, off, noff);
			return 0;
		}
		if (fwrite(k->s, 1, k->len, stdout) != k->len)
			err(EXIT_WRITE, "<stdout>");
		return 0;
	}
	if ((o = json_object()) == NULL)
		errx(1, "out of memory");
	rec_set_str(o, "type", ioc_type_name(h->type));
	rec_set_strn(o, "value", h->value, h->vlen);
	rec_set_str(o, "defanged", d->s);
	if (h->schemeless)
		rec_set_new(o, "schemeless", json_true());
	if (h->port)
		rec_set_new(o, "port", json_integer((json_int_t)h->port));
	if (ts->showfile)
		rec_set_str(o, "file", ts->fname);
	rec_set_new(o, "line", json_integer((json_int_t)ts->line));
	rec_set_new(o, "offset", json_integer((json_int_t)(ts->base +
	    h->off)));
	rec_set_new(o, "context", json_string_safe(text + cs, cn));
	if (scope != NULL)
		rec_set_str(o, "scope", scope);
	if (h->type == IOC_DOMAIN && (alt = ioc_idn_other(h->value)) != NULL) {
		rec_set_str(o, strncmp(alt, "xn--", 4) == 0 ||
		    strstr(alt, ".xn--") ? "punycode" : "unicode", alt);
		free(alt);
	}
	rec_set_new(o, "known", json_boolean(known));
	if ((js = json_dumps(o, JSON_COMPACT)) == NULL)
		errx(1, "cannot encode an IOC");
	if (colour)
		put_coloured(js);
	else if (fputs(js, stdout) == EOF || putchar('\n') == EOF)
		err(EXIT_WRITE, "<stdout>");
	free(js);
	json_decref(o);
	return 0;
}

/* --defang, --refang: copy the chunk up to the hit, then the hit defanged
 * or refanged; the text between indicators is left as it is. */
static int
fang_hit(const struct ioc_hit *h, const char *text, size_t len, void *arg)
{
	struct tstate *ts = arg;
	struct buf *r = &ts->key, *d = &ts->tmp;

	(void)len;
	switch (h->type) {
	case IOC_IPV4: case IOC_IPV6: case IOC_CIDR: case IOC_DOMAIN:
	case IOC_URL: case IOC_EMAIL: case IOC_ONION:
		break;
	default:
		return 0;
	}
	if (h->off < ts->cursor)
		return 0;
	if (fwrite(text + ts->cursor, 1, h->off - ts->cursor, stdout) !=
	    h->off - ts->cursor)
		err(EXIT_WRITE, "<stdout>");
	/* refang what is there (keeping its case), then defang it all */
	buf_reset(r);
	ioc_refang(r, text + h->off, h->len);
	if (ts->refang) {
		if (fwrite(buf_str(r), 1, r->len, stdout) != r->len)
			err(EXIT_WRITE, "<stdout>");
	} else {
		buf_reset(d);
		defang(d, buf_str(r), h->type == IOC_ONION ? "domain" :
		    ioc_type_name(h->type));
		if (fwrite(d->s, 1, d->len, stdout) != d->len)
			err(EXIT_WRITE, "<stdout>");
	}
	ts->cursor = h->off + h->len;
	return 0;
}

/* Where to cut buf[0..n) so that no indicator straddles the cut: after
 * the last newline, else after the last white space, else at a UTF-8
 * boundary. */
static size_t
cutpoint(const char *b, size_t n)
{
	size_t i;

	for (i = n; i > 0; i--)
		if (b[i - 1] == '\n')
			return i;
	for (i = n; i > n / 2; i--)
		if (b[i - 1] == ' ' || b[i - 1] == '\t')
			return i;
	for (i = n; i > n - 4 && i > 0; i--)
		if (((unsigned char)b[i] & 0xC0) != 0x80)
			return i;
	return n;
}

enum tmode { T_LIST, T_REFANG, T_DEFANG };

/* Text mode over one file: 0, or -1 after a read error (reported). */
static int
text_file(FILE *fp, const char *fname, int showfile, enum tmode mode)
{
	struct tstate ts;
	char *b;
	size_t have = 0, got, cut, old;
	ssize_t r;
	int eof = 0, rc = 0;

	memset(&ts, 0, sizeof(ts));
	ts.fname = fname;
	ts.showfile = showfile;
	ts.line = 1;
	buf_init(&ts.key);
	buf_init(&ts.tmp);
	buf_init(&ts.ckey);
	b = xmalloc(CHUNK + 1);
	while (!eof || have > 0) {
		if (!eof && ndjson_unbuffered) {
			/* -u: take what the pipe has and go on at each
			 * complete line, for "tail -f log | sec-ioc -tu" */
			old = have;
			r = read(fileno(fp), b + have, CHUNK - have);
			if (r == -1 && errno == EINTR)
				continue;
			if (r == -1) {
				warn("%s", fname);
				rc = -1;
			}
			if (r <= 0)
				eof = 1;
			else
				have += (size_t)r;
			if (!eof && have < CHUNK) {
				/* only the new bytes can hold the first
				 * newline */
				cut = have;
				while (cut > old && b[cut - 1] != '\n')
					cut--;
				if (cut == old)
					continue;
			} else
				cut = eof ? have : cutpoint(b, have);
		} else {
			if (!eof) {
				got = fread(b + have, 1, CHUNK - have, fp);
				have += got;
				if (have < CHUNK) {
					if (ferror(fp)) {
						warn("%s", fname);
						rc = -1;
					}
					eof = 1;
				}
			}
			cut = eof ? have : cutpoint(b, have);
		}
		if (have == 0)
			break;
		ts.lpos = 0;
		switch (mode) {
		case T_LIST:
			ioc_scan(b, cut, mask, text_hit, &ts);
			count_lines(&ts, b, cut);
			break;
		case T_REFANG:
		case T_DEFANG:
			ts.cursor = 0;
			ts.refang = mode == T_REFANG;
			ioc_scan(b, cut, mask, fang_hit, &ts);
			if (fwrite(b + ts.cursor, 1, cut - ts.cursor, stdout) !=
			    cut - ts.cursor)
				err(EXIT_WRITE, "<stdout>");
			break;
		}
		if (ndjson_unbuffered && fflush(stdout) == EOF)
			err(EXIT_WRITE, "<stdout>");
		memmove(b, b + cut, have - cut);
		have -= cut;
		ts.base += cut;
		if (ferror(stdout))
			break;
	}
	free(b);
	crow_flush(&ts);
	free(ts.crows);
	buf_free(&ts.ckey);
	buf_free(&ts.key);
	buf_free(&ts.tmp);
	strset_free(&ts.seen);
	return rc;
}

static int
text_mode(int argc, char **argv, enum tmode mode)
{
	struct operands op;
	const char *name;
	FILE *fp;
	int rc = 0;

	operands_init(&op, argc, argv);
	while ((fp = operands_next(&op, &name)) != NULL) {
		if (text_file(fp, name, argc > 1, mode) == -1)
			rc = 1;
		operands_close(fp);
	}
	return rc || op.nbad > 0;
}

/* ---- record mode ---- */

/* The key of an IOC object, "type\tvalue", into k. */
static void
ioc_key(struct buf *k, const json_t *o)
{
	buf_reset(k);
	buf_puts(k, rec_str(o, "type") ? rec_str(o, "type") : "");
	buf_putc(k, '\t');
	buf_puts(k, rec_str(o, "value") ? rec_str(o, "value") : "");
}

/* Merge the indicators found in the source at url (found, borrowed)
 * into iocs (borrowed), whose keys are in seen.  A value already there
 * keeps its object: one found in the article gets found_in, the first
 * source it was published in (with observed and a structured origin
 * when the article had none); one from an earlier source counts the
 * new occurrences.  The others are appended with found_in. */
static void
merge_source(json_t *iocs, struct strset *seen, const json_t *found,
    const char *url, struct buf *k)
{
	const json_t *o, *v;
	json_t *t;
	size_t i, idx;
	int isnew;

	json_array_foreach(found, i, o) {
		ioc_key(k, o);
		idx = strset_add(seen, k->s, k->len, &isnew);
		if (isnew) {
			t = json_deep_copy(o);
			rec_set_str(t, "found_in", url);
			arr_append_new(iocs, t);
			continue;
		}
		t = json_array_get(iocs, idx);
		if (json_object_get(t, "found_in") == NULL) {
			rec_set_str(t, "found_in", url);
			if ((v = json_object_get(o, "origin")) != NULL)
				rec_set_new(t, "origin", json_incref(
				    (json_t *)v));
		} else if (strcmp(rec_str(t, "found_in"), url) == 0)
			rec_set_new(t, "count", json_integer(
			    json_integer_value(json_object_get(t, "count")) +
			    json_integer_value(json_object_get(o, "count"))));
		if (json_object_get(t, "observed") == NULL &&
		    (v = json_object_get(o, "observed")) != NULL)
			rec_set_new(t, "observed", json_incref((json_t *)v));
	}
}

/* Scan the "sources" of rec (sec-fetch --sources) into iocs (both
 * borrowed): text, CSV and HTML pages with the scanner, STIX bundles
 * and MISP events as structured data.  Returns the number of errors
 * added to rec. */
static int
scan_sources(json_t *rec, json_t *iocs)
{
	const json_t *srcs, *src, *text;
	const char *url, *fmt, *why;
	struct strset seen;
	struct ioc_set *set;
	struct buf k = BUF_INIT;
	json_t *found;
	size_t i, nskip;
	int nerr = 0;

	srcs = json_object_get(rec, "sources");
	if (!json_is_array(srcs) || json_array_size(srcs) == 0)
		return 0;
	memset(&seen, 0, sizeof(seen));
	json_array_foreach(iocs, i, src) {
		ioc_key(&k, src);
		(void)strset_add(&seen, k.s, k.len, NULL);
	}
	json_array_foreach(srcs, i, src) {
		text = json_object_get(src, "text");
		if ((url = rec_str(src, "url")) == NULL ||
		    !json_is_string(text))
			continue;
		if ((fmt = rec_str(src, "format")) == NULL)
			fmt = "text";
		if (strcmp(fmt, "stix") == 0 || strcmp(fmt, "misp") == 0) {
			found = structured_iocs(json_string_value(text),
			    json_string_length(text), fmt, mask, &nskip, &why);
			if (found == NULL) {
				warnx("%s: %s", url, why);
				rec_error(rec, "%s: %s", url, why);
				nerr++;
				continue;
			}
			if (nskip > 0)
				warnx("%s: %zu left out: not values of their "
				    "type", url, nskip);
		} else {
			set = ioc_set_new(IOC_MAX_UNIQUE);
			ioc_set_scan(set, json_string_value(text),
			    json_string_length(text), mask, NULL);
			found = ioc_set_json(set,
			    json_object_get(src, "links"));
			ioc_set_free(set);
		}
		merge_source(iocs, &seen, found, url, &k);
		json_decref(found);
	}
	strset_free(&seen);
	buf_free(&k);
	return nerr;
}

/* The digest's indicators (an entry that is an object with a value)
 * get the found_in and observed of the same indicator in iocs (both
 * borrowed) when they have none: the card was made before the sources
 * were read.  An entry without a type matches by value alone. */
static void
digest_found_in(json_t *rec, const json_t *iocs)
{
	const json_t *o, *v;
	json_t *e;
	const char *ev, *et;
	size_t i, j;

	json_array_foreach(json_object_get(json_object_get(rec, "digest"),
	    "iocs"), i, e) {
		if ((ev = rec_str(e, "value")) == NULL ||
		    json_object_get(e, "found_in") != NULL)
			continue;
		et = rec_str(e, "type");
		json_array_foreach(iocs, j, o) {
			if ((v = json_object_get(o, "found_in")) == NULL ||
			    strcmp(rec_str(o, "value"), ev) != 0 ||
			    (et != NULL && strcmp(rec_str(o, "type"), et) != 0))
				continue;
			rec_set_new(e, "found_in", json_incref((json_t *)v));
			if (json_object_get(e, "observed") == NULL &&
			    (v = json_object_get(o, "observed")) != NULL)
				rec_set_new(e, "observed",
				    json_incref((json_t *)v));
			break;
		}
	}
}

static int
record_mode(int argc, char **argv, size_t maxline)
{
	struct ndjson_in in;
	struct ioc_set *set;
	const json_t *v;
	json_t *rec, *iocs;
	size_t k, nerr = 0;

	ndjson_in_init(&in, argc, argv, maxline);
	while ((rec = ndjson_in_next(&in)) != NULL) {
		set = ioc_set_new(IOC_MAX_UNIQUE);
		for (k = 0; k < nfields; k++) {
			v = json_object_get(rec, fields[k]);
			if (json_is_string(v))
				ioc_set_scan(set, json_string_value(v),
				    json_string_length(v), mask, fields[k]);
		}
		if (ioc_set_dropped(set) > 0) {
			rec_error(rec, "%zu more distinct indicators left out "
			    "(at most %d are kept)", ioc_set_dropped(set),
			    IOC_MAX_UNIQUE);
			nerr++;
		}
		iocs = ioc_set_json(set, json_object_get(rec, "links"));
		ioc_set_free(set);
		if (!nosources) {
			nerr += (size_t)scan_sources(rec, iocs);
			digest_found_in(rec, iocs);
		}
		rec_set_new(rec, "iocs", iocs);
		ndjson_write(rec);
		json_decref(rec);
	}
	k = in.nbad;
	ndjson_in_free(&in);
	return k > 0 || nerr > 0;
}

static void
parse_list(const char *arg, const char *what)
{
	char *p, *save = NULL;
	int k;

	if (strcmp(what, "columns") == 0) {
		char *s = xstrdup(arg);

		ncols = 0;
		memset(wantcol, 0, sizeof(wantcol));
		for (p = strtok_r(s, ",", &save); p != NULL;
		    p = strtok_r(NULL, ",", &save)) {
			for (k = 0; k < NCOLS; k++)
				if (strcmp(p, colname[k]) == 0)
					break;
			if (k == NCOLS || ncols == NCOLS) {
				warnx("--columns: unknown column: %s", p);
				free(s);
				cli_usage(2);
			}
			cols[ncols++] = k;
			wantcol[k] = 1;
		}
		free(s);
		if (ncols == 0) {
			warnx("--columns: no columns");
			cli_usage(2);
		}
		return;
	}
	free(fieldbuf);
	fieldbuf = xstrdup(arg);
	nfields = 0;
	for (p = strtok_r(fieldbuf, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		if (nfields == MAXFIELDS) {
			warnx("--fields: at most %d fields", MAXFIELDS);
			cli_usage(2);
		}
		fields[nfields++] = p;
	}
	if (nfields == 0) {
		warnx("--fields: no fields");
		cli_usage(2);
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "columns", required_argument, NULL, 'C' },
		{ "fields", required_argument, NULL, OPT_FIELDS },
		{ "help", no_argument, NULL, 'h' },
		{ "max-line", required_argument, NULL, 'L' },
		{ "no-sources", no_argument, NULL, OPT_NOSOURCES },
		{ "text", no_argument, NULL, 't' },
		{ "types", required_argument, NULL, OPT_TYPES },
		{ "unbuffered", no_argument, NULL, 'u' },
		{ "version", no_argument, NULL, 'V' },
		{ "allowlist", required_argument, NULL, OPT_ALLOW },
		{ "defang", no_argument, NULL, OPT_DEFANG },
		{ "refang", no_argument, NULL, OPT_REFANG },
		{ NULL, 0, NULL, 0 }
	};
	char ebuf[512];
	const char *bad;
	size_t maxline = NDJSON_MAXLINE_DEFAULT;
	int ch, text = 0, rc;
	enum tmode mode = T_LIST;

	cli_init();
	parse_list("title,summary,text", "fields");
	while ((ch = getopt_long(argc, argv, "aC:c:f:hL:tT:uV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			allocc = 1;
			break;
		case 'c':
			cli_deprecated("-c", "-C (--columns)");
			/* FALLTHROUGH */
		case 'C':
			parse_list(optarg, "columns");
			break;
		case 'f':
			cli_deprecated("-f", "--fields");
			/* FALLTHROUGH */
		case OPT_FIELDS:
			parse_list(optarg, "fields");
			break;
		case 'h':
			cli_usage(0);
			break;
		case 'L':
			maxline = (size_t)xstrtosize(optarg, 1,
			    NDJSON_MAXLINE_MAX, "-L");
			break;
		case 't':
			text = 1;
			break;
		case 'T':
			cli_deprecated("-T", "--types");
			/* FALLTHROUGH */
		case OPT_TYPES:
			if (ioc_types_parse(optarg, &mask, &bad) == -1 ||
			    mask == 0) {
				warnx("--types: unknown type: %.*s",
				    mask == 0 && bad == NULL ? 0 :
				    (int)strcspn(bad ? bad : "", ","),
				    bad ? bad : "");
				cli_usage(2);
			}
			break;
		case 'u':
			ndjson_unbuffered = 1;
			break;
		case 'V':
			cli_version(NULL);
			break;
		case OPT_ALLOW:
			if (ioc_allowlist_load(optarg, ebuf, sizeof(ebuf)) ==
			    -1) {
				warnx("%s", ebuf);
				ioc_cleanup();
				finish(2);
			}
			break;
		case OPT_NOSOURCES:
			nosources = 1;
			break;
		case OPT_DEFANG:
		case OPT_REFANG:
			if (mode != T_LIST) {
				warnx("--defang and --refang exclude each "
				    "other");
				cli_usage(2);
			}
			mode = ch == OPT_DEFANG ? T_DEFANG : T_REFANG;
			break;
		default:
			cli_usage(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (mode != T_LIST && (text || allocc || ncols > 0)) {
		warnx("--defang and --refang take no -t, -a or -C");
		cli_usage(2);
	}
	/* -a and -C are text-mode options: they ask for it */
	if (allocc || ncols > 0)
		text = 1;
	/* colour only what a person reads: text mode on a terminal */
	colour = text && mode == T_LIST && cli_color(STDOUT_FILENO);
	if (text || mode != T_LIST)
		rc = text_mode(argc, argv, mode);
	else
		rc = record_mode(argc, argv, maxline);
	free(fieldbuf);
	ioc_cleanup();
	finish(rc);
}
