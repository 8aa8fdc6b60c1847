/* sec-extract: the article's main text, metadata and links from HTML
 * pages (records with "html", or raw pages with -r). */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "charset.h"
#include "cli.h"
#include "extract.h"
#include "fsutil.h"
#include "ndjson.h"
#include "record.h"
#include "util.h"

#define MAXPAGE_DEFAULT (32LL * 1024 * 1024)

const char cli_synopsis[] =
    "usage: sec-extract [-hkrV] [-L bytes] [--max-page bytes] [--unbuffered]\n"
    "                   [--url URL] [file ...]\n";
const char cli_options[] =
    "  -h, --help          show this help and exit\n"
    "  -k, --keep-html     keep the html field in the output records\n"
    "  -L, --max-line bytes  longest input record (default 64M)\n"
    "  -r, --raw           each input (stdin, or each file) is one HTML "
    "page\n"
    "  -V, --version       print the version and exit\n"
    "      --max-page bytes  HTML parsed per page at most (default 32M)\n"
    "      --unbuffered    flush the output after every record\n"
    "      --url URL       the address of the raw page, for relative "
    "links\n";

enum { OPT_MAXPAGE = 256, OPT_UNBUF, OPT_URL };

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "keep-html", no_argument, NULL, 'k' },
	{ "max-line", required_argument, NULL, 'L' },
	{ "raw", no_argument, NULL, 'r' },
	{ "max-page", required_argument, NULL, OPT_MAXPAGE },
	{ "unbuffered", no_argument, NULL, OPT_UNBUF },
	{ "url", required_argument, NULL, OPT_URL },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static size_t maxpage = MAXPAGE_DEFAULT;

/* Put what extract_page found into rec (borrowed).  title, published and
 * lang fill gaps only: the feed's values win.  Returns the number of
 * errors added. */
static int
fill(json_t *rec, struct ext_result *r)
{
	json_t *links, *l;
	size_t i;
	int k;

	if (r->title != NULL && (rec_str(rec, "title") == NULL ||
	    *rec_str(rec, "title") == '\0'))
		rec_set_str(rec, "title", r->title);
	if (r->byline != NULL)
		rec_set_str(rec, "byline", r->byline);
	if (r->published != NULL && (rec_str(rec, "published") == NULL ||
	    *rec_str(rec, "published") == '\0'))
		rec_set_str(rec, "published", r->published);
	if (r->lang != NULL && (rec_str(rec, "lang") == NULL ||
	    *rec_str(rec, "lang") == '\0'))
		rec_set_str(rec, "lang", r->lang);
	if (r->site_name != NULL)
		rec_set_str(rec, "site_name", r->site_name);
	if (r->canonical != NULL)
		rec_set_str(rec, "canonical", r->canonical);
	rec_set_strn(rec, "text", r->text, r->textlen);
	links = json_array();
	for (i = 0; i < r->nlinks; i++) {
		l = json_object();
		rec_set_str(l, "url", r->links[i].url);
		rec_set_str(l, "text", r->links[i].text);
		if (r->links[i].primary)
			rec_set_new(l, "primary", json_true());
		arr_append_new(links, l);
	}
	rec_set_new(rec, "links", links);
	for (k = 0; k < r->nerrors; k++)
		rec_error(rec, "%s", r->errors[k]);
	return r->nerrors;
}

/* The page's address in a record: where it was fetched from, else its
 * url. */
static const char *
rec_url(json_t *rec)
{
	const char *u;

	u = json_string_value(json_object_get(json_object_get(rec, "http"),
	    "final_url"));
	if (u == NULL || *u == '\0')
		u = rec_str(rec, "url");
	return u;
}

static int
records(int nfiles, char **files, size_t maxline, int keep)
{
	struct ndjson_in in;
	struct ext_opts o;
	struct ext_result r;
	json_t *rec, *html;
	int bad = 0;

	ndjson_in_init(&in, nfiles, files, maxline);
	while ((rec = ndjson_in_next(&in)) != NULL) {
		html = json_object_get(rec, "html");
		if (!json_is_string(html)) {
			if (json_object_get(rec, "errors") == NULL) {
				rec_error(rec, "no html field to extract "
				    "from");
				bad = 1;
			}
			ndjson_write(rec);
			json_decref(rec);
			continue;
		}
		memset(&o, 0, sizeof(o));
		o.url = rec_url(rec);
		o.maxpage = maxpage;
		extract_page(json_string_value(html), json_string_length(html),
		    &o, &r);
		if (fill(rec, &r) > 0)
			bad = 1;
		ext_result_free(&r);
		if (!keep)
			json_object_del(rec, "html");
		ndjson_write(rec);
		json_decref(rec);
	}
	if (in.nbad > 0)
		bad = 1;
	ndjson_in_free(&in);
	return bad;
}

