/* db.c: the archive's schema and its migrations, the writes of one input
 * in one transaction, and the checks (sec-archive(1)). */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "archive.h"
#include "csv.h"
#include "../sec-render/render.h"
#include "buf.h"
#include "date.h"
#include "defang.h"
#include "fsutil.h"
#include "ioc.h"
#include "report.h"
#include "taxonomy.h"
#include "util.h"

/* Each step takes the schema from version i to i + 1, in the same
 * transaction that sets user_version: a database is at one version or
 * the next, never between. */
static const char *const migrations[ARC_SCHEMA] = {
	/* 1: the tables */
	"CREATE TABLE days(day TEXT PRIMARY KEY NOT NULL,"
	"  week TEXT NOT NULL, month TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE sources(id INTEGER PRIMARY KEY,"
	"  day TEXT REFERENCES days(day), kind TEXT NOT NULL,"
	"  path TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,"
	"  added TEXT NOT NULL, UNIQUE(day, kind));"
	"CREATE TABLE articles(id INTEGER PRIMARY KEY,"
	"  source_id INTEGER NOT NULL REFERENCES sources(id)"
	"    ON DELETE CASCADE,"
	"  day TEXT NOT NULL, seq INTEGER NOT NULL, section TEXT NOT NULL,"
	"  url TEXT, title TEXT, feed TEXT, digest_title TEXT, summary TEXT,"
	"  recommendations TEXT, other TEXT, primary_sources TEXT,"
	"  action TEXT, actors TEXT, actor_attribute TEXT, malware TEXT,"
	"  malware_type TEXT, event_type TEXT, confidence TEXT,"
	"  needs_review INTEGER, followup TEXT, engine TEXT,"
	"  record TEXT NOT NULL);"
	"CREATE INDEX articles_day ON articles(day);"
	"CREATE INDEX articles_url ON articles(url);"
	"CREATE TABLE indicators(id INTEGER PRIMARY KEY,"
	"  source_id INTEGER NOT NULL REFERENCES sources(id)"
	"    ON DELETE CASCADE,"
	"  article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,"
	"  day TEXT NOT NULL, date TEXT NOT NULL, type TEXT NOT NULL,"
	"  value TEXT NOT NULL, defanged TEXT NOT NULL, category TEXT,"
	"  actor TEXT, actor_attribute TEXT, malware TEXT, malware_type TEXT,"
	"  reference TEXT, found_in TEXT, context TEXT, scope TEXT,"
	"  known INTEGER NOT NULL DEFAULT 0, description TEXT, author TEXT,"
	"  confidence TEXT);"
	"CREATE INDEX indicators_value ON indicators(lower(value));"
	"CREATE INDEX indicators_day ON indicators(day);"
	"CREATE TABLE events(id INTEGER PRIMARY KEY,"
	"  source_id INTEGER NOT NULL REFERENCES sources(id)"
	"    ON DELETE CASCADE,"
	"  article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,"
	"  day TEXT NOT NULL, event_key TEXT NOT NULL, week TEXT, month TEXT,"
	"  event_type TEXT, title TEXT, summary TEXT, source_file TEXT,"
	"  source_url TEXT, confidence TEXT, needs_review TEXT,"
	"  followup TEXT);"
	"CREATE INDEX events_key ON events(event_key);"
	"CREATE INDEX events_day ON events(day);"
	"CREATE TABLE tags(id INTEGER PRIMARY KEY,"
	"  source_id INTEGER NOT NULL REFERENCES sources(id)"
	"    ON DELETE CASCADE,"
	"  day TEXT NOT NULL, event_key TEXT NOT NULL,"
	"  dimension TEXT NOT NULL, raw_value TEXT, value TEXT NOT NULL,"
	"  confidence TEXT, note TEXT);"
	"CREATE INDEX tags_key ON tags(event_key);"
	"CREATE TABLE taxonomy_dimensions(dimension TEXT PRIMARY KEY,"
	"  source_id INTEGER NOT NULL REFERENCES sources(id)"
	"    ON DELETE CASCADE,"
	"  label_ja TEXT, dynamic INTEGER NOT NULL,"
	"  allow_unknown INTEGER NOT NULL,"
	"  allow_not_applicable INTEGER NOT NULL, active INTEGER NOT NULL,"
	"  sort_order INTEGER);"
	"CREATE TABLE taxonomy_values(dimension TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  source_id INTEGER NOT NULL REFERENCES sources(id)"
	"    ON DELETE CASCADE,"
	"  label_ja TEXT, label_en TEXT, active INTEGER NOT NULL,"
	"  sort_order INTEGER, PRIMARY KEY(dimension, value));",
	/* 2: full-text search over titles, summaries and IOC contexts; the
	 * trigram tokenizer finds words inside Japanese text, which has no
	 * spaces between them */
	"CREATE VIRTUAL TABLE search USING fts5(title, summary, context,"
	"  tokenize='trigram');"
	"CREATE TRIGGER articles_gone AFTER DELETE ON articles BEGIN"
	"  DELETE FROM search WHERE rowid = old.id; END;"
	"INSERT INTO search(rowid, title, summary, context)"
	"  SELECT a.id, trim(coalesce(a.digest_title, '') || CASE WHEN"
	"    a.title IS NOT a.digest_title THEN ' ' || coalesce(a.title, '')"
	"    ELSE '' END),"
	"    (SELECT group_concat(value, ' ') FROM json_each(a.summary)),"
	"    (SELECT group_concat(context, ' ') FROM indicators i"
	"      WHERE i.article_id = a.id) FROM articles a;",
};

