/* weekcmd.c: sec-archive week: the rows of a week out of the archive,
 * into the weekly review of week.c. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "archive.h"
#include "cmds.h"
#include "date.h"
#include "fsutil.h"
#include "taxonomy.h"
#include "timeutil.h"
#include "util.h"
#include "week.h"

/* Every string the review needs stays alive in one arena of copies. */
struct strs {
	char	**s;
	size_t	  n;
};

static const char *
keep(struct strs *a, const unsigned char *s)
{
	if (s == NULL)
		return NULL;
	a->s = xreallocarray(a->s, a->n + 1, sizeof(*a->s));
	return a->s[a->n++] = xstrdup((const char *)s);
}

/* The IOC CSV's type of an archive indicator, or NULL for a type the
 * IOC CSV leaves out. */
static const char *
csv_type(const char *t)
{
	static const char *const map[][2] = {
		{ "ipv4", "ip" }, { "ipv6", "ip" }, { "cidr", "ip" },
		{ "domain", "domain" }, { "url", "url" },
		{ "md5", "file_hash_md5" }, { "sha1", "file_hash_sha1" },
		{ "sha256", "file_hash_sha256" },
	};
	size_t i;

	for (i = 0; t != NULL && i < NELEM(map); i++)
		if (strcmp(t, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* A day's rows of one kind come from the analyst's CSV when the archive
 * has one for the day, else from the day's records: never both, which
 * would count an event or an indicator twice. */
#define PREFER(tab, kind) \
	" JOIN sources s ON s.id = " tab ".source_id WHERE (s.kind = '" kind \
	"' OR NOT EXISTS (SELECT 1 FROM sources s2 WHERE s2.day = " tab \
	".day AND s2.kind = '" kind "'))"

static const char sql_events[] =
    "SELECT e.event_key, e.day, e.event_type, e.title, e.confidence,"
    " e.followup, e.source_url, e.source_file, e.needs_review"
    " FROM events e" PREFER("e", "events")
    " AND e.day >= ?1 AND e.day <= ?2 ORDER BY e.day, e.id";
static const char sql_tags[] =
    "SELECT t.event_key, t.dimension, t.raw_value, t.value FROM tags t"
    PREFER("t", "event-tags") " AND t.day >= ?1 AND t.day <= ?2"
    " ORDER BY t.day, t.id";
static const char sql_iocs[] =
    "SELECT i.date, s.path, i.id, i.type, i.value, i.category, i.actor,"
    " i.actor_attribute, i.malware, i.malware_type, i.reference,"
    " i.description, i.confidence FROM indicators i"
    PREFER("i", "ioc-csv") " AND i.date <= ?2 AND i.known = 0"
    " ORDER BY i.date, i.id";
static const char sql_inputs[] =
    "SELECT path FROM sources WHERE day >= ?1 AND day <= ?2"
    " ORDER BY day, kind";
static const char sql_days[] =
    "SELECT 1 FROM sources WHERE day = ?1 LIMIT 1";

static int
prep(struct arc *a, const char *sql, const struct wk_input *in,
    sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(a->db, sql, -1, st, NULL) != SQLITE_OK)
		return arc_warn(a, "week");
	sqlite3_bind_text(*st, 1, in->start, -1, SQLITE_STATIC);
	sqlite3_bind_text(*st, 2, in->end, -1, SQLITE_STATIC);
	return 0;
}

static const unsigned char *
c(sqlite3_stmt *st, int i)
{
	return sqlite3_column_text(st, i);
}

static int
load(struct arc *a, struct wk_input *in, struct strs *ar,
    struct wk_event **ev, struct wk_tag **tag, struct wk_ioc **ioc,
    char ***inputs, char ***missing)
{
	sqlite3_stmt *st;
	size_t n;
	int rc;

	/* the events and their tags */
	if ((rc = prep(a, sql_events, in, &st)) != 0)
		return rc;
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		struct wk_event *e;
		const char *nr;

		*ev = xreallocarray(*ev, n + 1, sizeof(**ev));
		e = &(*ev)[n];
		memset(e, 0, sizeof(*e));
		e->key = keep(ar, c(st, 0));
		e->date = keep(ar, c(st, 1));
		e->type = keep(ar, c(st, 2));
		e->title = keep(ar, c(st, 3));
		e->confidence = keep(ar, c(st, 4));
		e->followup = keep(ar, c(st, 5));
		e->source_url = keep(ar, c(st, 6));
		e->source_file = keep(ar, c(st, 7));
		nr = (const char *)c(st, 8);
		e->needs_review = nr != NULL && (strcmp(nr, "true") == 0 ||
		    strcmp(nr, "1") == 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return arc_warn(a, "week: events");
	in->nev = n;
	if ((rc = prep(a, sql_tags, in, &st)) != 0)
		return rc;
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		struct wk_tag *t;

		*tag = xreallocarray(*tag, n + 1, sizeof(**tag));
		t = &(*tag)[n];
		t->key = keep(ar, c(st, 0));
		t->dim = keep(ar, c(st, 1));
		t->raw = keep(ar, c(st, 2));
		t->norm = keep(ar, c(st, 3));
		if (t->key == NULL || t->dim == NULL || t->norm == NULL)
			n--;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return arc_warn(a, "week: tags");
	in->ntag = n;

	/* every indicator up to the week's end: the week's and the past */
	if ((rc = prep(a, sql_iocs, in, &st)) != 0)
		return rc;
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; ) {
		const char *type = csv_type((const char *)c(st, 3));
		struct wk_ioc *o;

		if (type == NULL || c(st, 0) == NULL || c(st, 4) == NULL)
			continue;
		*ioc = xreallocarray(*ioc, n + 1, sizeof(**ioc));
		o = &(*ioc)[n++];
		o->date = keep(ar, c(st, 0));
		o->source_file = keep(ar, c(st, 1));
		o->line = (long)sqlite3_column_int64(st, 2);
		o->type = type;
		o->value = keep(ar, c(st, 4));
		o->category = keep(ar, c(st, 5));
		o->actor = keep(ar, c(st, 6));
		o->actor_attribute = keep(ar, c(st, 7));
		o->malware = keep(ar, c(st, 8));
		o->malware_type = keep(ar, c(st, 9));
		o->reference = keep(ar, c(st, 10));
		o->description = keep(ar, c(st, 11));
		o->confidence = keep(ar, c(st, 12));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return arc_warn(a, "week: indicators");
	in->nioc = n;

	/* the files the week came from, and the days it has none of */
	if ((rc = prep(a, sql_inputs, in, &st)) != 0)
		return rc;
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		*inputs = xreallocarray(*inputs, n + 1, sizeof(**inputs));
		(*inputs)[n] = (char *)keep(ar, c(st, 0));
	}
	sqlite3_finalize(st);
	in->ninputs = n;
	if (sqlite3_prepare_v2(a->db, sql_days, -1, &st, NULL) != SQLITE_OK)
		return arc_warn(a, "week");
	{
		long long t, t1;
		char day[11], r[RFC3339_LEN];

		date_parse_ymd(in->start, &t);
		date_parse_ymd(in->end, &t1);
		for (n = 0; t <= t1; t += 86400) {
			time_rfc3339(t, r);
			snprintf(day, sizeof(day), "%.10s", r);
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) == SQLITE_ROW)
				continue;
			*missing = xreallocarray(*missing, n + 1,
			    sizeof(**missing));
			(*missing)[n++] = (char *)keep(ar,
			    (const unsigned char *)day);
		}
		in->nmissing = n;
	}
	sqlite3_finalize(st);
	return 0;
}

