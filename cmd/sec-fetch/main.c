/* sec-fetch: feeds to records, and records to their article pages.
 *
 * Feed mode (feeds.c, items.c, seen.c): every feed of the config (or
 * the URL operands) is fetched concurrently and each item becomes one
 * record (sec-record(5)); the records come out feed by feed in the order
 * of the list.  Page mode (-p, pages.c): records are read, the page at
 * each record's url is fetched, and the record comes out, in input
 * order, with "html" and "http" added.  Sources mode (--sources,
 * sources.c): records with a digest get the primary sources it cites
 * and the IOC pages those link to as "sources".  This file: the options
 * and the flow. */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "cli.h"
#include "ndjson.h"
#include "run.h"

const char cli_synopsis[] =
"usage: sec-fetch [-huV] [-c config] [-j jobs] [-L bytes] [-T seconds] "
"[-x proxy]\n"
"                 [--allow-file] [--allow-private] [--cache dir] "
"[--seen file]\n"
"                 [--since when] [--until when] [url | file ...]\n"
"       sec-fetch -p [-huV] [-j jobs] [-L bytes] [-T seconds] [-x proxy]\n"
"                 [--allow-file] [--allow-private] [--cache dir] "
"[file ...]\n"
"       sec-fetch --sources [-huV] [-j jobs] [-L bytes] [-T seconds] "
"[-x proxy]\n"
"                 [--allow-file] [--allow-private] [--cache dir]\n"
"                 [--max-sources n] [--max-sources-total n] "
"[file ...]\n";

const char cli_options[] =
"  -c, --config file      feed list: config file or OPML\n"
"  -h, --help             show this help\n"
"  -j, --jobs n           transfers at once (default 8)\n"
"  -L, --max-line bytes   longest record read or written "
"(default 64M)\n"
"  -p, --pages            page mode: add each record's page as html\n"
"  -T, --timeout seconds  time for one transfer (default 30)\n"
"  -u, --unbuffered       flush after every record\n"
"  -V, --version          print the version\n"
"  -x, --proxy url        proxy (default: the *_proxy variables)\n"
"      --allow-file       allow file:// URLs\n"
"      --allow-private    allow loopback and private addresses\n"
"      --cache dir        conditional-request cache "
"(default $XDG_CACHE_HOME/sec-tools/fetch)\n"
"      --connect-timeout seconds  time to connect (default 10)\n"
"      --max-redirs n     redirects followed (default 5)\n"
"      --max-size bytes   largest body (default 16M)\n"
"      --max-sources n    pages fetched per article in --sources "
"(default 4)\n"
"      --max-sources-total n  pages fetched in all in --sources "
"(default 40)\n"
"      --max-wait seconds longest Retry-After or backoff (default 120)\n"
"      --no-cache         no cache, no conditional requests\n"
"      --per-host n       transfers at once to one host (default 2)\n"
"      --retries n        retries after a failed try (default 2)\n"
"      --retry-delay ms   first backoff step (default 1000)\n"
"      --seen file        skip items emitted before; record new ones\n"
"      --since when       only items since 24h, 7d, 90m, 2w or a date\n"
"      --skip-sections list  sections whose pages are not fetched "
"(default jp_incidents)\n"
"      --sources          sources mode: add the primary sources and "
"IOC pages\n"
"      --until when       only items before 24h, 7d, 90m, 2w or a date\n"
"      --user-agent string  User-Agent header\n";

enum {
	O_ALLOW_FILE = 256, O_ALLOW_PRIVATE, O_CACHE, O_CONNECT_TIMEOUT,
	O_MAX_REDIRS, O_MAX_SIZE, O_MAX_SOURCES, O_MAX_SOURCES_TOTAL,
	O_MAX_WAIT, O_NO_CACHE, O_PER_HOST, O_RETRIES, O_RETRY_DELAY, O_SEEN,
	O_SINCE, O_SKIP, O_SOURCES, O_UA, O_UNTIL
};

