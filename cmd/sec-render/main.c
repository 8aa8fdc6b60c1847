/* sec-render: write the day's records as the Japanese daily report
 * (Markdown), as one JSON document, or as the IOC CSV. */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "buf.h"
#include "check.h"
#include "cli.h"
#include "date.h"
#include "ioc.h"
#include "misp.h"
#include "ndjson.h"
#include "render.h"
#include "stix.h"
#include "taxonomy.h"
#include "text.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

#define TEXTFILE_MAX	(1024 * 1024)	/* --preamble, --notes */

const char cli_synopsis[] =
    "usage: sec-render [-EhV] [-d YYYY-MM-DD] [-f format] [-L bytes]"
    " [-o file]\n"
    "                  [--author text] [--confidence policy]"
    " [--notes file]\n"
    "                  [--preamble file] [--source-file path]"
    " [--taxonomy dir]\n"
    "                  [--tlp level] [file ...]\n"
    "       sec-render --check [--events file] [--taxonomy dir]"
    " [file ...]\n";
const char cli_options[] =
    "  -E, --allow-empty       write the report even when no record came\n"
    "  -d, --date YYYY-MM-DD   the day in the CSV and JSON (default: today\n"
    "                          in $TZ, Japan time when TZ is not set)\n"
    "  -f, --format FORMAT     markdown (default), json, ioc-csv,\n"
    "                          events-csv, event-tags-csv, ioc-log, stix\n"
    "                          or misp-feed (-o names its directory)\n"
    "  -h, --help              show this help\n"
    "  -L, --max-line bytes    longest input record (default 64M)\n"
    "  -o, --output file       write to file atomically instead of stdout\n"
    "  -V, --version           show the version\n"
    "      --author text       the IOC CSV's author (default: by engine)\n"
    "      --confidence policy\n"
    "                          the IOC CSV's confidence: auto (default),\n"
    "                          card, or fixed:high|medium|low\n"
    "      --notes file        Markdown for the その他のメモ section\n"
    "      --preamble file     a paragraph under the title\n"
    "      --source-file path  the events' source_file (default:\n"
    "                          YYYYMMDD.md of the date)\n"
    "      --taxonomy dir      the taxonomy to tag on (and with --check,\n"
    "                          to check against) instead of the shipped one\n"
    "      --check             check IOC, events and event-tags CSVs\n"
    "                          against the analyst's rules instead\n"
    "      --tlp level         stix, misp-feed: the TLP marking (clear,\n"
    "                          white, green, amber, red)\n"
    "      --events file       with --check: the events file of the\n"
    "                          event-tags files\n";

enum format { F_MARKDOWN, F_JSON, F_CSV, F_EVENTS, F_TAGS, F_LOG, F_STIX,
	F_MISP };
enum { OPT_NOTES = 256, OPT_PREAMBLE, OPT_AUTHOR, OPT_CONFIDENCE,
	OPT_SOURCE_FILE, OPT_TAXONOMY, OPT_TLP };

static const struct option longopts[] = {
	{ "allow-empty", no_argument, NULL, 'E' },
	{ "date", required_argument, NULL, 'd' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "max-line", required_argument, NULL, 'L' },
	{ "output", required_argument, NULL, 'o' },
	{ "version", no_argument, NULL, 'V' },
	{ "notes", required_argument, NULL, OPT_NOTES },
	{ "preamble", required_argument, NULL, OPT_PREAMBLE },
	{ "author", required_argument, NULL, OPT_AUTHOR },
	{ "confidence", required_argument, NULL, OPT_CONFIDENCE },
	{ "source-file", required_argument, NULL, OPT_SOURCE_FILE },
	{ "taxonomy", required_argument, NULL, OPT_TAXONOMY },
	{ "tlp", required_argument, NULL, OPT_TLP },
	{ NULL, 0, NULL, 0 }
};

static size_t ntextbad;	/* --notes and --preamble files repaired */

/* Read a hand-written text file for the report: invalid UTF-8 repaired,
 * CR LF made LF, leading blank lines and trailing white space removed,
 * the userinfo of its URLs dropped.
 * Returns a new string; exits 1 when the file cannot be read. */