/* Read all of fp, at most max bytes (*trunc set when there was more). */
static char *
read_page(FILE *fp, size_t max, size_t *len, int *trunc)
{
	char *s = NULL, tmp[1];
	size_t cap = 0, n = 0, got;

	*trunc = 0;
	for (;;) {
		if (n == cap) {
			if (cap >= max) {
				if (fread(tmp, 1, 1, fp) == 1)
					*trunc = 1;
				break;
			}
			cap = cap ? cap * 2 : 65536;
			if (cap > max)
				cap = max;
			s = xrealloc(s, cap + 1);
		}
		got = fread(s + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(s);
		return NULL;
	}
	if (s == NULL)
		s = xmalloc(1);
	s[n] = '\0';
	*len = n;
	return s;
}

/* One raw page from fp, named name in messages; file is the path it was
 * read from, for the record (NULL for the standard input). */
static int
raw_one(FILE *fp, const char *name, const char *file, const char *url,
    int keep)
{
	struct ext_opts o;
	struct ext_result r;
	struct charset_pick pk;
	const char *msg;
	json_t *rec;
	char *page, *u8, note[512];
	size_t len, ul;
	int trunc, bad = 0;

	if ((page = read_page(fp, maxpage, &len, &trunc)) == NULL) {
		warn("%s", name);
		return 1;
	}
	/* the page as UTF-8, the way sec-fetch -p gives it: the charset is
	 * decided once, here, and said when it had to be guessed or when
	 * nothing fits */
	u8 = ext_to_utf8(page, len, &ul, &pk);
	free(page);
	memset(&o, 0, sizeof(o));
	o.url = url;
	extract_page(u8, ul, &o, &r);
	rec = json_object();
	if (url != NULL)
		rec_set_str(rec, "url", url);
	if (file != NULL)
		rec_set_str(rec, "file", file);
	if (fill(rec, &r) > 0)
		bad = 1;
	if (trunc) {
		rec_error(rec, "page larger than %zu bytes: the rest was not "
		    "read (see --max-page)", maxpage);
		bad = 1;
	}
	if ((msg = charset_note(&pk, note, sizeof(note))) != NULL) {
		warnx("%s: %s", url != NULL ? url : name, msg);
		if (pk.lost) {
			rec_error(rec, "%s", msg);
			bad = 1;
		}
	}
	if (keep)
		rec_set_strn(rec, "html", u8, ul);
	free(u8);
	ext_result_free(&r);
	ndjson_write(rec);
	json_decref(rec);
	return bad;
}

static int
raw(int nfiles, char **files, const char *url, int keep)
{
	struct operands op;
	const char *name;
	FILE *fp;
	int bad = 0;

	operands_init(&op, nfiles, files);
	while ((fp = operands_next(&op, &name)) != NULL) {
		bad |= raw_one(fp, name, fp == stdin ? NULL : name, url, keep);
		operands_close(fp);
	}
	return bad || op.nbad > 0;
}

int
main(int argc, char **argv)
{
	size_t maxline = NDJSON_MAXLINE_DEFAULT;
	const char *url = NULL;
	int ch, keep = 0, rawmode = 0, bad;

	cli_init();
	while ((ch = getopt_long(argc, argv, "hkL:rs:Uu:V", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'h':
			cli_usage(0);
		case 'k':
			keep = 1;
			break;
		case 'L':
			maxline = (size_t)xstrtosize(optarg, 1,
			    NDJSON_MAXLINE_MAX, "-L");
			break;
		case 'r':
			rawmode = 1;
			break;
		case 's':
			cli_deprecated("-s", "--max-page");
			/* FALLTHROUGH */
		case OPT_MAXPAGE:
			maxpage = (size_t)xstrtosize(optarg, 1,
			    1024LL * 1024 * 1024, "--max-page");
			break;
		case 'U':
			cli_deprecated("-U", "--unbuffered");
			/* FALLTHROUGH */
		case OPT_UNBUF:
			ndjson_unbuffered = 1;
			break;
		case 'u':
			cli_deprecated("-u URL", "--url");
			/* FALLTHROUGH */
		case OPT_URL:
			url = optarg;
			break;
		case 'V':
			cli_version("libxml2 " LIBXML_DOTTED_VERSION);
		default:
			cli_usage(2);
		}
	argc -= optind;
	argv += optind;
	if (url != NULL && !rawmode) {
		warnx("--url is for raw pages (-r); records carry their url");
		cli_usage(2);
	}
	xmlInitParser();
	if (rawmode)
		bad = raw(argc, argv, url, keep);
	else
		bad = records(argc, argv, maxline, keep);
	xmlCleanupParser();
	finish(bad ? 1 : 0);
}
