/* sec-fetch: feeds to records, and records to their article pages.
 *
 * Feed mode: every feed of the config (or the URL operands) is fetched
 * concurrently and each item becomes one record (sec-record(5)); the
 * records come out feed by feed in the order of the list.  Page mode
 * (-p): records are read, the page at each record's url is fetched, and
 * the record comes out, in input order, with "html" and "http" added. */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "cli.h"
#include "conf.h"
#include "fetch.h"
#include "http.h"
#include "jsonw.h"
#include "ndjson.h"
#include "record.h"
#include "timeutil.h"
#include "urlsafe.h"
#include "utf8.h"
#include "util.h"

const char cli_synopsis[] =
"usage: sec-fetch [-huV] [-c config] [-j jobs] [-L bytes] [-T seconds] "
"[-x proxy]\n"
"                 [--allow-file] [--allow-private] [--cache dir] "
"[--seen file]\n"
"                 [--since when] [--until when] [url | file ...]\n"
"       sec-fetch -p [-huV] [-j jobs] [-L bytes] [-T seconds] [-x proxy]\n"
"                 [--allow-file] [--allow-private] [--cache dir] "
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
"      --max-wait seconds longest Retry-After or backoff (default 120)\n"
"      --no-cache         no cache, no conditional requests\n"
"      --per-host n       transfers at once to one host (default 2)\n"
"      --retries n        retries after a failed try (default 2)\n"
"      --retry-delay ms   first backoff step (default 1000)\n"
"      --seen file        skip items emitted before; record new ones\n"
"      --since when       only items since 24h, 7d, 90m, 2w or a date\n"
"      --skip-sections list  sections whose pages are not fetched "
"(default jp_incidents)\n"
"      --until when       only items before 24h, 7d, 90m, 2w or a date\n"
"      --user-agent string  User-Agent header\n";

enum {
	O_ALLOW_FILE = 256, O_ALLOW_PRIVATE, O_CACHE, O_CONNECT_TIMEOUT,
	O_MAX_REDIRS, O_MAX_SIZE, O_MAX_WAIT, O_NO_CACHE, O_PER_HOST,
	O_RETRIES, O_RETRY_DELAY, O_SEEN, O_SINCE, O_SKIP, O_UA, O_UNTIL
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
	{ "timeout", required_argument, NULL, 'T' },
	{ "unbuffered", no_argument, NULL, 'u' },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "user-agent", required_argument, NULL, O_UA },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* ---- state ---- */

static struct http_opts hopt = {
	8, 2, 10000, 30000, 2, 1000, 120, 16LL * 1024 * 1024, 5, 0, 0,
	NULL, NULL, NULL
};
static size_t maxline = NDJSON_MAXLINE_DEFAULT;
static long long since = DATE_NONE;	/* items in [since, until) */
static long long until = DATE_NONE;
static const char *seenfile;
static char *skip_sections = "jp_incidents";
static struct idset ids;		/* emitted by earlier feeds or runs */
static uint64_t *pend;			/* ids of the feed being read */
static size_t npend, pendcap;
static uint64_t *newids;		/* ids to add to the seen file */
static size_t nnew, newcap;
static struct idset touched;		/* its ids met again in this run */
static int seendups;			/* the seen file repeats an id */
/* a seen-file entry not met for this long is dropped */
#define SEEN_KEEP	(90LL * 86400)
static int nfailed;

struct feedrun {
	struct feedconf *fc;
	struct req req;
	struct buf out;		/* records waiting for their turn */
	int	 done, stdin_feed;
	struct feed_parser *parser;
	int	 direct;	/* write records at once */
	struct buf pre;		/* see feed_fields() */
	int	 pre_done, pre_title;
};

static struct feedrun *runs;
static size_t nruns, next_out;

