/* sec-archive: every day in one SQLite database: add a day's records,
 * import the published history, and ask it about indicators, words and
 * days. */
#include <err.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "archive.h"
#include "cli.h"
#include "cmds.h"
#include "date.h"
#include "fsutil.h"
#include "ioc.h"
#include "util.h"

const char cli_synopsis[] =
    "usage: sec-archive [-hjtVv] [-f file] [-w seconds] command"
    " [argument ...]\n"
    "       sec-archive add [-d YYYY-MM-DD] file ...\n"
    "       sec-archive import dir ...\n"
    "       sec-archive parse-report file ...\n"
    "       sec-archive ioc value ...\n"
    "       sec-archive search text\n"
    "       sec-archive days\n"
    "       sec-archive export [-F format] [-o path] [-s YYYY-MM-DD]"
    " [-u YYYY-MM-DD]\n"
    "                          [--tlp level]\n"
    "       sec-archive seen -d YYYY-MM-DD [file ...]\n"
    "       sec-archive week [-o dir] [--shared-hosts file]"
    " [--taxonomy dir] YYYY-Www\n"
    "       sec-archive check\n";
const char cli_options[] =
    "  -f, --file file         the database (default:\n"
    "                          $XDG_DATA_HOME/sec-tools/archive.db)\n"
    "  -h, --help              show this help\n"
    "  -j, --json              JSON lines, also on a terminal\n"
    "  -t, --table             a table, also into a pipe\n"
    "  -V, --version           show the version\n"
    "  -v, --verbose           add, import: one line per input file\n"
    "  -w, --wait seconds      wait for another writer (default 60)\n"
    "commands:\n"
    "  add file ...            a day's records (YYYYMMDD.ndjson)\n"
    "  -d, --date YYYY-MM-DD   add: the day of the file\n"
    "  import dir ...          the history: news/*.md, iocs/, events/,\n"
    "                          event_tags/, taxonomy/\n"
    "  parse-report file ...   a Markdown report as records on stdout\n"
    "  ioc value ...           every sighting of an indicator\n"
    "  search text             articles by the words of their titles,\n"
    "                          summaries and IOC contexts\n"
    "  days                    the days stored\n"
    "  export                  the days as CSV, STIX or a MISP feed:\n"
    "  -F, --format FORMAT     ioc-csv (default), events-csv,\n"
    "                          event-tags-csv, stix or misp-feed\n"
    "  -o, --output path       stix: the bundle's file; misp-feed: the\n"
    "                          feed's directory (required)\n"
    "      --tlp level         stix, misp-feed: the TLP marking (clear,\n"
    "                          white, green, amber, red)\n"
    "  -s, --since YYYY-MM-DD  the first day\n"
    "  -u, --until YYYY-MM-DD  the last day\n"
    "  seen                    a day's records, each indicator the\n"
    "                          archive holds from an earlier day marked\n"
    "  -d, --date YYYY-MM-DD   seen: the records' day (required)\n"
    "  week YYYY-Www           the weekly review of the week (Sunday to\n"
    "                          Saturday, ending ISO week ww)\n"
    "  -o, --output dir        week: the review and its three IOC CSVs\n"
    "                          into dir (default: the review on stdout)\n"
    "      --shared-hosts file week: the shared-service hosts (one a line\n"
    "                          or the analyst's JSON)\n"
    "      --taxonomy dir      week: the labels' taxonomy\n"
    "  check                   the database's integrity and the schema's\n"
    "                          rules\n";

