/* sec-site: the archive as a static web site: an overview, every
 * article, every day, the events and the indicators, searchable in the
 * browser, from plain files that work from file:// and any static host. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "fsutil.h"
#include "site.h"
#include "util.h"

const char cli_synopsis[] =
    "usage: sec-site [-hV] [-f archive] -o dir [--base-url url]\n"
    "                [--since YYYY-MM-DD] [--title text] [file ...]\n";
const char cli_options[] =
    "  -f, --file archive      the days of a sec-archive database\n"
    "  -h, --help              show this help\n"
    "  -o, --output dir        write the site into dir (made when missing)\n"
    "  -V, --version           show the version\n"
    "      --base-url url      where the site is served: canonical links\n"
    "      --since YYYY-MM-DD  leave out the days before\n"
    "      --title text        the site's name (default: Daily Security"
    " Info)\n";

enum { OPT_BASE = 256, OPT_SINCE, OPT_TITLE };

static const struct option longopts[] = {
	{ "file", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "version", no_argument, NULL, 'V' },
	{ "base-url", required_argument, NULL, OPT_BASE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ NULL, 0, NULL, 0 }
};

struct out {
	const char	*dir;
	size_t		 written, same, failed;
};

/* Replace dir/name with b unless it already holds exactly that: a
 * rebuild rewrites only the pages that changed. */
static void
put(void *arg, const char *name, const struct buf *b)
{
	struct out *o = arg;
	struct buf path = BUF_INIT;
	char *old, *slash;
	size_t len;

	buf_printf(&path, "%s/%s", o->dir, name);
	if ((old = read_file(path.s, 1 << 30, &len)) != NULL) {
		int same = len == b->len && memcmp(old, buf_str(b), len) == 0;

		free(old);
		if (same) {
			o->same++;
			buf_free(&path);
			return;
		}
	}
	slash = strrchr(path.s, '/');
	*slash = '\0';
	if (mkdirs(path.s, 0777) == -1) {
		warn("%s", path.s);
		o->failed++;
		buf_free(&path);
		return;
	}
	*slash = '/';
	if (write_file_atomic(path.s, buf_str(b), b->len) == -1) {
		warn("%s", path.s);
		o->failed++;
	} else
		o->written++;
	buf_free(&path);
}

static void
lines(struct buf *b, const char *const *l)
{
	for (; *l != NULL; l++)
		buf_puts(b, *l);
}

int
main(int argc, char *argv[])
{
	struct site s;
	struct out o;
	struct buf b = BUF_INIT, name = BUF_INIT;
	const char *since = NULL, *archive = NULL;
	long long t;
	size_t i;
	int ch, rc = 0, i2;

	cli_init();
	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	s.title = "Daily Security Info";
	while ((ch = getopt_long(argc, argv, "f:ho:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			archive = optarg;
			break;
		case 'h':
			cli_usage(0);
		case 'o':
			o.dir = optarg;
			break;
		case 'V':
			cli_version(NULL);
		case OPT_BASE:
			if (strncmp(optarg, "https://", 8) != 0 &&
			    strncmp(optarg, "http://", 7) != 0) {
				warnx("--base-url: %s: not an http(s) URL",
				    optarg);
				cli_usage(2);
			}
			s.base_url = optarg;
			break;
		case OPT_SINCE:
			if (date_parse_ymd(optarg, &t) == -1) {
				warnx("--since: %s: not a date (YYYY-MM-DD)",
				    optarg);
				cli_usage(2);
			}
			since = optarg;
			break;
		case OPT_TITLE:
			s.title = optarg;
			break;
		default:
			cli_usage(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.dir == NULL) {
		warnx("-o: the site's directory is required");
		cli_usage(2);
	}
	if (argc == 0 && archive == NULL) {
		warnx("no archive (-f) and no day files (YYYYMMDD.ndjson, as "
		    "sec-daily writes)");
		cli_usage(2);
	}
	if (archive != NULL && site_add_archive(&s, archive) == -1)
		rc = EXIT_INPUT;
	for (i2 = 0; i2 < argc; i2++)
		if (site_add_file(&s, argv[i2]) == -1)
			rc = EXIT_INPUT;
	if (since != NULL) {
		/* drop the days before --since */
		size_t k = 0;

		for (i = 0; i < s.nday; i++) {
			if (strcmp(s.day[i].date, since) < 0) {
				json_decref(s.day[i].recs);
				continue;
			}
			s.day[k++] = s.day[i];
		}
		s.nday = k;
	}
	site_finish(&s);

	page_index(&s, &b);
	put(&o, "index.html", &b);
	for (i = 0; i < 3; i++) {
		static const char *const kind[] = { "news", "events", "iocs" };

		buf_reset(&b);
		page_table(&s, kind[i], &b);
		buf_reset(&name);
		buf_printf(&name, "%s.html", kind[i]);
		put(&o, name.s, &b);
	}
	for (i = 0; i < s.nday; i++) {
		buf_reset(&b);
		page_day(&s, i, &b);
		buf_reset(&name);
		buf_printf(&name, "day/%s.html", s.day[i].ymd);
		put(&o, name.s, &b);
	}
	site_data(&s, put, &o);
	buf_reset(&b);
	lines(&b, site_js_lines);
	put(&o, "assets/site.js", &b);
	buf_reset(&b);
	lines(&b, site_css_lines);
	put(&o, "assets/site.css", &b);

	fprintf(stderr, "sec-site: %zu days, %zu articles, %zu indicators; "
	    "%zu files written, %zu unchanged\n", s.nday, s.nart, s.nioc,
	    o.written, o.same);
	if (o.failed > 0)
		rc = EXIT_WRITE;
	site_free(&s);
	buf_free(&b);
	buf_free(&name);
	finish(rc);
}