static char *
textfile(const char *path)
{
	struct buf b = BUF_INIT, t = BUF_INIT;
	char *data;
	size_t len, i, start;

	if ((data = read_file(path, TEXTFILE_MAX, &len)) == NULL) {
		if (errno == EFBIG)
			errx(1, "%s: larger than %d bytes", path,
			    TEXTFILE_MAX);
		err(1, "%s", path);
	}
	if (utf8_repair(&b, data, len) > 0) {
		warnx("%s: invalid UTF-8 replaced by U+FFFD", path);
		ntextbad++;
	}
	free(data);
	/* CR LF and a lone CR end a line as LF does */
	for (i = 0; i < b.len; i++) {
		if (b.s[i] != '\r')
			buf_putc(&t, b.s[i]);
		else if (i + 1 == b.len || b.s[i + 1] != '\n')
			buf_putc(&t, '\n');
	}
	buf_free(&b);
	buf_rtrim(&t);
	/* leading blank lines */
	for (start = 0, i = 0; i < t.len && ASCII_ISSPACE(t.s[i]); i++)
		if (t.s[i] == '\n')
			start = i + 1;
	buf_puts(&b, buf_str(&t) + start);
	buf_free(&t);
	/* no URL of the report keeps a user:pass@, the author's included */
	if (b.s != NULL)
		b.len = url_strip_userinfo(b.s);
	return b.s ? buf_detach(&b) : xstrdup("");
}

/* Write the JSON document of day to outfile atomically, streamed into a
 * temporary file beside it, so that it takes no memory however large it
 * is.  Returns 0, or -1 after a warning (outfile is left as it was). */