static const struct option longopts[] = {
	{ "file", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, 'j' },
	{ "table", no_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "wait", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

static const struct option addopts[] = {
	{ "date", required_argument, NULL, 'd' },
	{ NULL, 0, NULL, 0 }
};

enum { OPT_TLP = 256, OPT_SHARED, OPT_TAXONOMY };

static const struct option exportopts[] = {
	{ "format", required_argument, NULL, 'F' },
	{ "output", required_argument, NULL, 'o' },
	{ "since", required_argument, NULL, 's' },
	{ "until", required_argument, NULL, 'u' },
	{ "tlp", required_argument, NULL, OPT_TLP },
	{ NULL, 0, NULL, 0 }
};

static const struct option weekopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "shared-hosts", required_argument, NULL, OPT_SHARED },
	{ "taxonomy", required_argument, NULL, OPT_TAXONOMY },
	{ NULL, 0, NULL, 0 }
};

static const char *
ymd(const char *opt, const char *s)
{
	long long t;

	if (date_parse_ymd(s, &t) == -1 || strlen(s) != 10) {
		warnx("%s: %s: not a date (YYYY-MM-DD)", opt, s);
		cli_usage(EXIT_USAGE);
	}
	return s;
}

static void
done(struct arc *a, int rc)
{
	arc_close(a);
	ioc_cleanup();
	sqlite3_shutdown();
	finish(rc);
}