static const struct option longopts[] = {
	{ "allow-file", no_argument, NULL, O_ALLOW_FILE },
	{ "allow-private", no_argument, NULL, O_ALLOW_PRIVATE },
	{ "cache", required_argument, NULL, O_CACHE },
	{ "config", required_argument, NULL, 'c' },
	{ "connect-timeout", required_argument, NULL, O_CONNECT_TIMEOUT },
	{ "help", no_argument, NULL, 'h' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "max-line", required_argument, NULL, 'L' },
	{ "max-redirs", required_argument, NULL, O_MAX_REDIRS },
	{ "max-size", required_argument, NULL, O_MAX_SIZE },
	{ "max-sources", required_argument, NULL, O_MAX_SOURCES },
	{ "max-sources-total", required_argument, NULL, O_MAX_SOURCES_TOTAL },
	{ "max-wait", required_argument, NULL, O_MAX_WAIT },
	{ "no-cache", no_argument, NULL, O_NO_CACHE },
	{ "pages", no_argument, NULL, 'p' },
	{ "per-host", required_argument, NULL, O_PER_HOST },
	{ "proxy", required_argument, NULL, 'x' },
	{ "retries", required_argument, NULL, O_RETRIES },
	{ "retry-delay", required_argument, NULL, O_RETRY_DELAY },
	{ "seen", required_argument, NULL, O_SEEN },
	{ "since", required_argument, NULL, O_SINCE },
	{ "skip-sections", required_argument, NULL, O_SKIP },
	{ "sources", no_argument, NULL, O_SOURCES },
	{ "timeout", required_argument, NULL, 'T' },
	{ "unbuffered", no_argument, NULL, 'u' },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "user-agent", required_argument, NULL, O_UA },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The time --since or --until (opt) names: a duration before now or a
 * date. */
static long long
parse_when(const char *s, const char *opt)
{
	long long n, unit = 0, t;
	size_t l = strlen(s);
	char *num;

	if (l >= 2 && ASCII_ISDIGIT(s[0])) {
		switch (s[l - 1]) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		}
	}
	if (unit != 0) {
		num = xstrndup(s, l - 1);
		if (strtonum_ok(num, 0, 100LL * 365 * 86400 / unit, &n) == 0) {
			free(num);
			return (long long)time(NULL) - n * unit;
		}
		free(num);
	}
	if (date_parse(s, &t) == 0)
		return t;
	warnx("%s: %s: expected 24h, 7d, 90m, 2w or a date", opt, s);
	cli_usage(2);
}

static double
xstrtosec(const char *s, const char *what)
{
	return (double)xstrtonum(s, 1, 86400, what);
}