enum {
	ST_ARTICLE, ST_INDICATOR, ST_EVENT, ST_TAG, ST_SEARCH, ST_DAY,
	ST_LINK_EVENTS, ST_LINK_IOCS
};

static const char *const stmts[] = {
	[ST_ARTICLE] = "INSERT INTO articles(source_id, day, seq, section,"
	    " url, title, feed, digest_title, summary, recommendations, other,"
	    " primary_sources, action, actors, actor_attribute, malware,"
	    " malware_type, event_type, confidence, needs_review, followup,"
	    " engine, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
	    "?,?,?,?)",
	[ST_INDICATOR] = "INSERT INTO indicators(source_id, article_id, day,"
	    " date, type, value, defanged, category, actor, actor_attribute,"
	    " malware, malware_type, reference, found_in, context, known,"
	    " description, author, confidence, scope) VALUES (?,?,?,?,?,?,?,"
	    "?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_EVENT] = "INSERT INTO events(source_id, day, event_key, week,"
	    " month, event_type, title, summary, source_file, source_url,"
	    " confidence, needs_review, followup) VALUES (?,?,?,?,?,?,?,?,?,"
	    "?,?,?,?)",
	[ST_TAG] = "INSERT INTO tags(source_id, day, event_key, dimension,"
	    " raw_value, value, confidence, note) VALUES (?,?,?,?,?,?,?,?)",
	[ST_SEARCH] = "INSERT INTO search(rowid, title, summary, context)"
	    " VALUES (?,?,?,?)",
	[ST_DAY] = "INSERT OR IGNORE INTO days(day, week, month)"
	    " VALUES (?,?,?)",
	/* an event or an indicator of the analyst's CSVs belongs to the
	 * day's article whose URL (or primary source) it names */
	[ST_LINK_EVENTS] = "UPDATE events SET article_id = coalesce("
	    " (SELECT a.id FROM articles a WHERE a.day = events.day AND"
	    " a.url = events.source_url ORDER BY a.id LIMIT 1),"
	    " (SELECT a.id FROM articles a WHERE a.day = events.day AND"
	    " EXISTS (SELECT 1 FROM json_each(a.primary_sources) p WHERE"
	    " p.value = events.source_url) ORDER BY a.id LIMIT 1))"
	    " WHERE day = ?1 AND article_id IS NULL",
	[ST_LINK_IOCS] = "UPDATE indicators SET article_id = (SELECT a.id"
	    " FROM articles a WHERE a.day = indicators.day AND"
	    " (a.url = indicators.reference OR EXISTS (SELECT 1 FROM"
	    " json_each(a.primary_sources) p WHERE p.value ="
	    " indicators.reference)) ORDER BY a.id LIMIT 1)"
	    " WHERE day = ?1 AND article_id IS NULL",
};

int
arc_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return EXIT_WRITE;
	default:
		return EXIT_INPUT;
	}
}

int
arc_warn(struct arc *a, const char *what)
{
	int rc = a->db != NULL ? sqlite3_extended_errcode(a->db) :
	    SQLITE_CANTOPEN;

	warnx("%s: %s: %s", a->path, what, a->db != NULL ?
	    sqlite3_errmsg(a->db) : "cannot open");
	if (arc_status(rc) == EXIT_WRITE)
		a->failed = 1;
	return arc_status(rc);
}

int
arc_exec(struct arc *a, const char *sql)
{
	char *msg = NULL;
	int rc;

	if ((rc = sqlite3_exec(a->db, sql, NULL, NULL, &msg)) != SQLITE_OK) {
		warnx("%s: %s", a->path, msg != NULL ? msg :
		    sqlite3_errstr(rc));
		if (arc_status(rc) == EXIT_WRITE)
			a->failed = 1;
	}
	sqlite3_free(msg);
	return rc;
}

static sqlite3_stmt *
stmt(struct arc *a, int i)
{
	if (a->stmt[i] == NULL && sqlite3_prepare_v3(a->db, stmts[i], -1,
	    SQLITE_PREPARE_PERSISTENT, &a->stmt[i], NULL) != SQLITE_OK)
		errx(1, "%s: %s", a->path, sqlite3_errmsg(a->db));
	sqlite3_reset(a->stmt[i]);
	sqlite3_clear_bindings(a->stmt[i]);
	return a->stmt[i];
}