static void
lang_norm(struct buf *b, const char *s)
{
	size_t i, seg = 0, seglen;

	while (ASCII_ISSPACE(*s))
		s++;
	for (i = 0; s[i] != '\0' && !ASCII_ISSPACE(s[i]) && i < 35; i++) {
		int c = s[i] == '_' ? '-' : (unsigned char)s[i];

		if (c == '-') {
			seg++;
			buf_putc(b, '-');
			continue;
		}
		if (!ASCII_ISALNUM(c))
			break;
		seglen = 0;
		while (i - seglen > 0 && s[i - seglen - 1] != '-' &&
		    s[i - seglen - 1] != '_')
			seglen++;
		if (seg == 1 && ASCII_ISALPHA(c)) {
			/* a two-letter region is upper case */
			size_t j = i - seglen, k = j;

			while (s[k] != '\0' && s[k] != '-' && s[k] != '_' &&
			    !ASCII_ISSPACE(s[k]))
				k++;
			if (k - j == 2) {
				buf_putc(b, c >= 'a' && c <= 'z' ? c - 32 : c);
				continue;
			}
		}
		buf_putc(b, ascii_lower(c));
	}
}

static struct buf line = BUF_INIT;	/* the record being written */
static struct buf iurl = BUF_INIT;	/* its canonical URL */
static struct buf ikey = BUF_INIT;	/* what its id is the hash of */
static struct buf lang_in = BUF_INIT, lang_out = BUF_INIT;
static struct buf iguid = BUF_INIT;	/* its guid, when redacted */
static struct buf msg = BUF_INIT;	/* see shown() */
static size_t itembad;

/* The message fmt formats, with the userinfo ("user:pass@") of every
 * URL in it removed: what sec-fetch shows on stderr or puts in an
 * errors entry never carries a credential.  Borrowed (msg). */
static const char *
shown(const char *fmt, ...)
{
	va_list ap;

	buf_reset(&msg);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	msg.len = url_strip_userinfo(msg.s);
	return buf_str(&msg);
}

/* The fields that are the same for every item of a feed: "feed",
 * "feed_title" (once the parser knows it) and "section", each with a
 * leading comma.  Borrowed; rebuilt when the title turns up. */
static const char *
feed_fields(struct feedrun *fr)
{
	const char *title = fr->parser != NULL ? feed_title(fr->parser) :
	    NULL;

	/* the parser keeps the first title it reads: once seen, it stays */
	if (!fr->pre_done || (title != NULL && !fr->pre_title)) {
		buf_reset(&fr->pre);
		jsonw_str(&fr->pre, "feed", fr->fc->name, JSONW_REPAIR);
		if (title != NULL)
			jsonw_str(&fr->pre, "feed_title", title, 0);
		jsonw_str(&fr->pre, "section", fr->fc->section,
		    JSONW_REPAIR);
		fr->pre_title = title != NULL;
		fr->pre_done = 1;
	}
	return buf_str(&fr->pre);
}

/* The normalized form of the language tag s (borrowed; "" for none):
 * the last one is kept, as every item of a feed tends to carry the
 * same. */
static const char *
item_lang(const char *s)
{
	if (lang_in.s == NULL || strcmp(lang_in.s, s) != 0) {
		buf_reset(&lang_in);
		buf_puts(&lang_in, s);
		buf_reset(&lang_out);
		lang_norm(&lang_out, s);
	}
	return buf_str(&lang_out);
}

/* One item becomes a record (new), or is skipped (--since, --until,
 * --seen). */