int
main(int argc, char *argv[])
{
	struct cmdopts o;
	struct arc a;
	const char *cmd, *day = NULL, *format = "ioc-csv", *since = NULL,
	    *until = NULL, *output = NULL, *tlp = NULL, *shared = NULL,
	    *taxdir = NULL;
	char *dflt = NULL;
	long long n;
	int ch, rc, create;

	cli_init();
	memset(&o, 0, sizeof(o));
	memset(&a, 0, sizeof(a));
	o.timeout_ms = 60000;
	/* a file size limit (ulimit -f) is a full disk: the write fails
	 * and the transaction is rolled back, the process lives on */
	signal(SIGXFSZ, SIG_IGN);
	while ((ch = getopt_long(argc, argv, "+f:hjtVvw:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			o.dbpath = optarg;
			break;
		case 'h':
			cli_usage(0);
		case 'j':
			o.out = OUT_JSON;
			break;
		case 't':
			o.out = OUT_TABLE;
			break;
		case 'V':
			cli_version("SQLite " SQLITE_VERSION);
		case 'v':
			o.verbose = 1;
			break;
		case 'w':
			n = xstrtonum(optarg, 0, 86400, "-w");
			o.timeout_ms = (int)(n * 1000);
			break;
		default:
			cli_usage(EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		cli_usage(EXIT_USAGE);
	cmd = argv[0];
	optind = 1;
	if (strcmp(cmd, "add") == 0 || strcmp(cmd, "seen") == 0) {
		while ((ch = getopt_long(argc, argv, "+d:", addopts,
		    NULL)) != -1) {
			if (ch != 'd')
				cli_usage(EXIT_USAGE);
			day = ymd("-d", optarg);
		}
	} else if (strcmp(cmd, "export") == 0) {
		while ((ch = getopt_long(argc, argv, "+F:o:s:u:", exportopts,
		    NULL)) != -1) {
			if (ch == 'F')
				format = optarg;
			else if (ch == 'o')
				output = optarg;
			else if (ch == 's')
				since = ymd("-s", optarg);
			else if (ch == 'u')
				until = ymd("-u", optarg);
			else if (ch == OPT_TLP)
				tlp = optarg;
			else
				cli_usage(EXIT_USAGE);
		}
		if (strcmp(format, "ioc-csv") != 0 &&
		    strcmp(format, "events-csv") != 0 &&
		    strcmp(format, "event-tags-csv") != 0 &&
		    strcmp(format, "stix") != 0 &&
		    strcmp(format, "misp-feed") != 0) {
			warnx("-F: %s: unknown format", format);
			cli_usage(EXIT_USAGE);
		}
		if ((output != NULL || tlp != NULL) &&
		    strcmp(format, "stix") != 0 &&
		    strcmp(format, "misp-feed") != 0) {
			warnx("-o and --tlp are for stix and misp-feed");
			cli_usage(EXIT_USAGE);
		}
		if (strcmp(format, "misp-feed") == 0 && output == NULL) {
			warnx("misp-feed: -o names the feed's directory");
			cli_usage(EXIT_USAGE);
		}
	} else if (strcmp(cmd, "week") == 0) {
		while ((ch = getopt_long(argc, argv, "+o:", weekopts,
		    NULL)) != -1) {
			if (ch == 'o')
				output = optarg;
			else if (ch == OPT_SHARED)
				shared = optarg;
			else if (ch == OPT_TAXONOMY)
				taxdir = optarg;
			else
				cli_usage(EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;

	if (strcmp(cmd, "parse-report") == 0) {
		if (argc < 1)
			cli_usage(EXIT_USAGE);
		rc = cmd_parse_report(argc, argv);
		ioc_cleanup();
		finish(rc);
	}
	create = strcmp(cmd, "add") == 0 || strcmp(cmd, "import") == 0;
	if ((create && argc < 1) || (strcmp(cmd, "ioc") == 0 && argc < 1) ||
	    (strcmp(cmd, "search") == 0 && argc != 1) ||
	    ((strcmp(cmd, "days") == 0 || strcmp(cmd, "check") == 0 ||
	    strcmp(cmd, "export") == 0) && argc != 0) ||
	    (strcmp(cmd, "week") == 0 && argc != 1) ||
	    (strcmp(cmd, "seen") == 0 && day == NULL))
		cli_usage(EXIT_USAGE);
	if (strcmp(cmd, "add") == 0 && day != NULL && argc > 1) {
		warnx("-d names the day of one file");
		cli_usage(EXIT_USAGE);
	}
	if (!create && strcmp(cmd, "ioc") != 0 && strcmp(cmd, "search") &&
	    strcmp(cmd, "days") != 0 && strcmp(cmd, "export") != 0 &&
	    strcmp(cmd, "week") != 0 && strcmp(cmd, "seen") != 0 &&
	    strcmp(cmd, "check") != 0) {
		warnx("%s: unknown command", cmd);
		cli_usage(EXIT_USAGE);
	}
	if (o.dbpath == NULL) {
		if ((dflt = xdg_path(XDG_DATA, "sec-tools/archive.db")) ==
		    NULL)
			errx(EXIT_USAGE, "no database: set XDG_DATA_HOME or "
			    "HOME, or give -f");
		o.dbpath = dflt;
	}
	if (arc_open(&a, o.dbpath, create, o.timeout_ms) == -1) {
		rc = a.failed ? EXIT_WRITE : EXIT_INPUT;
		free(dflt);
		done(&a, rc);
	}
	if (strcmp(cmd, "add") == 0)
		rc = cmd_add(&a, &o, day, argc, argv);
	else if (strcmp(cmd, "import") == 0)
		rc = cmd_import(&a, &o, argc, argv);
	else if (strcmp(cmd, "ioc") == 0)
		rc = cmd_ioc(&a, &o, argc, argv);
	else if (strcmp(cmd, "search") == 0)
		rc = cmd_search(&a, &o, argv[0]);
	else if (strcmp(cmd, "days") == 0)
		rc = cmd_days(&a, &o);
	else if (strcmp(cmd, "export") == 0 && (strcmp(format, "stix") == 0 ||
	    strcmp(format, "misp-feed") == 0))
		rc = cmd_export_cti(&a, format, since, until, output, tlp);
	else if (strcmp(cmd, "export") == 0)
		rc = cmd_export(&a, format, since, until);
	else if (strcmp(cmd, "seen") == 0)
		rc = cmd_seen(&a, day, argc, argv);
	else if (strcmp(cmd, "week") == 0)
		rc = cmd_week(&a, argv[0], output, shared, taxdir);
	else {
		n = arc_check(&a);
		rc = n == 0 ? 0 : EXIT_INPUT;
		if (n > 0)
			warnx("%s: %lld problem%s", o.dbpath, n,
			    n == 1 ? "" : "s");
	}
	free(dflt);
	done(&a, rc);
}