/* Bind a string, or NULL when s is NULL or empty. */
static void
bstr(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Step a write; 0 or the error code (the statement is reset). */
static int
step(struct arc *a, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	arc_warn(a, "write");
	return rc;
}

static int
user_version(struct arc *a)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(a->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Bring the schema up to ARC_SCHEMA (or to $SEC_ARCHIVE_SCHEMA, lower,
 * which the tests use to make an old database). */
static int
migrate(struct arc *a)
{
	char sql[64];
	const char *e;
	long long target = ARC_SCHEMA;
	int v;

	if ((e = getenv("SEC_ARCHIVE_SCHEMA")) != NULL && *e != '\0' &&
	    strtonum_ok(e, 1, ARC_SCHEMA, &target) == -1)
		target = ARC_SCHEMA;
	if ((v = user_version(a)) == -1)
		return arc_warn(a, "read the schema version"), -1;
	a->version = v;
	if (v >= target) {
		if (v > ARC_SCHEMA) {
			warnx("%s: schema version %d is newer than this "
			    "sec-archive's (%d)", a->path, v, ARC_SCHEMA);
			return -1;
		}
		return 0;
	}
	/* the version is read again inside the writer's lock: another
	 * process may have migrated meanwhile */
	if (arc_exec(a, "BEGIN IMMEDIATE") != SQLITE_OK)
		return -1;
	for (v = user_version(a); v >= 0 && v < target; v++) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (arc_exec(a, migrations[v]) != SQLITE_OK ||
		    arc_exec(a, sql) != SQLITE_OK) {
			sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	if (arc_exec(a, "COMMIT") != SQLITE_OK) {
		sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	a->version = user_version(a);
	return 0;
}

int
arc_open(struct arc *a, const char *path, int create, int timeout_ms)
{
	char *dir, *slash;
	int flags = SQLITE_OPEN_READWRITE, rc, waited;
	struct stat st;

	memset(a, 0, sizeof(*a));
	a->path = path;
	if (create) {
		flags |= SQLITE_OPEN_CREATE;
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
			*slash = '\0';
			if (mkdirs(dir, 0700) == -1) {
				warn("%s", dir);
				free(dir);
				a->failed = 1;
				return -1;
			}
		}
		free(dir);
	} else if (stat(path, &st) == -1) {
		warn("%s", path);
		return -1;
	}
	if (sqlite3_open_v2(path, &a->db, flags, NULL) != SQLITE_OK) {
		arc_warn(a, "open");
		return -1;
	}
	sqlite3_extended_result_codes(a->db, 1);
	sqlite3_busy_timeout(a->db, timeout_ms);
	/* WAL: readers never block the writer, and a writer killed half way
	 * leaves only frames that were never committed */
	/* a second process that opens the new file while the first sets
	 * up WAL may be told "busy" at once, past the busy handler: try
	 * again within the same wait */
	for (waited = 0; (rc = sqlite3_exec(a->db, "PRAGMA journal_mode = "
	    "WAL", NULL, NULL, NULL)) != SQLITE_OK && waited < timeout_ms &&
	    ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED);
	    waited += 50)
		usleep(50 * 1000);
	if (rc != SQLITE_OK) {
		arc_warn(a, "PRAGMA journal_mode = WAL");
		return -1;
	}
	if (arc_exec(a, "PRAGMA foreign_keys = ON") != SQLITE_OK ||
	    arc_exec(a, "PRAGMA synchronous = NORMAL") != SQLITE_OK)
		return -1;
	return migrate(a);
}

void
arc_close(struct arc *a)
{
	size_t i;

	for (i = 0; i < ARC_NSTMT; i++)
		sqlite3_finalize(a->stmt[i]);
	if (a->db != NULL && sqlite3_close(a->db) != SQLITE_OK)
		warnx("%s: %s", a->path, sqlite3_errmsg(a->db));
	a->db = NULL;
}

/* Week (YYYY-Www, ISO 8601) and month of day. */
static void
week_month(const char *day, char week[32], char month[32])
{
	long long t;
	long y, m, d, wd, yday, wk, wy;
	static const int cum[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243,
	    273, 304, 334 };
	int leap;

	snprintf(month, 32, "%.7s", day);
	if (date_parse_ymd(day, &t) == -1) {
		snprintf(week, 32, "unknown");
		return;
	}
	y = strtol(day, NULL, 10);
	m = strtol(day + 5, NULL, 10);
	d = strtol(day + 8, NULL, 10);
	wd = ((t / 86400) % 7 + 7 + 3) % 7;	/* 0 Monday (1970-01-01 Thu) */
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	yday = cum[m - 1] + d - 1 + (m > 2 && leap);
	wk = (yday - wd + 10) / 7;
	wy = y;
	if (wk < 1) {
		long py = y - 1, pleap = (py % 4 == 0 && py % 100 != 0) ||
		    py % 400 == 0;

		wy = py;
		wk = (yday + 365 + pleap - wd + 10) / 7;
	} else if (wk == 53) {
		long dec31wd = (wd + (365 + leap - 1 - yday)) % 7;

		if (dec31wd < 3) {
			wy = y + 1;
			wk = 1;
		}
	}
	snprintf(week, 32, "%04ld-W%02ld", wy, wk);
}

int
arc_begin(struct arc *a, struct arc_src *s, const char *day,
    const char *kind, const char *path, const char *sha256, long long size,
    int *same)
{
	sqlite3_stmt *st;
	char week[32], month[32];
	int rc;

	memset(s, 0, sizeof(*s));
	s->day = day;
	s->kind = kind;
	*same = 0;
	if ((rc = arc_exec(a, "BEGIN IMMEDIATE")) != SQLITE_OK)
		return rc;
	if (sqlite3_prepare_v2(a->db, "SELECT sha256 FROM sources WHERE"
	    " day IS ?1 AND kind = ?2", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	bstr(st, 1, day);
	bstr(st, 2, kind);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && strcmp((const char *)
	    sqlite3_column_text(st, 0), sha256) == 0)
		*same = 1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		goto fail;
	if (*same)
		return 0;
	/* the old rows of this input go with their source (ON DELETE
	 * CASCADE); the search rows with their articles (trigger) */
	if (sqlite3_prepare_v2(a->db, "DELETE FROM sources WHERE day IS ?1"
	    " AND kind = ?2", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	bstr(st, 1, day);
	bstr(st, 2, kind);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	s->replaced = sqlite3_changes(a->db) > 0;
	if (day != NULL) {
		week_month(day, week, month);
		st = stmt(a, ST_DAY);
		bstr(st, 1, day);
		bstr(st, 2, week);
		bstr(st, 3, month);
		if ((rc = step(a, st)) != 0)
			return rc;
	}
	if (sqlite3_prepare_v2(a->db, "INSERT INTO sources(day, kind, path,"
	    " sha256, size, added) VALUES (?,?,?,?,?,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ','now'))", -1, &st, NULL) !=
	    SQLITE_OK)
		goto fail;
	bstr(st, 1, day);
	bstr(st, 2, kind);
	bstr(st, 3, path);
	bstr(st, 4, sha256);
	sqlite3_bind_int64(st, 5, size);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	s->id = sqlite3_last_insert_rowid(a->db);
	s->keys = json_object();
	return 0;
fail:
	rc = sqlite3_extended_errcode(a->db);
	arc_warn(a, "write");
	return rc != SQLITE_OK ? rc : SQLITE_ERROR;
}

int
arc_end(struct arc *a, struct arc_src *s, int ok)
{
	sqlite3_stmt *st;
	int rc = SQLITE_OK;

	json_decref(s->keys);
	s->keys = NULL;
	if (ok && s->day != NULL && s->id != 0) {
		st = stmt(a, ST_LINK_EVENTS);
		bstr(st, 1, s->day);
		if ((rc = step(a, st)) == 0) {
			st = stmt(a, ST_LINK_IOCS);
			bstr(st, 1, s->day);
			rc = step(a, st);
		}
		ok = rc == 0;
	}
	if (!ok) {
		sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
		return rc != SQLITE_OK ? rc : SQLITE_ERROR;
	}
	/* days without a source are gone */
	if ((rc = arc_exec(a, "DELETE FROM days WHERE day NOT IN"
	    " (SELECT day FROM sources WHERE day IS NOT NULL)")) !=
	    SQLITE_OK || (rc = arc_exec(a, "COMMIT")) != SQLITE_OK) {
		sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return 0;
}

/* The string of key in o, or NULL (borrowed). */
static const char *
jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL && *s != '\0' ? s : NULL;
}

/* j (borrowed) as compact JSON, bound to column i; NULL when absent or an
 * empty array. */
static void
bjson(sqlite3_stmt *st, int i, const json_t *j)
{
	char *s;

	if (j == NULL || json_is_null(j) || (json_is_array(j) &&
	    json_array_size(j) == 0)) {
		sqlite3_bind_null(st, i);
		return;
	}
	if ((s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY)) == NULL)
		errx(1, "cannot encode a field");
	sqlite3_bind_text(st, i, s, -1, free);
}

/* The strings of an array (or a string) joined with ", ", into out. */
static void
joined(struct buf *out, const json_t *j, const char *key)
{
	const json_t *e;
	const char *s;
	size_t i;

	buf_reset(out);
	if (json_is_string(j)) {
		buf_puts(out, json_string_value(j));
		return;
	}
	json_array_foreach(j, i, e) {
		s = key != NULL && json_is_object(e) ? jstr(e, key) :
		    json_string_value(e);
		if (s == NULL)
			continue;
		if (out->len > 0)
			buf_puts(out, ", ");
		buf_puts(out, s);
	}
}

/* The record's indicator entry of value, or NULL (borrowed). */
static const json_t *
record_ioc(const json_t *rec, const char *value)
{
	const json_t *e;
	const char *v;
	size_t i;

	json_array_foreach(json_object_get(rec, "iocs"), i, e)
		if ((v = jstr(e, "value")) != NULL && strcmp(v, value) == 0)
			return e;
	return NULL;
}

/* Field key of the digest entry e, else of the record's entry r. */
static const char *
ifield(const json_t *e, const json_t *r, const char *key)
{
	const char *s;

	if ((s = jstr(e, key)) != NULL)
		return s;
	return jstr(r, key);
}

/* Is the indicator well known?  The digest entry's "known" when it has
 * one (else its model's or list's verdict), else the record's. */
static int
known(const json_t *e, const json_t *r)
{
	const json_t *k;

	if ((k = json_object_get(e, "known")) == NULL &&
	    (json_is_true(json_object_get(e, "model_known")) ||
	    json_is_true(json_object_get(e, "list_known"))))
		return 1;
	if (k == NULL)
		k = json_object_get(r, "known");
	return json_is_true(k) || (json_is_string(k) &&
	    (strcmp(json_string_value(k), "true") == 0 ||
	    strcmp(json_string_value(k), "よく知られている") == 0));
}

/* The canonical value of an indicator of type t in out. */
static void
canonical(struct buf *out, const char *v, const char *t)
{
	buf_reset(out);
	report_canonical(out, v, t);
}

/* The record's indicators: the digest's that are kept, else (when the
 * digest has no list) the record's own that are neither links nor well
 * known. */
static int
put_iocs(struct arc *a, struct arc_src *s, const json_t *rec,
    sqlite3_int64 art, struct buf *ctx)
{
	const json_t *d = json_object_get(rec, "digest"), *list, *e, *r, *ps;
	struct buf v = BUF_INIT, df = BUF_INIT, act = BUF_INIT,
	    mal = BUF_INIT;
	const char *val, *type, *ref, *date, *dflt_ref;
	sqlite3_stmt *st;
	size_t i;
	int rc = 0, fromdigest = json_is_array(json_object_get(d, "iocs"));

	list = fromdigest ? json_object_get(d, "iocs") :
	    json_object_get(rec, "iocs");
	joined(&act, json_object_get(d, "actor"), "name");
	joined(&mal, json_object_get(d, "malware"), NULL);
	ps = json_object_get(d, "primary_sources");
	if ((dflt_ref = json_string_value(json_array_get(ps, 0))) == NULL &&
	    (dflt_ref = jstr(d, "primary_source")) == NULL)
		dflt_ref = jstr(rec, "url");
	json_array_foreach(list, i, e) {
		val = json_is_string(e) ? json_string_value(e) :
		    jstr(e, "value");
		if (val == NULL)
			continue;
		if (fromdigest) {
			if (json_is_false(json_object_get(e, "keep")))
				continue;
			r = record_ioc(rec, val);
		} else {
			if (json_is_true(json_object_get(e, "linked")) ||
			    json_is_true(json_object_get(e, "known")))
				continue;
			r = NULL;
		}
		if (!json_is_object(e))
			e = NULL;
		if ((type = ifield(e, r, "type")) == NULL)
			type = ioc_guess_type(val);
		canonical(&v, val, type);
		if (v.len == 0)
			continue;
		buf_reset(&df);
		if (ifield(e, r, "defanged") != NULL)
			buf_puts(&df, ifield(e, r, "defanged"));
		else
			defang(&df, v.s, type);
		if ((ref = ifield(e, r, "reference")) == NULL &&
		    (ref = ifield(e, r, "found_in")) == NULL)
			ref = dflt_ref;
		if ((date = ifield(e, r, "observed")) == NULL)
			date = s->day;
		st = stmt(a, ST_INDICATOR);
		sqlite3_bind_int64(st, 1, s->id);
		sqlite3_bind_int64(st, 2, art);
		bstr(st, 3, s->day);
		bstr(st, 4, date);
		bstr(st, 5, type);
		bstr(st, 6, v.s);
		bstr(st, 7, df.s);
		bstr(st, 8, ifield(e, r, "category"));
		bstr(st, 9, ifield(e, r, "actor") != NULL ?
		    ifield(e, r, "actor") : act.s);
		bstr(st, 10, ifield(e, r, "actor_attribute") != NULL ?
		    ifield(e, r, "actor_attribute") :
		    jstr(d, "actor_attribute"));
		bstr(st, 11, ifield(e, r, "malware") != NULL ?
		    ifield(e, r, "malware") : mal.s);
		bstr(st, 12, ifield(e, r, "malware_type") != NULL ?
		    ifield(e, r, "malware_type") : jstr(d, "malware_type"));
		bstr(st, 13, ref);
		bstr(st, 14, ifield(e, r, "found_in"));
		bstr(st, 15, ifield(e, r, "context"));
		sqlite3_bind_int(st, 16, known(e, r));
		bstr(st, 17, ifield(e, r, "description"));
		bstr(st, 18, NULL);
		/* as sec-render's CSV: a card's indicator is medium, one
		 * only scanned low, unless the entry says */
		bstr(st, 19, ifield(e, r, "confidence") != NULL ?
		    ifield(e, r, "confidence") : fromdigest ? "medium" :
		    "low");
		bstr(st, 20, ifield(e, r, "scope"));
		if ((rc = step(a, st)) != 0)
			break;
		s->nindicators++;
		if (ifield(e, r, "context") != NULL) {
			if (ctx->len > 0)
				buf_putc(ctx, ' ');
			buf_puts(ctx, ifield(e, r, "context"));
		}
	}
	buf_free(&v);
	buf_free(&df);
	buf_free(&act);
	buf_free(&mal);
	return rc;
}

/* The card's event and its tags, when the card has an event type. */
static int
put_event(struct arc *a, struct arc_src *s, const json_t *rec,
    const char *title)
{
	const json_t *d = json_object_get(rec, "digest"), *e;
	struct buf key = BUF_INIT, sum = BUF_INIT;
	char week[32], month[32], *slug;
	const char *raw, *val, *eng;
	sqlite3_stmt *st;
	size_t i, n;
	int rc;

	if (jstr(d, "event_type") == NULL)
		return 0;
	eng = jstr(rec, "title");
	if ((slug = tax_snake(eng != NULL ? eng : title != NULL ? title :
	    "event")) == NULL)
		slug = xstrdup("event");
	if (strlen(slug) > 60) {
		slug[60] = '\0';
		while (strlen(slug) > 0 && slug[strlen(slug) - 1] == '_')
			slug[strlen(slug) - 1] = '\0';
	}
	buf_printf(&key, "%s_%s", s->day, slug);
	for (n = 2; json_object_get(s->keys, key.s) != NULL; n++) {
		buf_reset(&key);
		buf_printf(&key, "%s_%s_%zu", s->day, slug, n);
	}
	free(slug);
	json_object_set_new(s->keys, key.s, json_true());
	json_array_foreach(json_object_get(d, "summary"), i, e) {
		if (i == 3 || !json_is_string(e))
			break;
		if (sum.len > 0)
			buf_putc(&sum, ' ');
		buf_puts(&sum, json_string_value(e));
	}
	week_month(s->day, week, month);
	st = stmt(a, ST_EVENT);
	sqlite3_bind_int64(st, 1, s->id);
	bstr(st, 2, s->day);
	bstr(st, 3, key.s);
	bstr(st, 4, week);
	bstr(st, 5, month);
	bstr(st, 6, jstr(d, "event_type"));
	bstr(st, 7, title);
	bstr(st, 8, sum.s);
	bstr(st, 9, jstr(rec, "file"));
	bstr(st, 10, jstr(rec, "url"));
	bstr(st, 11, jstr(d, "confidence"));
	bstr(st, 12, json_is_boolean(json_object_get(d, "needs_review")) ?
	    (json_is_true(json_object_get(d, "needs_review")) ? "true" :
	    "false") : NULL);
	bstr(st, 13, jstr(d, "followup"));
	if ((rc = step(a, st)) != 0)
		goto out;
	s->nevents++;
	json_array_foreach(json_object_get(d, "tags"), i, e) {
		if ((val = jstr(e, "value")) == NULL ||
		    jstr(e, "dimension") == NULL)
			continue;
		raw = jstr(e, "raw");
		st = stmt(a, ST_TAG);
		sqlite3_bind_int64(st, 1, s->id);
		bstr(st, 2, s->day);
		bstr(st, 3, key.s);
		bstr(st, 4, jstr(e, "dimension"));
		bstr(st, 5, raw);
		bstr(st, 6, val);
		bstr(st, 7, jstr(e, "confidence"));
		bstr(st, 8, jstr(e, "note"));
		if ((rc = step(a, st)) != 0)
			goto out;
		s->ntags++;
	}
out:
	buf_free(&key);
	buf_free(&sum);
	return rc;
}

int
arc_put_record(struct arc *a, struct arc_src *s, const json_t *rec)
{
	static const char *const big[] = { "html", "text" };
	const json_t *d = json_object_get(rec, "digest"), *e;
	json_t *keep, *srcs, *c;
	struct buf ctx = BUF_INIT, sum = BUF_INIT;
	const char *title, *sec;
	sqlite3_stmt *st;
	sqlite3_int64 art;
	size_t i;
	int rc;

	if (!json_is_object(d))
		d = NULL;
	/* what is kept of the record: all but the page and its text */
	keep = json_copy((json_t *)rec);
	for (i = 0; i < NELEM(big); i++)
		json_object_del(keep, big[i]);
	srcs = json_object_get(keep, "sources");
	json_array_foreach(srcs, i, c)
		if (json_is_object(c))
			json_object_del(c, "text");
	if ((title = jstr(d, "title")) == NULL)
		title = jstr(rec, "title");
	if ((sec = jstr(rec, "section")) == NULL)
		sec = "news";
	st = stmt(a, ST_ARTICLE);
	sqlite3_bind_int64(st, 1, s->id);
	bstr(st, 2, s->day);
	sqlite3_bind_int(st, 3, ++s->seq);
	bstr(st, 4, sec);
	bstr(st, 5, jstr(rec, "url"));
	bstr(st, 6, jstr(rec, "title"));
	bstr(st, 7, jstr(rec, "feed"));
	bstr(st, 8, jstr(d, "title"));
	bjson(st, 9, json_object_get(d, "summary"));
	bjson(st, 10, json_object_get(d, "recommendations"));
	bjson(st, 11, json_object_get(d, "other"));
	if (json_array_size(json_object_get(d, "primary_sources")) > 0)
		bjson(st, 12, json_object_get(d, "primary_sources"));
	else if (jstr(d, "primary_source") != NULL) {
		json_t *one = json_pack("[s]", jstr(d, "primary_source"));

		bjson(st, 12, one);
		json_decref(one);
	}
	bstr(st, 13, json_is_string(json_object_get(d, "action")) ?
	    jstr(d, "action") : json_string_value(json_array_get(
	    json_object_get(d, "action"), 0)));
	bjson(st, 14, json_object_get(d, "actor"));
	bstr(st, 15, jstr(d, "actor_attribute"));
	bjson(st, 16, json_object_get(d, "malware"));
	bstr(st, 17, jstr(d, "malware_type"));
	bstr(st, 18, jstr(d, "event_type"));
	bstr(st, 19, jstr(d, "confidence"));
	if (json_is_boolean(json_object_get(d, "needs_review")))
		sqlite3_bind_int(st, 20, json_is_true(json_object_get(d,
		    "needs_review")));
	bstr(st, 21, jstr(d, "followup"));
	bstr(st, 22, jstr(d, "engine"));
	bjson(st, 23, keep);
	json_decref(keep);
	if ((rc = step(a, st)) != 0)
		return rc;
	art = sqlite3_last_insert_rowid(a->db);
	s->narticles++;
	/* a day's records get their events from sec-render's own code, all
	 * at once (arc_put_day_events): the keys are unique in the day */
	if ((rc = put_iocs(a, s, rec, art, &ctx)) != 0 ||
	    (strcmp(s->kind, "ndjson") != 0 &&
	    (rc = put_event(a, s, rec, title)) != 0))
		goto out;
	json_array_foreach(json_object_get(d, "summary"), i, e) {
		if (!json_is_string(e))
			continue;
		if (sum.len > 0)
			buf_putc(&sum, ' ');
		buf_puts(&sum, json_string_value(e));
	}
	if (d == NULL && jstr(rec, "summary") != NULL)
		buf_puts(&sum, jstr(rec, "summary"));
	if (a->version < 2)
		goto out;
	st = stmt(a, ST_SEARCH);
	sqlite3_bind_int64(st, 1, art);
	{
		struct buf t = BUF_INIT;

		buf_printf(&t, "%s %s", title != NULL ? title : "",
		    jstr(rec, "title") != NULL && title != NULL &&
		    strcmp(title, jstr(rec, "title")) != 0 ?
		    jstr(rec, "title") : "");
		buf_rtrim(&t);
		bstr(st, 2, t.s);
		buf_free(&t);
	}
	bstr(st, 3, sum.s);
	bstr(st, 4, ctx.s);
	rc = step(a, st);
out:
	buf_free(&ctx);
	buf_free(&sum);
	return rc;
}

/* A field of a CSV row, NULL when empty. */
static const char *
f(arc_getfn get, void *arg, const char *name)
{
	const char *s = get(name, arg);

	return s != NULL && *s != '\0' ? s : NULL;
}

static const char *
csv_type(const char *t, const char *v)
{
	if (t == NULL)
		return ioc_guess_type(v);
	if (strcmp(t, "ip") == 0)
		return strchr(v, ':') != NULL && strchr(v, '.') == NULL ?
		    "ipv6" : "ipv4";
	if (strncmp(t, "file_hash_", 10) == 0)
		return t + 10;
	return t;
}

int
arc_put_row(struct arc *a, struct arc_src *s, arc_getfn get, void *arg)
{
	struct buf v = BUF_INIT, df = BUF_INIT;
	const char *type, *val;
	sqlite3_stmt *st;
	int rc;

	if (strcmp(s->kind, "ioc-csv") == 0) {
		if ((val = f(get, arg, "ioc_value")) == NULL)
			return 0;
		type = csv_type(f(get, arg, "ioc_type"), val);
		canonical(&v, val, type);
		defang(&df, v.s, type);
		st = stmt(a, ST_INDICATOR);
		sqlite3_bind_int64(st, 1, s->id);
		bstr(st, 3, s->day);
		bstr(st, 4, f(get, arg, "date") != NULL ?
		    f(get, arg, "date") : s->day);
		bstr(st, 5, type);
		bstr(st, 6, v.s);
		bstr(st, 7, df.s);
		bstr(st, 8, f(get, arg, "category"));
		bstr(st, 9, f(get, arg, "actor"));
		bstr(st, 10, f(get, arg, "actor_attribute"));
		bstr(st, 11, f(get, arg, "malware"));
		bstr(st, 12, f(get, arg, "malware_type"));
		bstr(st, 13, f(get, arg, "reference"));
		sqlite3_bind_int(st, 16, 0);
		bstr(st, 17, f(get, arg, "description"));
		bstr(st, 18, f(get, arg, "author"));
		bstr(st, 19, f(get, arg, "confidence"));
		if ((rc = step(a, st)) == 0)
			s->nindicators++;
	} else {
		/* the columns in the order the statement binds them, after
		 * the source and the day */
		static const char *const ev[] = { "event_key", "week",
		    "month", "event_type", "title", "summary", "source_file",
		    "source_url", "confidence", "needs_review",
		    "monthly_followup_candidate", NULL };
		static const char *const tag[] = { "event_key", "dimension",
		    "raw_value", "normalized_value", "confidence", "note",
		    NULL };
		int isev = strcmp(s->kind, "events") == 0, i;
		const char *const *cols = isev ? ev : tag;

		st = stmt(a, isev ? ST_EVENT : ST_TAG);
		sqlite3_bind_int64(st, 1, s->id);
		bstr(st, 2, s->day);
		for (i = 0; cols[i] != NULL; i++)
			bstr(st, i + 3, f(get, arg, cols[i]));
		if ((rc = step(a, st)) == 0) {
			if (isev)
				s->nevents++;
			else
				s->ntags++;
		}
	}
	buf_free(&v);
	buf_free(&df);
	return rc;
}

int
arc_put_taxonomy(struct arc *a, struct arc_src *s, const struct taxonomy *t)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	if (sqlite3_prepare_v2(a->db, "INSERT OR REPLACE INTO"
	    " taxonomy_dimensions VALUES (?,?,?,?,?,?,?,?)", -1, &st,
	    NULL) != SQLITE_OK)
		return arc_warn(a, "write"), SQLITE_ERROR;
	for (i = 0; rc == 0 && i < t->ndim; i++) {
		sqlite3_reset(st);
		bstr(st, 1, t->dim[i].name);
		sqlite3_bind_int64(st, 2, s->id);
		bstr(st, 3, t->dim[i].label_ja);
		sqlite3_bind_int(st, 4, t->dim[i].dynamic);
		sqlite3_bind_int(st, 5, t->dim[i].allow_unknown);
		sqlite3_bind_int(st, 6, t->dim[i].allow_na);
		sqlite3_bind_int(st, 7, t->dim[i].active);
		sqlite3_bind_int64(st, 8, t->dim[i].sort);
		if ((rc = step(a, st)) == 0)
			s->nother++;
	}
	sqlite3_finalize(st);
	if (rc != 0 || sqlite3_prepare_v2(a->db, "INSERT OR REPLACE INTO"
	    " taxonomy_values VALUES (?,?,?,?,?,?,?)", -1, &st, NULL) !=
	    SQLITE_OK)
		return rc != 0 ? rc : (arc_warn(a, "write"), SQLITE_ERROR);
	for (i = 0; rc == 0 && i < t->nval; i++) {
		sqlite3_reset(st);
		bstr(st, 1, t->val[i].dim);
		bstr(st, 2, t->val[i].value);
		sqlite3_bind_int64(st, 3, s->id);
		bstr(st, 4, t->val[i].label_ja);
		bstr(st, 5, t->val[i].label_en);
		sqlite3_bind_int(st, 6, t->val[i].active);
		sqlite3_bind_int64(st, 7, t->val[i].sort);
		if ((rc = step(a, st)) == 0)
			s->nother++;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The invariants of the schema: each query returns the rows that break
 * one, with a few words for each. */
static const struct {
	const char *what, *sql;
} invariants[] = {
	{ "foreign key", "SELECT \"table\" || ' rowid ' || rowid"
	    " FROM pragma_foreign_key_check" },
	{ "day without a source", "SELECT day FROM days WHERE day NOT IN"
	    " (SELECT day FROM sources WHERE day IS NOT NULL)" },
	{ "day not YYYY-MM-DD", "SELECT day FROM days WHERE day NOT GLOB"
	    " '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'" },
	{ "article of another day than its source", "SELECT a.id FROM"
	    " articles a JOIN sources s ON s.id = a.source_id"
	    " WHERE a.day IS NOT s.day" },
	{ "indicator of another day than its source", "SELECT i.id FROM"
	    " indicators i JOIN sources s ON s.id = i.source_id"
	    " WHERE i.day IS NOT s.day" },
	{ "indicator of another day than its article", "SELECT i.id FROM"
	    " indicators i JOIN articles a ON a.id = i.article_id"
	    " WHERE i.day <> a.day" },
	{ "indicator not refanged", "SELECT i.id || ' ' || i.value FROM"
	    " indicators i WHERE i.value LIKE '%[.]%' OR i.value LIKE"
	    " 'hxxp%' OR i.value LIKE '%[:]%' OR i.value = ''" },
	{ "indicator date not YYYY-MM-DD", "SELECT id || ' ' || date FROM"
	    " indicators WHERE date NOT GLOB"
	    " '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'" },
	{ "event or tag of another day than its source", "SELECT 'event '"
	    " || e.id FROM events e JOIN sources s ON s.id = e.source_id"
	    " WHERE e.day IS NOT s.day UNION ALL SELECT 'tag ' || t.id FROM"
	    " tags t JOIN sources s ON s.id = t.source_id WHERE t.day IS NOT"
	    " s.day" },
	{ "article without its search row", "SELECT id FROM articles"
	    " WHERE id NOT IN (SELECT rowid FROM search)" },
	{ "search row without its article", "SELECT rowid FROM search"
	    " WHERE rowid NOT IN (SELECT id FROM articles)" },
	{ "two sources for one day and kind", "SELECT day || ' ' || kind"
	    " FROM sources WHERE day IS NOT NULL GROUP BY day, kind"
	    " HAVING count(*) > 1" },
};

long
arc_check(struct arc *a)
{
	sqlite3_stmt *st;
	const char *s;
	long nbad = 0;
	size_t i;
	int n, rc;

	if (sqlite3_prepare_v2(a->db, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK)
		return arc_warn(a, "check"), -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = (const char *)sqlite3_column_text(st, 0);
		if (s != NULL && strcmp(s, "ok") != 0) {
			warnx("%s: integrity: %s", a->path, s);
			nbad++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return arc_warn(a, "check"), -1;
	if (arc_exec(a, "INSERT INTO search(search, rank)"
	    " VALUES ('integrity-check', 1)") != SQLITE_OK)
		nbad++;
	for (i = 0; i < NELEM(invariants); i++) {
		if (sqlite3_prepare_v2(a->db, invariants[i].sql, -1, &st,
		    NULL) != SQLITE_OK)
			return arc_warn(a, "check"), -1;
		n = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (n++ < 5)
				warnx("%s: %s: %s", a->path,
				    invariants[i].what, (const char *)
				    sqlite3_column_text(st, 0));
			nbad++;
		}
		if (n > 5)
			warnx("%s: %s: %d in all", a->path,
			    invariants[i].what, n);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return arc_warn(a, "check"), -1;
	}
	return nbad;
}

/* A row of a CSV that render wrote: its fields by the header's names. */
struct csvrow {
	const struct csv *hdr;	/* the header's fields */
	char	**name;
	size_t	  nname;
	const struct csv *row;
};

static const char *
csv_get(const char *name, void *arg)
{
	struct csvrow *r = arg;
	size_t i;

	for (i = 0; i < r->nname && i < r->row->nfield; i++)
		if (strcmp(r->name[i], name) == 0)
			return r->row->field[i];
	return "";
}

/* Store the rows of the CSV text as rows of kind ("events",
 * "event-tags") of source s. */
static int
put_csv(struct arc *a, struct arc_src *s, const char *kind,
    const struct buf *text)
{
	const char *saved = s->kind, *why;
	struct csvrow r = { NULL, NULL, 0, NULL };
	struct csv c;
	size_t i;
	int rc = 0, k, first = 1;

	csv_init(&c, buf_str(text), text->len);
	s->kind = kind;
	while (rc == 0 && (k = csv_next(&c, &why)) != 0) {
		if (k == -1)
			continue;
		if (first) {
			r.name = xcalloc(c.nfield, sizeof(*r.name));
			for (i = 0; i < c.nfield; i++)
				r.name[i] = xstrdup(c.field[i]);
			r.nname = c.nfield;
			first = 0;
			continue;
		}
		r.row = &c;
		rc = arc_put_row(a, s, csv_get, &r);
	}
	s->kind = saved;
	for (i = 0; i < r.nname; i++)
		free(r.name[i]);
	free(r.name);
	csv_free(&c);
	return rc;
}

int
arc_put_day_events(struct arc *a, struct arc_src *s, const json_t *recs)
{
	struct render_opts o;
	struct buf ev = BUF_INIT, tags = BUF_INIT;
	struct day *d = day_new();
	const json_t *rec;
	const char *why;
	size_t i;
	int rc;

	json_array_foreach(recs, i, rec)
		day_add(d, (json_t *)rec, &why);
	memset(&o, 0, sizeof(o));
	o.date = s->day;
	day_events(d, &o, &ev);
	day_tags(d, &o, &tags, NULL);
	if ((rc = put_csv(a, s, "events", &ev)) == 0)
		rc = put_csv(a, s, "event-tags", &tags);
	day_free(d);
	buf_free(&ev);
	buf_free(&tags);
	return rc;
}