static void
on_item(const struct feed_item *it, void *ud)
{
	struct feedrun *fr = ud;
	struct feedconf *fc = fr->fc;
	char idhex[17], tb[RFC3339_LEN + 8];
	uint64_t id;
	long long when;
	const char *lang;
	size_t i;
	const char *guid = it->field[F_GUID];
	int old;

	when = it->published != DATE_NONE ? it->published : it->updated;
	/* outside the window: left out, but still renews a seen entry */
	old = when != DATE_NONE && ((since != DATE_NONE && when < since) ||
	    (until != DATE_NONE && when >= until));
	if (old && seenfile == NULL)
		return;
	buf_reset(&iurl);
	if (it->field[F_LINK] != NULL) {
		url_canon_to(&iurl, it->field[F_LINK]);
		/* a credential in a link is neither stored nor hashed */
		if (memchr(iurl.s, '@', iurl.len) != NULL)
			iurl.len = url_strip_userinfo(iurl.s);
	}
	if (guid != NULL && strchr(guid, '@') != NULL) {
		buf_reset(&iguid);
		buf_puts(&iguid, guid);
		iguid.len = url_strip_userinfo(iguid.s);
		guid = buf_str(&iguid);
	}
	buf_reset(&ikey);
	if (iurl.len > 0)
		buf_put(&ikey, iurl.s, iurl.len);
	else if (guid != NULL)
		buf_printf(&ikey, "guid:%s", guid);
	else
		buf_printf(&ikey, "item:%s\n%s\n%lld", fc->url,
		    it->field[F_TITLE] ? it->field[F_TITLE] : "", when);
	id = fnv1a64(ikey.s, ikey.len);
	/* an item another feed (or an earlier run) already gave is skipped;
	 * repeated items within one feed all come out.  One the seen file
	 * holds is met again: its entry is renewed, even when --since
	 * leaves it out, so that pruning drops only what feeds dropped. */
	if (idset_has(&ids, id)) {
		if (seenfile != NULL)
			idset_add(&touched, id);
		return;
	}
	if (old)
		return;
	if (npend == pendcap) {
		pendcap = pendcap ? pendcap * 2 : 256;
		pend = xreallocarray(pend, pendcap, sizeof(*pend));
	}
	pend[npend++] = id;
	for (i = 0; i < 16; i++)
		idhex[i] = "0123456789abcdef"[(id >> (60 - 4 * i)) & 15];
	idhex[16] = '\0';

	/* the record is written by hand: flat, and this is the hot path
	 * on big feeds (jansson's encoder took a third of the time) */
	buf_reset(&line);
	buf_put(&line, "{\"id\":\"", 7);
	buf_put(&line, idhex, 16);
	buf_putc(&line, '"');
	buf_puts(&line, feed_fields(fr));
	if (iurl.len > 0)
		jsonw_str(&line, "url", iurl.s, 0);
	jsonw_str(&line, "title", it->field[F_TITLE], 0);
	jsonw_str(&line, "guid", guid, 0);
	if (when != DATE_NONE)
		jsonw_str(&line, "published", time_rfc3339(when, tb), 0);
	if (it->updated != DATE_NONE)
		jsonw_str(&line, "updated", time_rfc3339(it->updated, tb),
		    0);
	jsonw_str(&line, "summary", it->field[F_SUMMARY], 0);
	jsonw_str(&line, "author", it->field[F_AUTHOR], 0);
	buf_puts(&line, ",\"categories\":[");
	for (i = 0; i < it->ncat; i++)
		jsonw_str(&line, NULL, it->categories[i],
		    i == 0 ? JSONW_FIRST : 0);
	buf_putc(&line, ']');
	lang = fc->lang != NULL ? fc->lang : it->field[F_LANG];
	if (lang != NULL && *lang != '\0') {
		lang = item_lang(lang);
		if (*lang != '\0')
			jsonw_str(&line, "lang", lang, 0);
	}
	buf_put(&line, "}\n", 2);
	if (line.len > maxline) {
		warnx("%s", shown("%s: item of %zu bytes is over -L, skipped",
		    strcmp(fc->url, "-") == 0 ? "<stdin>" : fc->url,
		    line.len));
		itembad++;
		return;
	}
	if (fr->direct) {
		if (fwrite(line.s, 1, line.len, stdout) != line.len)
			err(EXIT_WRITE, "<stdout>");
		if (ndjson_unbuffered && fflush(stdout) == EOF)
			err(EXIT_WRITE, "<stdout>");
	} else
		buf_put(&fr->out, line.s, line.len);
}

/* The feed is read: its ids join the set. */
static void
ids_commit(void)
{
	size_t i;

	for (i = 0; i < npend; i++) {
		if (idset_has(&ids, pend[i]))
			continue;
		idset_add(&ids, pend[i]);
		if (seenfile == NULL)
			continue;
		if (nnew == newcap) {
			newcap = newcap ? newcap * 2 : 256;
			newids = xreallocarray(newids, newcap,
			    sizeof(*newids));
		}
		newids[nnew++] = pend[i];
	}
	npend = 0;
}