int
main(int argc, char **argv)
{
	struct fetch_ctx ctx = {
		.hopt = {
			.jobs = 8,
			.perhost = 2,
			.connect_ms = 10000,
			.timeout_ms = 30000,
			.retries = 2,
			.retry_ms = 1000,
			.max_wait_s = 120,
			.maxsize = 16LL * 1024 * 1024,
			.max_redirs = 5,
		},
		.maxline = NDJSON_MAXLINE_DEFAULT,
		.since = DATE_NONE,
		.until = DATE_NONE,
		.skip_sections = "jp_incidents",
		.max_sources = 4,
		.max_sources_total = 40,
	};
	struct feedlist fl = { NULL, 0, 0 };
	const char *config = NULL, *cachedir = NULL;
	char *defcache = NULL;
	struct buf uab = BUF_INIT;
	int ch, pages = 0, sources = 0, limits = 0, nocache = 0;
	curl_version_info_data *cv;

	cli_init();
	while ((ch = getopt_long(argc, argv, "c:hj:L:pT:t:uVx:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			config = optarg;
			break;
		case 'h':
			cli_usage(0);
		case 'j':
			ctx.hopt.jobs = (int)xstrtonum(optarg, 1, 1000, "-j");
			break;
		case 'L':
			ctx.maxline = (size_t)xstrtosize(optarg, 1,
			    NDJSON_MAXLINE_MAX, "-L");
			break;
		case 'p':
			pages = 1;
			break;
		case 't':
			cli_deprecated("-t", "-T");
			/* FALLTHROUGH */
		case 'T':
			ctx.hopt.timeout_ms = (long)(xstrtosec(optarg, "-T") *
			    1000);
			break;
		case 'u':
			ndjson_unbuffered = 1;
			break;
		case 'V': {
			struct buf v = BUF_INIT;

			buf_printf(&v, "%s", curl_version());
			cli_version(v.s);
		}
		case 'x':
			ctx.hopt.proxy = optarg;
			break;
		case O_ALLOW_FILE:
			ctx.hopt.allow_file = 1;
			break;
		case O_ALLOW_PRIVATE:
			ctx.hopt.allow_private = 1;
			break;
		case O_CACHE:
			cachedir = optarg;
			break;
		case O_CONNECT_TIMEOUT:
			ctx.hopt.connect_ms = (long)(xstrtosec(optarg,
			    "--connect-timeout") * 1000);
			break;
		case O_MAX_REDIRS:
			ctx.hopt.max_redirs = (int)xstrtonum(optarg, 0, 50,
			    "--max-redirs");
			break;
		case O_MAX_SIZE:
			ctx.hopt.maxsize = xstrtosize(optarg, 1, 1LL << 40,
			    "--max-size");
			break;
		case O_MAX_SOURCES:
			ctx.max_sources = (int)xstrtonum(optarg, 0, 100,
			    "--max-sources");
			limits = 1;
			break;
		case O_MAX_SOURCES_TOTAL:
			ctx.max_sources_total = (int)xstrtonum(optarg, 0,
			    100000, "--max-sources-total");
			limits = 1;
			break;
		case O_MAX_WAIT:
			ctx.hopt.max_wait_s = (long)xstrtonum(optarg, 0, 86400,
			    "--max-wait");
			break;
		case O_NO_CACHE:
			nocache = 1;
			break;
		case O_PER_HOST:
			ctx.hopt.perhost = (int)xstrtonum(optarg, 1, 100,
			    "--per-host");
			break;
		case O_RETRIES:
			ctx.hopt.retries = (int)xstrtonum(optarg, 0, 20,
			    "--retries");
			break;
		case O_RETRY_DELAY:
			ctx.hopt.retry_ms = (long)xstrtonum(optarg, 0, 600000,
			    "--retry-delay");
			break;
		case O_SEEN:
			ctx.seenfile = optarg;
			break;
		case O_SINCE:
			ctx.since = parse_when(optarg, "--since");
			break;
		case O_SKIP:
			ctx.skip_sections = optarg;
			break;
		case O_SOURCES:
			sources = 1;
			break;
		case O_UA:
			ctx.hopt.useragent = optarg;
			break;
		case O_UNTIL:
			ctx.until = parse_when(optarg, "--until");
			break;
		default:
			cli_usage(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (pages && sources) {
		warnx("-p and --sources exclude each other");
		cli_usage(2);
	}
	if (limits && !sources) {
		warnx("--max-sources and --max-sources-total are for "
		    "--sources");
		cli_usage(2);
	}
	if ((pages || sources) && (config != NULL || ctx.seenfile != NULL ||
	    ctx.since != DATE_NONE || ctx.until != DATE_NONE)) {
		warnx("-c, --seen, --since and --until are for feed mode");
		cli_usage(2);
	}
	if (!pages && !sources) {
		feeds_list(&fl, config, argc, argv);
		if (fl.n == 0) {
			warnx("no feeds: give URLs or -c config");
			cli_usage(2);
		}
	}

	if (!nocache) {
		if (cachedir == NULL)
			cachedir = defcache = cache_default_dir();
		ctx.hopt.cachedir = cachedir;
	}
	if (ctx.hopt.useragent == NULL) {
		cv = curl_version_info(CURLVERSION_NOW);
		buf_printf(&uab, "sec-fetch/%s libcurl/%s", VERSION,
		    cv->version);
		ctx.hopt.useragent = uab.s;
	}
	feed_global_init();
	http_init(&ctx.hopt);
	if (ctx.seenfile != NULL)
		seen_load(&ctx);
	if (pages)
		run_pages(&ctx, argc, argv);
	else if (sources)
		run_sources(&ctx, argc, argv);
	else
		run_feeds(&ctx, &fl);
	check_stdout();
	if (ctx.seenfile != NULL)
		seen_save(&ctx);
	http_cleanup();
	conf_free(&fl);
	seen_free(&ctx);
	items_free(&ctx);
	if (ctx.itembad > 0)
		ctx.nfailed++;
	buf_free(&uab);
	free(defcache);
	feed_global_cleanup();
	finish(ctx.nfailed > 0 ? 1 : 0);
}