/* dir/name from b, atomically. */
static int
put(const char *dir, const char *label, const char *suffix,
    const struct buf *b)
{
	struct buf path = BUF_INIT;
	int rc = 0;

	buf_printf(&path, "%s/%s%s", dir, label, suffix);
	if (write_file_atomic(path.s, buf_str(b), b->len) == -1) {
		warn("%s", path.s);
		rc = EXIT_WRITE;
	}
	buf_free(&path);
	return rc;
}

int
cmd_week(struct arc *a, const char *label, const char *outdir,
    const char *shared, const char *taxdir)
{
	struct wk_input in;
	struct strs ar = { NULL, 0 };
	struct wk_event *ev = NULL;
	struct wk_tag *tag = NULL;
	struct wk_ioc *ioc = NULL;
	char **inputs = NULL, **missing = NULL;
	struct wk_shared *sh = NULL;
	struct taxonomy *tax = NULL;
	struct buf md = BUF_INIT, cur = BUF_INIT, mat = BUF_INIT;
	struct buf sum = BUF_INIT, msg = BUF_INIT;
	size_t i;
	int rc;

	memset(&in, 0, sizeof(in));
	if (week_range(&in, label) == -1)
		errx(EXIT_USAGE, "week: %s: not an ISO week (YYYY-Www)", label);
	if (shared != NULL && (sh = wk_shared_load(shared, &msg)) == NULL)
		errx(EXIT_USAGE, "week: %s", msg.s);
	if (taxdir != NULL && (tax = taxonomy_load(taxdir, &msg)) == NULL)
		errx(EXIT_USAGE, "week: %s", msg.s);
	if ((rc = load(a, &in, &ar, &ev, &tag, &ioc, &inputs,
	    &missing)) != 0)
		goto out;
	in.ev = ev;
	in.tag = tag;
	in.ioc = ioc;
	in.inputs = (const char *const *)inputs;
	in.missing = (const char *const *)missing;
	in.shared = sh != NULL ? sh : wk_shared_builtin();
	in.tax = tax != NULL ? tax : taxonomy_builtin();
	in.analysis = "実施済み（sec-archive、共有サービスのホスト一覧を適用）";
	week_review(&in, &md);
	if (outdir == NULL) {
		if (fwrite(buf_str(&md), 1, md.len, stdout) != md.len)
			err(EXIT_WRITE, "<stdout>");
	} else {
		week_ioc_csv(&in, &cur, &mat, &sum);
		if (mkdirs(outdir, 0777) == -1)
			err(EXIT_WRITE, "%s", outdir);
		rc = put(outdir, in.label, ".md", &md);
		if (rc == 0)
			rc = put(outdir, in.label, "_current_iocs.csv", &cur);
		if (rc == 0)
			rc = put(outdir, in.label, "_ioc_matches.csv", &mat);
		if (rc == 0)
			rc = put(outdir, in.label, "_ioc_summary.csv", &sum);
	}
out:
	for (i = 0; i < ar.n; i++)
		free(ar.s[i]);
	free(ar.s);
	free(ev);
	free(tag);
	free(ioc);
	free(inputs);
	free(missing);
	wk_shared_free(sh);
	taxonomy_free(tax);
	buf_free(&md);
	buf_free(&cur);
	buf_free(&mat);
	buf_free(&sum);
	buf_free(&msg);
	return rc;
}