/* Parse a feed from stdin, or from the local file named by an operand,
 * as it arrives. */
static void
run_stdin(struct feedrun *fr)
{
	char buf[65536];
	long long total = 0;
	const char *name = "<stdin>";
	ssize_t n;
	int bad = 0, fd = STDIN_FILENO;

	if (strcmp(fr->fc->url, "-") != 0) {
		name = fr->fc->url;
		if ((fd = open(name, O_RDONLY)) == -1) {
			warn("%s", name);
			nfailed++;
			fr->done = 1;
			return;
		}
	}
	fr->direct = 1;
	fr->parser = feed_new(NULL, fr->fc->encoding, NULL, on_item, fr);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			warn("%s", name);
			bad = 1;
			break;
		}
		/* the cap of an HTTP body holds here too */
		if (hopt.maxsize > 0 && n > hopt.maxsize - total) {
			warnx("%s: feed larger than %lld bytes (see "
			    "--max-size)", name, hopt.maxsize);
			bad = 1;
			break;
		}
		total += n;
		if (feed_push(fr->parser, buf, (size_t)n) == -1)
			break;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (feed_end(fr->parser) == -1 || bad) {
		if (!bad)
			warnx("%s: %s", name, feed_error(fr->parser));
		nfailed++;
	} else if (feed_error(fr->parser) != NULL)
		warnx("%s: warning: %s", name, feed_error(fr->parser));
	ids_commit();
	feed_free(fr->parser);
	fr->parser = NULL;
	fr->done = 1;
}

/* Write every finished feed whose turn it is. */
static void
flush_feeds(void)
{
	struct feedrun *fr;

	while (next_out < nruns) {
		fr = &runs[next_out];
		if (fr->stdin_feed && !fr->done)
			run_stdin(fr);
		if (!fr->done)
			break;
		if (fr->out.len > 0) {
			if (fwrite(fr->out.s, 1, fr->out.len, stdout) !=
			    fr->out.len)
				err(EXIT_WRITE, "<stdout>");
			if (ndjson_unbuffered && fflush(stdout) == EOF)
				err(EXIT_WRITE, "<stdout>");
		}
		buf_free(&fr->out);
		next_out++;
	}
}

static void
feed_done(struct req *r, void *arg)
{
	struct feedrun *fr = r->ud;
	char cs[64], *base;
	int ok;

	(void)arg;
	fr->done = 1;
	if (r->failed) {
		warnx("%s", shown("%s: %s", r->url, r->error));
		nfailed++;
		return;
	}
	if (charset_from_ctype(r->ctype, cs, sizeof(cs)) == -1)
		cs[0] = '\0';
	/* relative links resolve against Content-Location, if sent */
	base = r->cloc != NULL ? url_resolve(r->final_url, r->cloc) :
	    xstrdup(r->final_url);
	ok = feed_parse_mem(buf_str(&r->body), r->body.len, base,
	    fr->fc->encoding, cs, on_item, fr, &fr->parser);
	free(base);
	ids_commit();
	if (ok == -1) {
		warnx("%s", shown("%s: %s%s%s%s", r->url,
		    feed_error(fr->parser), r->ctype ? " (" : "",
		    r->ctype ? r->ctype : "", r->ctype ? ")" : ""));
		nfailed++;
	} else if (feed_error(fr->parser) != NULL)
		warnx("%s", shown("%s: warning: %s", r->url,
		    feed_error(fr->parser)));
	feed_free(fr->parser);
	fr->parser = NULL;
	req_free(r);
	memset(r, 0, sizeof(*r));
}

/* ---- the seen file ---- */

/* A line of the seen file (NUL-terminated): 2 for an entry, "id<TAB>time"
 * with the id in 16 hex digits; 1 for an id with anything else after it
 * (still an id to skip); 0 for no entry. */