static int
json_file(const struct day *day, const struct render_opts *o,
    const char *outfile)
{
	struct afile af;
	FILE *fp;

	if ((fp = afile_open(&af, outfile)) == NULL) {
		warn("%s", outfile);
		return -1;
	}
	if (day_json_write(day, o, fp) == -1) {
		warn("%s", outfile);
		afile_abort(&af);
		return -1;
	}
	if (afile_commit(&af) == -1) {
		warn("%s", outfile);
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct render_opts o;
	struct ndjson_in in;
	struct day *day;
	struct buf out = BUF_INIT;
	enum format fmt = F_MARKDOWN;
	const char *outfile = NULL, *why, *tlp = NULL;
	char today[16], *preamble = NULL, *notes = NULL;
	long long dayt;
	const char *preamble_file = NULL, *notes_file = NULL, *taxdir = NULL;
	struct taxonomy *tax = NULL;
	struct buf taxerr = BUF_INIT;
	struct strv gaps = { NULL, 0 };
	size_t i;
	size_t maxline = NDJSON_MAXLINE_DEFAULT, nbad = 0, nrec, nunread;
	struct stat st;
	json_t *rec, *all = json_array();	/* stix, misp-feed */
	int ch, rc = 0, allow_empty = 0;

	cli_init();
	if (check_wanted(argc, argv))
		finish(check_main(argc, argv));
	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "Ed:f:hL:o:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'E':
			allow_empty = 1;
			break;
		case 'd':
			if (date_parse_ymd(optarg, &dayt) == -1) {
				warnx("-d: %s: not a date (YYYY-MM-DD)",
				    optarg);
				cli_usage(2);
			}
			o.date = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "markdown") == 0 ||
			    strcmp(optarg, "md") == 0)
				fmt = F_MARKDOWN;
			else if (strcmp(optarg, "json") == 0)
				fmt = F_JSON;
			else if (strcmp(optarg, "ioc-csv") == 0 ||
			    strcmp(optarg, "csv") == 0)
				fmt = F_CSV;
			else if (strcmp(optarg, "events-csv") == 0)
				fmt = F_EVENTS;
			else if (strcmp(optarg, "event-tags-csv") == 0)
				fmt = F_TAGS;
			else if (strcmp(optarg, "ioc-log") == 0)
				fmt = F_LOG;
			else if (strcmp(optarg, "stix") == 0)
				fmt = F_STIX;
			else if (strcmp(optarg, "misp-feed") == 0)
				fmt = F_MISP;
			else {
				warnx("-f: %s: unknown format", optarg);
				cli_usage(2);
			}
			break;
		case 'h':
			cli_usage(0);
		case 'L':
			maxline = (size_t)xstrtosize(optarg, 1,
			    NDJSON_MAXLINE_MAX, "-L");
			break;
		case 'o':
			outfile = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'V':
			cli_version(NULL);
		case OPT_NOTES:
			notes_file = optarg;
			break;
		case OPT_PREAMBLE:
			preamble_file = optarg;
			break;
		case OPT_AUTHOR:
			if (txt_blank(optarg) || strpbrk(optarg, "\r\n") !=
			    NULL) {
				warnx("--author: must be one non-blank line");
				cli_usage(2);
			}
			o.author = optarg;
			break;
		case OPT_CONFIDENCE:
			if (strcmp(optarg, "auto") == 0 ||
			    strcmp(optarg, "card") == 0)
				o.confidence = optarg;
			else if (strcmp(optarg, "fixed:high") == 0 ||
			    strcmp(optarg, "fixed:medium") == 0 ||
			    strcmp(optarg, "fixed:low") == 0)
				o.confidence = optarg + strlen("fixed:");
			else {
				warnx("--confidence: %s: not auto, card or "
				    "fixed:high|medium|low", optarg);
				cli_usage(2);
			}
			break;
		case OPT_SOURCE_FILE:
			if (*optarg == '\0') {
				warnx("--source-file: empty");
				cli_usage(2);
			}
			o.source_file = optarg;
			break;
		case OPT_TLP:
			if (!stix_tlp_ok(optarg)) {
				warnx("--tlp: %s: not clear, white, green, "
				    "amber or red", optarg);
				cli_usage(2);
			}
			tlp = optarg;
			break;
		case OPT_TAXONOMY:
			taxdir = optarg;
			break;
		default:
			cli_usage(2);
		}
	}
	argc -= optind;
	argv += optind;

	if (o.date == NULL) {
		if (render_today((long long)time(NULL), today,
		    sizeof(today)) == -1)
			errx(1, "cannot tell today's date");
		o.date = today;
	}
	if (taxdir != NULL) {
		if ((tax = taxonomy_load(taxdir, &taxerr)) == NULL) {
			warnx("--taxonomy: %s", buf_str(&taxerr));
			exit(EXIT_USAGE);
		}
		o.tax = tax;
	}
	if (preamble_file != NULL)
		o.preamble = preamble = textfile(preamble_file);
	if (notes_file != NULL)
		o.notes = notes = textfile(notes_file);

	if (fmt == F_MISP && outfile == NULL) {
		warnx("-f misp-feed: -o names the feed's directory");
		cli_usage(2);
	}
	day = day_new();
	if (fmt == F_JSON)
		day_spool(day);
	ndjson_in_init(&in, argc, argv, maxline);
	while ((rec = ndjson_in_next(&in)) != NULL) {
		if (day_add(day, rec, &why) == -1) {
			warnx("%s:%zu: %s", in.fname, in.lineno, why);
			nbad++;
		}
		if (fmt == F_STIX || fmt == F_MISP)
			json_array_append(all, rec);
		json_decref(rec);
	}
	nbad += in.nbad + ntextbad;
	nrec = in.nrec;
	nunread = in.nunread;
	ndjson_in_free(&in);

	if (nbad > 0)
		rc = 1;
	if (outfile != NULL && nunread > 0) {
		/* -o replaces a file: never with a report missing an input
		 * (not opened, a directory, or a read that failed) */
		warnx("%s: not written: an input cannot be read", outfile);
		rc = EXIT_INPUT;
	} else if (outfile != NULL && nrec == 0 && !allow_empty &&
	    lstat(outfile, &st) == 0) {
		/* an empty report must not replace a good one */
		warnx("%s: not written: no records (-E writes it anyway)",
		    outfile);
		rc = EXIT_INPUT;
	} else if (fmt == F_MISP) {
		struct misp_opts mo = { NULL, tlp, o.date };
		struct buf msg = BUF_INIT;
		json_t *ev = misp_event(all, &mo);

		if (misp_feed_write(outfile, ev, &msg) == -1) {
			warnx("%s", buf_str(&msg));
			rc = EXIT_WRITE;
		}
		json_decref(ev);
		buf_free(&msg);
	} else if (fmt == F_JSON) {
		/* streamed, to stdout or through a temporary file */
		if (outfile == NULL) {
			if (day_json_write(day, &o, stdout) == -1)
				err(EXIT_WRITE, "<stdout>");
		} else if (json_file(day, &o, outfile) == -1)
			rc = EXIT_WRITE;
	} else {
		switch (fmt) {
		case F_MARKDOWN:
			day_markdown(day, &o, &out);
			break;
		case F_CSV:
			day_csv(day, &o, &out, NULL);
			break;
		case F_EVENTS:
			day_events(day, &o, &out);
			break;
		case F_TAGS:
			/* a gap is reported, not an error of the run */
			day_tags(day, &o, &out, &gaps);
			for (i = 0; i < gaps.n; i++)
				warnx("taxonomy gap: %s", gaps.v[i]);
			break;
		case F_STIX: {
			struct stix_opts so = { NULL, tlp, o.date };
			json_t *b = stix_bundle(all, &so);
			char *t = json_dumps(b, JSON_INDENT(1) |
			    JSON_ENSURE_ASCII);

			buf_puts(&out, t != NULL ? t : "{}");
			buf_putc(&out, '\n');
			free(t);
			json_decref(b);
			break;
		}
		default:
			day_log(day, &o, &out);
			break;
		}
		if (outfile != NULL) {
			if (write_file_atomic(outfile, buf_str(&out),
			    out.len) == -1) {
				warn("%s", outfile);
				rc = EXIT_WRITE;
			}
		} else if (out.len > 0 && fwrite(out.s, 1, out.len,
		    stdout) != out.len)
			err(EXIT_WRITE, "<stdout>");
	}
	day_free(day);
	json_decref(all);
	strv_free(&gaps);
	taxonomy_free(tax);
	buf_free(&taxerr);
	ioc_cleanup();
	free(preamble);
	free(notes);
	buf_free(&out);
	finish(rc);
}