static int
seen_entry(const char *line, uint64_t *id, long long *t)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(line, &end, 16);
	if (end - line != 16 || errno != 0)
		return 0;
	*id = (uint64_t)v;
	if (*end != '\t')
		return 1;
	errno = 0;
	*t = strtoll(end + 1, &end, 10);
	if (errno != 0 || *end != '\0' || end == line + 17)
		return 1;
	return 2;
}

static void
seen_load(void)
{
	char *text, *line, *next;
	size_t len;
	uint64_t v;
	long long t;

	if ((text = read_file(seenfile, 1LL << 30, &len)) == NULL) {
		if (errno != ENOENT)
			err(1, "%s", seenfile);
		return;
	}
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (seen_entry(line, &v, &t) > 0 &&
		    !idset_add(&ids, v))
			seendups = 1;
	}
	free(text);
}

struct seen_ent {
	uint64_t id;
	long long t;
};

static int
seen_ent_cmp(const void *a, const void *b)
{
	const struct seen_ent *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Copy the seen file's text to out with one line per id: an id given
 * more than once keeps its latest time, at its first place.  Entries
 * met again in this run are renewed, those not met for SEEN_KEEP
 * dropped; a line that is no entry is kept as it is.  Every id written
 * joins present.  Returns whether anything changed. */
static int
seen_prune(struct buf *out, char *text, long long now,
    struct idset *present)
{
	struct seen_ent *ents = NULL, key, *e;
	char *line, *next, **lines = NULL;
	size_t nl = 0, ne = 0, i, j;
	uint64_t v;
	long long t;
	int changed = 0, kind;

	for (line = text; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lines = xreallocarray(lines, nl + 1, sizeof(*lines));
		lines[nl++] = line;
		if (seen_entry(line, &v, &t) == 2) {
			ents = xreallocarray(ents, ne + 1, sizeof(*ents));
			ents[ne].id = v;
			ents[ne++].t = t;
		}
	}
	/* the latest time of each id */
	if (ne > 0)
		qsort(ents, ne, sizeof(*ents), seen_ent_cmp);
	for (i = 0; i < ne; i = j) {
		for (j = i + 1; j < ne && ents[j].id == ents[i].id; j++)
			if (ents[j].t > ents[i].t)
				ents[i].t = ents[j].t;
		for (; i + 1 < j; i++)
			ents[i + 1].t = ents[i].t;
	}
	for (i = 0; i < nl; i++) {
		kind = seen_entry(lines[i], &v, &t);
		if (kind > 0 && idset_has(present, v)) {
			changed = 1;	/* a repeated id */
			continue;
		}
		if (kind != 2) {
			buf_printf(out, "%s\n", lines[i]);
			if (kind == 1)
				idset_add(present, v);
			continue;
		}
		key.id = v;
		e = bsearch(&key, ents, ne, sizeof(*ents), seen_ent_cmp);
		if (e->t != t)
			changed = 1;
		t = e->t;
		if (idset_has(&touched, v) && t != now) {
			t = now;
			changed = 1;
		}
		if (t < now - SEEN_KEEP) {
			changed = 1;
			continue;
		}
		idset_add(present, v);
		buf_printf(out, "%016llx\t%lld\n", (unsigned long long)v, t);
	}
	free(lines);
	free(ents);
	return changed;
}

/* Add this run's new ids under a lock: the file is read again there, so
 * an id another run added meanwhile is not added twice.  The entries
 * are renewed, pruned and made unique (seen_prune) and the file is
 * replaced atomically. */
static void
seen_save(void)
{
	struct buf lk = BUF_INIT, all = BUF_INIT;
	struct idset present = { NULL, 0, 0 };
	char *text;
	size_t len, i, added = 0;
	long long now = (long long)time(NULL);
	int fd, changed = 0;

	if (nnew == 0 && touched.n == 0 && !seendups)
		return;
	buf_printf(&lk, "%s.lock", seenfile);
	if ((fd = open(lk.s, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1 ||
	    flock(fd, LOCK_EX) == -1)
		err(1, "%s", lk.s);
	if ((text = read_file(seenfile, 1LL << 30, &len)) != NULL) {
		changed = seen_prune(&all, text, now, &present);
		free(text);
	} else if (errno != ENOENT)
		err(1, "%s", seenfile);
	for (i = 0; i < nnew; i++) {
		if (idset_has(&present, newids[i]))
			continue;
		idset_add(&present, newids[i]);
		buf_printf(&all, "%016llx\t%lld\n",
		    (unsigned long long)newids[i], now);
		added++;
	}
	if ((changed || added > 0) &&
	    write_file_atomic(seenfile, buf_str(&all), all.len) == -1)
		err(1, "%s", seenfile);
	close(fd);
	free(present.v);
	buf_free(&lk);
	buf_free(&all);
}

/* ---- page mode ---- */

struct page {
	json_t	*rec;
	struct req req;
	int	 fetch, done;
};

static int
skip_section(const char *sec)
{
	const char *p = skip_sections, *e;
	size_t n;

	if (sec == NULL)
		return 0;
	n = strlen(sec);
	while (*p != '\0') {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && memcmp(p, sec, n) == 0)
			return 1;
		p = *e ? e + 1 : e;
	}
	return 0;
}

static int
is_html_type(const char *ct)
{
	return ct == NULL || ascii_ncasecmp(ct, "text/html", 9) == 0 ||
	    ascii_ncasecmp(ct, "application/xhtml+xml", 21) == 0;
}

static void
page_done(struct req *r, void *arg)
{
	struct page *pg = r->ud;
	json_t *h;
	struct buf html = BUF_INIT;
	struct charset_pick pk;
	char note[512], tb[RFC3339_LEN + 8];
	const char *cs, *body = buf_str(&r->body);
	size_t n = r->body.len;

	(void)arg;
	pg->done = 1;
	if (r->status > 0 || !r->failed) {
		h = json_object();
		rec_set_new(h, "status", json_integer(r->status));
		if (r->final_url != NULL)
			rec_set_str(h, "final_url", shown("%s",
			    r->final_url));
		if (r->ctype != NULL)
			rec_set_str(h, "content_type", r->ctype);
		if (r->etag != NULL)
			rec_set_str(h, "etag", r->etag);
		if (r->lastmod != NULL)
			rec_set_str(h, "last_modified", r->lastmod);
		rec_set_str(h, "fetched_at", time_rfc3339(r->fetched_at, tb));
		rec_set_new(pg->rec, "http", h);
	}
	if (r->failed) {
		warnx("%s", shown("%s: %s", r->url, r->error));
		rec_error(pg->rec, "%s", buf_str(&msg));
		nfailed++;
		goto out;
	}
	if (!is_html_type(r->ctype)) {
		warnx("%s", shown("%s: not HTML (%s)", r->url, r->ctype));
		rec_error(pg->rec, "%s", buf_str(&msg));
		nfailed++;
		goto out;
	}
	charset_decode_page(body, n, r->ctype, &html, &pk);
	if ((cs = charset_note(&pk, note, sizeof(note))) != NULL) {
		warnx("%s", shown("%s: %s", r->url, cs));
		if (pk.lost) {
			rec_error(pg->rec, "%s", buf_str(&msg));
			nfailed++;
		}
	}
	if (html.len > maxline) {
		warnx("%s", shown("%s: page of %zu bytes is over -L", r->url,
		    html.len));
		rec_error(pg->rec, "%s", buf_str(&msg));
		nfailed++;
	} else
		rec_set_new(pg->rec, "html", json_stringn_nocheck(
		    buf_str(&html), html.len));
	buf_free(&html);
out:
	req_free(r);
	memset(r, 0, sizeof(*r));
}

static int
run_pages(int argc, char **argv)
{
	struct ndjson_in in;
	struct page *win;
	size_t cap, head = 0, count = 0, i;
	json_t *rec;
	int eof = 0, pending = 0;
	const char *url;

	cap = (size_t)hopt.jobs * 4 + 16;
	win = xcalloc(cap, sizeof(*win));
	ndjson_in_init(&in, argc, argv, maxline);
	while (!eof || count > 0) {
		/* read until the window is full */
		while (!eof && count < cap) {
			if ((rec = ndjson_in_next(&in)) == NULL) {
				eof = 1;
				break;
			}
			i = (head + count) % cap;
			memset(&win[i], 0, sizeof(win[i]));
			win[i].rec = rec;
			url = rec_str(rec, "url");
			/* fetched as given, passed on without a credential */
			if (url != NULL && strchr(url, '@') != NULL &&
			    strcmp(shown("%s", url), url) != 0) {
				win[i].req.url = xstrdup(url);
				rec_set_str(rec, "url", buf_str(&msg));
				url = win[i].req.url;
			}
			if (url != NULL && *url != '\0' &&
			    !skip_section(rec_str(rec, "section")) &&
			    !json_is_string(json_object_get(rec, "html"))) {
				win[i].fetch = 1;
				if (win[i].req.url == NULL)
					win[i].req.url = xstrdup(url);
				win[i].req.kind = REQ_PAGE;
				win[i].req.ud = &win[i];
				http_add(&win[i].req);
				pending++;
			} else {
				free(win[i].req.url);
				win[i].req.url = NULL;
				win[i].done = 1;
			}
			count++;
		}
		/* write what is ready, in order */
		while (count > 0 && win[head].done) {
			ndjson_write(win[head].rec);
			json_decref(win[head].rec);
			head = (head + 1) % cap;
			count--;
		}
		if (count > 0 && !win[head].done)
			pending = http_step(page_done, NULL);
	}
	(void)pending;
	free(win);
	if (in.nbad > 0)
		nfailed++;
	ndjson_in_free(&in);
	return 0;
}

/* ---- feed mode ---- */

static char *
host_of(const char *url)
{
	const char *s = strstr(url, "://"), *e;

	if (s == NULL)
		return xstrdup(url);
	s += 3;
	for (e = s; *e != '\0' && *e != '/' && *e != '?' && *e != ':' &&
	    *e != '#'; e++)
		;
	return e > s ? xstrndup(s, (size_t)(e - s)) : xstrdup(url);
}

static void
run_feeds(struct feedlist *fl)
{
	size_t i;

	nruns = fl->n;
	runs = xcalloc(nruns ? nruns : 1, sizeof(*runs));
	for (i = 0; i < nruns; i++) {
		runs[i].fc = &fl->v[i];
		/* stdin, or a file operand: read here, not by libcurl */
		if (strcmp(fl->v[i].url, "-") == 0 ||
		    strstr(fl->v[i].url, "://") == NULL) {
			runs[i].stdin_feed = 1;
			continue;
		}
		runs[i].req.url = xstrdup(fl->v[i].url);
		runs[i].req.kind = REQ_FEED;
		runs[i].req.ud = &runs[i];
		http_add(&runs[i].req);
	}
	flush_feeds();
	while (next_out < nruns) {
		http_step(feed_done, NULL);
		flush_feeds();
	}
	for (i = 0; i < nruns; i++) {
		buf_free(&runs[i].out);
		buf_free(&runs[i].pre);
		req_free(&runs[i].req);
	}
	free(runs);
}

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
	struct feedlist fl = { NULL, 0, 0 };
	const char *config = NULL, *cachedir = NULL;
	char *defcache = NULL, *text;
	struct buf uab = BUF_INIT;
	size_t len;
	int ch, pages = 0, nocache = 0, i;
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
			hopt.jobs = (int)xstrtonum(optarg, 1, 1000, "-j");
			break;
		case 'L':
			maxline = (size_t)xstrtosize(optarg, 1,
			    NDJSON_MAXLINE_MAX, "-L");
			break;
		case 'p':
			pages = 1;
			break;
		case 't':
			cli_deprecated("-t", "-T");
			/* FALLTHROUGH */
		case 'T':
			hopt.timeout_ms = (long)(xstrtosec(optarg, "-T") *
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
			hopt.proxy = optarg;
			break;
		case O_ALLOW_FILE:
			hopt.allow_file = 1;
			break;
		case O_ALLOW_PRIVATE:
			hopt.allow_private = 1;
			break;
		case O_CACHE:
			cachedir = optarg;
			break;
		case O_CONNECT_TIMEOUT:
			hopt.connect_ms = (long)(xstrtosec(optarg,
			    "--connect-timeout") * 1000);
			break;
		case O_MAX_REDIRS:
			hopt.max_redirs = (int)xstrtonum(optarg, 0, 50,
			    "--max-redirs");
			break;
		case O_MAX_SIZE:
			hopt.maxsize = xstrtosize(optarg, 1, 1LL << 40,
			    "--max-size");
			break;
		case O_MAX_WAIT:
			hopt.max_wait_s = (long)xstrtonum(optarg, 0, 86400,
			    "--max-wait");
			break;
		case O_NO_CACHE:
			nocache = 1;
			break;
		case O_PER_HOST:
			hopt.perhost = (int)xstrtonum(optarg, 1, 100,
			    "--per-host");
			break;
		case O_RETRIES:
			hopt.retries = (int)xstrtonum(optarg, 0, 20,
			    "--retries");
			break;
		case O_RETRY_DELAY:
			hopt.retry_ms = (long)xstrtonum(optarg, 0, 600000,
			    "--retry-delay");
			break;
		case O_SEEN:
			seenfile = optarg;
			break;
		case O_SINCE:
			since = parse_when(optarg, "--since");
			break;
		case O_SKIP:
			skip_sections = optarg;
			break;
		case O_UA:
			hopt.useragent = optarg;
			break;
		case O_UNTIL:
			until = parse_when(optarg, "--until");
			break;
		default:
			cli_usage(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (pages && (config != NULL || seenfile != NULL ||
	    since != DATE_NONE || until != DATE_NONE)) {
		warnx("-c, --seen, --since and --until are for feed mode");
		cli_usage(2);
	}
	if (!pages) {
		if (config != NULL) {
			if ((text = read_file(config, 1 << 24, &len)) == NULL)
				err(2, "%s", config);
			if (conf_parse(&fl, config, text, len) > 0)
				exit(2);
			free(text);
		}
		for (i = 0; i < argc; i++) {
			char *name;

			if (strcmp(argv[i], "-") == 0) {
				conf_add(&fl, "stdin", "-", NULL, NULL, NULL);
				continue;
			}
			if (strstr(argv[i], "://") == NULL) {
				struct stat st;

				/* a local feed file, as sfeed reads stdin */
				if (stat(argv[i], &st) == -1)
					err(2, "%s: not a URL, nor a file",
					    argv[i]);
				if (S_ISDIR(st.st_mode))
					errx(2, "%s: Is a directory",
					    argv[i]);
				conf_add(&fl, argv[i], argv[i], NULL, NULL,
				    NULL);
				continue;
			}
			text = url_redacted(argv[i]);
			name = host_of(text);
			free(text);
			conf_add(&fl, name, argv[i], NULL, NULL, NULL);
			free(name);
		}
		if (fl.n == 0) {
			warnx("no feeds: give URLs or -c config");
			cli_usage(2);
		}
	}
	if (!nocache) {
		if (cachedir == NULL)
			cachedir = defcache = cache_default_dir();
		hopt.cachedir = cachedir;
	}
	if (hopt.useragent == NULL) {
		cv = curl_version_info(CURLVERSION_NOW);
		buf_printf(&uab, "sec-fetch/%s libcurl/%s", VERSION,
		    cv->version);
		hopt.useragent = uab.s;
	}
	feed_global_init();
	http_init(&hopt);
	if (seenfile != NULL)
		seen_load();
	if (pages)
		run_pages(argc, argv);
	else
		run_feeds(&fl);
	check_stdout();
	if (seenfile != NULL)
		seen_save();
	http_cleanup();
	conf_free(&fl);
	free(ids.v);
	free(touched.v);
	buf_free(&line);
	buf_free(&iurl);
	buf_free(&ikey);
	buf_free(&lang_in);
	buf_free(&lang_out);
	buf_free(&iguid);
	buf_free(&msg);
	if (itembad > 0)
		nfailed++;
	free(pend);
	free(newids);
	buf_free(&uab);
	free(defcache);
	feed_global_cleanup();
	finish(nfailed > 0 ? 1 : 0);
}
