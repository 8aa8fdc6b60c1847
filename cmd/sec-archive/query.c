/* query.c: what comes out of the archive: an indicator's history, a
 * search, the days, and the CSV exports (sec-archive(1)). */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "archive.h"
#include "../sec-render/render.h"
#include "buf.h"
#include "cmds.h"
#include "defang.h"
#include "../sec-render/iocinfo.h"
#include "ioc.h"
#include "ndjson.h"
#include "record.h"
#include "report.h"
#include "../sec-render/text.h"
#include "utf8.h"
#include "util.h"

#define CELL_MAX	48	/* widest table cell, in columns */

/* Rows for a table: kept until all are known, then printed with each
 * column as wide as its widest cell. */
struct table {
	size_t	 ncol;
	char	**cell;		/* nrow * ncol */
	size_t	 nrow;
};

/* Columns s takes on a terminal: East Asian wide characters two. */
static size_t
width(const char *s, size_t n)
{
	size_t i = 0, w = 0;
	uint32_t c;
	int k;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &c)) <= 0)
			k = 1, c = 0xfffd;
		i += (size_t)k;
		w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 &&
		    c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
		    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 &&
		    c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
		    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 &&
		    c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
	}
	return w;
}

static void
table_add(struct table *t, const char *const *row)
{
	struct buf b = BUF_INIT;
	size_t i, n, cut;
	uint32_t c;
	int k;

	t->cell = xreallocarray(t->cell, (t->nrow + 1) * t->ncol,
	    sizeof(*t->cell));
	for (i = 0; i < t->ncol; i++) {
		buf_reset(&b);
		txt_plain(&b, row[i] != NULL ? row[i] : "");
		if (width(buf_str(&b), b.len) > CELL_MAX) {
			/* cut at a character, and say so */
			for (n = 0, cut = 0; cut < b.len; cut += (size_t)k) {
				if ((k = utf8_decode(b.s + cut, b.len - cut,
				    &c)) <= 0)
					k = 1;
				if ((n += width(b.s + cut, (size_t)k)) >
				    CELL_MAX - 1)
					break;
			}
			b.s[cut] = '\0';
			b.len = cut;
			buf_puts(&b, "…");
		}
		t->cell[t->nrow * t->ncol + i] = b.len > 0 ? buf_detach(&b) :
		    xstrdup("");
	}
	buf_free(&b);
	t->nrow++;
}

static void
table_print(struct table *t)
{
	size_t *w = xcalloc(t->ncol, sizeof(*w)), r, i, cw;
	const char *s;

	for (r = 0; r < t->nrow; r++)
		for (i = 0; i < t->ncol; i++) {
			s = t->cell[r * t->ncol + i];
			if ((cw = width(s, strlen(s))) > w[i])
				w[i] = cw;
		}
	for (r = 0; r < t->nrow; r++) {
		for (i = 0; i < t->ncol; i++) {
			s = t->cell[r * t->ncol + i];
			if (fputs(s, stdout) == EOF)
				err(EXIT_WRITE, "<stdout>");
			if (i + 1 < t->ncol)
				printf("%*s", (int)(w[i] - width(s,
				    strlen(s)) + 2), "");
			free(t->cell[r * t->ncol + i]);
		}
		if (putchar('\n') == EOF)
			err(EXIT_WRITE, "<stdout>");
	}
	free(t->cell);
	free(w);
	t->cell = NULL;
	t->nrow = 0;
}

static int
as_table(const struct cmdopts *o)
{
	return o->out == OUT_TABLE || (o->out == OUT_AUTO &&
	    isatty(STDOUT_FILENO));
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Add s to the array a (a set: kept once, in the order first seen). */
static void
set_add(json_t *a, const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || strcmp(s, "unknown") == 0)
		return;
	for (i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_array_get(a, i)), s) == 0)
			return;
	json_array_append_new(a, json_string(s));
}

/* The value an analyst types, as the archive keeps it: refanged, and
 * read by the IOC scanner when it is one indicator. */
static char *
normal(const char *v)
{
	struct buf b = BUF_INIT, c = BUF_INIT;

	ioc_refang(&b, v, strlen(v));
	buf_rtrim(&b);
	report_canonical(&c, buf_str(&b), ioc_guess_type(buf_str(&b)));
	buf_free(&b);
	return c.s != NULL ? buf_detach(&c) : xstrdup("");
}

int
cmd_ioc(struct arc *a, const struct cmdopts *o, int argc, char **argv)
{
	static const char sql[] =
	    "SELECT i.day, i.date, i.type, i.value, i.category, i.actor,"
	    " i.malware, i.reference, a.title, a.digest_title, a.url,"
	    " i.actor_attribute, i.malware_type, s.kind, i.defanged"
	    " FROM indicators i JOIN sources s ON s.id = i.source_id"
	    " LEFT JOIN articles a ON a.id = i.article_id"
	    " WHERE lower(i.value) = lower(?1) OR (?2 AND lower(i.value) >"
	    " lower(?1) || ':' AND lower(i.value) < lower(?1) || ';')"
	    " ORDER BY i.day, i.id";
	static const char *const hdr[] = { "DAY", "TYPE", "VALUE",
	    "CATEGORY", "ACTOR", "MALWARE", "REFERENCE", "ARTICLE" };
	struct table t = { NELEM(hdr), NULL, 0 };
	sqlite3_stmt *st;
	json_t *j, *days, *arts, *refs, *actors, *mal, *types, *cats, *art;
	const char *first, *row[NELEM(hdr)];
	char *v, *last = NULL, *firstc = NULL;
	int i, n, rc, tab = as_table(o);

	if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK)
		return arc_warn(a, "query");
	if (tab)
		table_add(&t, hdr);
	for (i = 0; i < argc; i++) {
		v = normal(argv[i]);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
		/* an address also finds its sightings with a port */
		sqlite3_bind_int(st, 2, ioc_addr_type(v) != NULL &&
		    strchr(v, '/') == NULL);
		days = json_array();
		arts = json_array();
		refs = json_array();
		actors = json_array();
		mal = json_array();
		types = json_array();
		cats = json_array();
		n = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (n++ == 0) {
				free(firstc);
				firstc = xstrdup(col(st, 0));
			}
			free(last);
			last = xstrdup(col(st, 0));
			set_add(days, col(st, 0));
			set_add(types, col(st, 2));
			set_add(cats, col(st, 4));
			set_add(actors, col(st, 5));
			set_add(mal, col(st, 6));
			set_add(refs, col(st, 7));
			if (col(st, 10) != NULL) {
				art = json_pack("{s:s, s:s?, s:s}", "day",
				    col(st, 0), "title", col(st, 9) != NULL ?
				    col(st, 9) : col(st, 8), "url",
				    col(st, 10));
				if (art != NULL)
					json_array_append_new(arts, art);
			}
			if (tab) {
				row[0] = col(st, 0);
				row[1] = col(st, 2);
				row[2] = col(st, 3);
				row[3] = col(st, 4);
				row[4] = col(st, 5);
				row[5] = col(st, 6);
				row[6] = col(st, 7);
				row[7] = col(st, 9) != NULL ? col(st, 9) :
				    col(st, 8);
				table_add(&t, row);
			}
		}
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			free(v);
			return arc_warn(a, "query");
		}
		first = n > 0 ? firstc : NULL;
		/* what was typed may not be UTF-8: repaired */
		j = json_object();
		rec_set_str(j, "value", v);
		rec_set_new(j, "sightings", json_integer(n));
		if (n > 0) {
			rec_set_new(j, "types", types);
			rec_set_str(j, "first_seen", first);
			rec_set_str(j, "last_seen", last);
			rec_set_new(j, "days", days);
			rec_set_new(j, "articles", arts);
			rec_set_new(j, "references", refs);
			rec_set_new(j, "actors", actors);
			rec_set_new(j, "malware", mal);
			rec_set_new(j, "categories", cats);
		} else {
			json_decref(types);
			json_decref(days);
			json_decref(arts);
			json_decref(refs);
			json_decref(actors);
			json_decref(mal);
			json_decref(cats);
		}
		if (!tab)
			ndjson_write(j);
		json_decref(j);
		free(v);
	}
	if (tab)
		table_print(&t);
	free(last);
	free(firstc);
	sqlite3_finalize(st);
	return 0;
}

/* Write the rows of st: each through tojson (a new object, or NULL to
 * skip it) as a JSON line, or as a row of a table under hdr.  Returns 0,
 * or the exit status after a warning naming what. */
static int
rows_out(struct arc *a, sqlite3_stmt *st, const struct cmdopts *o,
    const char *const *hdr, size_t ncol, json_t *(*tojson)(sqlite3_stmt *),
    const char *what)
{
	struct table t = { ncol, NULL, 0 };
	const char **row = xcalloc(ncol, sizeof(*row));
	json_t *j;
	size_t i;
	int rc, tab = as_table(o);

	if (tab)
		table_add(&t, hdr);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (tab) {
			for (i = 0; i < ncol; i++)
				row[i] = col(st, (int)i);
			table_add(&t, row);
		} else if ((j = tojson(st)) != NULL) {
			ndjson_write(j);
			json_decref(j);
		}
	}
	free(row);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		table_print(&t);
		return arc_warn(a, what);
	}
	if (tab)
		table_print(&t);
	return 0;
}

static json_t *
search_json(sqlite3_stmt *st)
{
	return json_pack("{s:s, s:s, s:s?, s:s?, s:s?}", "day", col(st, 0),
	    "section", col(st, 1), "title", col(st, 2), "url", col(st, 3),
	    "match", col(st, 4));
}

int
cmd_search(struct arc *a, const struct cmdopts *o, const char *text)
{
	/* the trigram index needs three characters; shorter words are
	 * looked for with LIKE */
	static const char fts[] =
	    "SELECT a.day, a.section, coalesce(a.digest_title, a.title),"
	    " a.url, snippet(search, -1, '[', ']', '…', 12)"
	    " FROM search JOIN articles a ON a.id = search.rowid"
	    " WHERE search MATCH ?1 ORDER BY a.day DESC, a.seq";
	static const char like[] =
	    "SELECT a.day, a.section, coalesce(a.digest_title, a.title),"
	    " a.url, substr(s.summary, 1, 60)"
	    " FROM search s JOIN articles a ON a.id = s.rowid"
	    " WHERE instr(lower(s.title), lower(?1)) OR"
	    " instr(lower(s.summary), lower(?1)) OR"
	    " instr(lower(s.context), lower(?1))"
	    " ORDER BY a.day DESC, a.seq";
	static const char *const hdr[] = { "DAY", "SECTION", "TITLE", "URL",
	    "MATCH" };
	struct buf q = BUF_INIT;
	sqlite3_stmt *st;
	const char *p;
	int rc;

	if (utf8_len(text, strlen(text)) >= 3) {
		/* one phrase: the text as it is, quotes doubled */
		buf_putc(&q, '"');
		for (p = text; *p != '\0'; p++) {
			if (*p == '"')
				buf_putc(&q, '"');
			buf_putc(&q, *p);
		}
		buf_putc(&q, '"');
		rc = sqlite3_prepare_v2(a->db, fts, -1, &st, NULL);
	} else {
		buf_puts(&q, text);
		rc = sqlite3_prepare_v2(a->db, like, -1, &st, NULL);
	}
	if (rc != SQLITE_OK) {
		buf_free(&q);
		return arc_warn(a, "search");
	}
	sqlite3_bind_text(st, 1, buf_str(&q), -1, SQLITE_TRANSIENT);
	buf_free(&q);
	return rows_out(a, st, o, hdr, NELEM(hdr), search_json, "search");
}

static json_t *
day_row(sqlite3_stmt *st)
{
	static const char *const keys[] = { "day", "week", "articles",
	    "indicators", "events", "tags" };
	json_t *j = json_object(), *k = json_array();
	char *c, *s;
	int i;

	for (i = 0; i < (int)NELEM(keys); i++)
		rec_set_new(j, keys[i], i < 2 ? json_string(col(st, i)) :
		    json_integer(sqlite3_column_int64(st, i)));
	s = xstrdup(col(st, 6) != NULL ? col(st, 6) : "");
	for (c = strtok(s, ","); c != NULL; c = strtok(NULL, ","))
		json_array_append_new(k, json_string(c));
	free(s);
	rec_set_new(j, "sources", k);
	return j;
}

int
cmd_days(struct arc *a, const struct cmdopts *o)
{
	static const char sql[] =
	    "SELECT d.day, d.week,"
	    " (SELECT count(*) FROM articles WHERE day = d.day),"
	    " (SELECT count(*) FROM indicators WHERE day = d.day),"
	    " (SELECT count(*) FROM events WHERE day = d.day),"
	    " (SELECT count(*) FROM tags WHERE day = d.day),"
	    " (SELECT group_concat(kind, ',') FROM (SELECT kind FROM sources"
	    "   WHERE day = d.day ORDER BY kind))"
	    " FROM days d ORDER BY d.day";
	static const char *const hdr[] = { "DAY", "WEEK", "ARTICLES",
	    "INDICATORS", "EVENTS", "TAGS", "SOURCES" };
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK)
		return arc_warn(a, "days");
	return rows_out(a, st, o, hdr, NELEM(hdr), day_row, "days");
}

/* One CSV field, as sec-render writes it: one line, quoted when it must
 * be, never a formula; dflt when empty. */
static void
field(struct buf *out, const char *s, const char *dflt, int last)
{
	struct buf b = BUF_INIT;

	txt_plain(&b, s != NULL ? s : "");
	txt_csv(out, b.len > 0 ? b.s : dflt);
	buf_putc(out, last ? '\n' : ',');
	buf_free(&b);
}

static int
export_iocs(struct arc *a, sqlite3_stmt *st, struct buf *out)
{
	struct buf v = BUF_INIT, key = BUF_INIT;
	const char *ct, *type, *val, *ref, *conf, *author, *desc;
	json_t *seen = json_object();
	char *day = NULL;
	int rc, i;

	(void)a;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		type = col(st, 1);
		val = col(st, 2);
		if (day == NULL || strcmp(day, col(st, 0)) != 0) {
			/* rows are unique per day, as in a day's CSV */
			free(day);
			day = xstrdup(col(st, 0));
			json_object_clear(seen);
		}
		if ((ct = ri_csv_type(type)) == NULL)
			continue;
		buf_reset(&v);
		ri_refang(&v, val, type);
		if (v.len == 0 || ri_noise(type, v.s, col(st, 15),
		    sqlite3_column_int(st, 12)))
			continue;
		if ((ref = col(st, 9)) == NULL)
			ref = "unknown";
		buf_reset(&key);
		buf_printf(&key, "%s\x1f%s\x1f%s", ct, v.s, ref);
		if (json_object_get(seen, key.s) != NULL)
			continue;
		json_object_set_new(seen, key.s, json_true());
		field(out, ct, "unknown", 0);
		field(out, v.s, "unknown", 0);
		field(out, col(st, 3), "unknown", 0);
		for (i = 4; i <= 8; i++)
			field(out, col(st, i), "unknown", 0);
		field(out, ref, "unknown", 0);
		if ((desc = col(st, 10)) == NULL)
			desc = col(st, 13);
		field(out, desc, "unknown", 0);
		if ((author = col(st, 11)) == NULL)
			author = "sec-tools";
		field(out, author, "unknown", 0);
		conf = col(st, 14);
		if (conf == NULL || (strcmp(conf, "high") != 0 &&
		    strcmp(conf, "medium") != 0 && strcmp(conf, "low") != 0))
			conf = "low";
		field(out, conf, "unknown", 1);
	}
	free(day);
	json_decref(seen);
	buf_free(&v);
	buf_free(&key);
	return rc;
}

/* The CSV of kind k (0 IOCs, 1 events, 2 tags) of day's records, as
 * sec-render writes it, without its header, onto out.  SQLITE_DONE, or
 * an SQLite error code. */
static int
render_day(struct arc *a, const char *day, int k, struct buf *out)
{
	struct render_opts o;
	struct buf b = BUF_INIT;
	struct day *d;
	sqlite3_stmt *st;
	json_error_t jerr;
	json_t *rec;
	const char *why, *nl;
	int rc;

	if ((rc = sqlite3_prepare_v2(a->db, "SELECT a.record FROM articles a"
	    " JOIN sources s ON s.id = a.source_id WHERE s.kind = 'ndjson'"
	    " AND a.day = ?1 ORDER BY a.seq", -1, &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	d = day_new();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r == NULL || (rec = json_loads(r, 0, &jerr)) == NULL)
			continue;
		day_add(d, rec, &why);
		json_decref(rec);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		memset(&o, 0, sizeof(o));
		o.date = day;
		if (k == 0)
			day_csv(d, &o, &b, NULL);
		else if (k == 1)
			day_events(d, &o, &b);
		else
			day_tags(d, &o, &b, NULL);
		if ((nl = strchr(buf_str(&b), '\n')) != NULL)
			buf_puts(out, nl + 1);
	}
	day_free(d);
	buf_free(&b);
	return rc;
}

int
cmd_export(struct arc *a, const char *format, const char *since,
    const char *until)
{
	static const struct {
		const char *name, *header, *sql;
		int ncol;
	} fmts[] = {
		{ "ioc-csv", NULL,
		  "SELECT day, type, value, date, category, actor,"
		  " actor_attribute, malware, malware_type, reference,"
		  " description, author, known, context, confidence, scope"
		  " FROM indicators WHERE day >= ?1 AND day <= ?2"
		  " ORDER BY day, id", 0 },
		{ "events-csv", "event_key,date,week,month,event_type,title,"
		  "summary,source_file,source_url,confidence,needs_review,"
		  "monthly_followup_candidate\n",
		  "SELECT event_key, day, week, month, event_type, title,"
		  " summary, source_file, source_url, confidence,"
		  " needs_review, followup FROM events"
		  " WHERE day >= ?1 AND day <= ?2 ORDER BY day, id", 12 },
		{ "event-tags-csv", "event_key,dimension,raw_value,"
		  "normalized_value,confidence,note\n",
		  "SELECT event_key, dimension, raw_value, value, confidence,"
		  " note FROM tags WHERE day >= ?1 AND day <= ?2"
		  " ORDER BY day, id", 6 },
	};
	static const char *const analyst[] = { "ioc-csv", "events",
	    "event-tags" };
	struct buf out = BUF_INIT, sql = BUF_INIT;
	sqlite3_stmt *st, *days, *has;
	const char *day;
	size_t k;
	int i, rc = SQLITE_DONE;

	for (k = 0; k < NELEM(fmts); k++)
		if (strcmp(format, fmts[k].name) == 0)
			break;
	if (k == NELEM(fmts))
		errx(EXIT_USAGE, "export: %s: unknown format", format);
	/* a day's rows as stored, of every source but the day's records:
	 * those are written by sec-render's own code (render_day), so that
	 * an exported day is the day sec-render wrote, column for column */
	buf_puts(&sql, fmts[k].sql);
	buf_puts(&sql, "");
	{
		char *w = strstr(sql.s, " WHERE day >= ?1 AND day <= ?2");

		if (w == NULL)
			errx(1, "export: the query has no day range");
		buf_reset(&out);
		buf_put(&out, sql.s, (size_t)(w - sql.s));
		buf_puts(&out, " WHERE day = ?1 AND source_id IN (SELECT id"
		    " FROM sources WHERE kind != 'ndjson')");
		buf_puts(&out, w + strlen(" WHERE day >= ?1 AND day <= ?2"));
		buf_reset(&sql);
		buf_puts(&sql, out.s);
		buf_reset(&out);
	}
	if (sqlite3_prepare_v2(a->db, sql.s, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db, "SELECT day FROM days WHERE day >= ?1"
	    " AND day <= ?2 ORDER BY day", -1, &days, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db, "SELECT 1 FROM sources WHERE day = ?1"
	    " AND kind = ?2", -1, &has, NULL) != SQLITE_OK) {
		buf_free(&sql);
		return arc_warn(a, "export");
	}
	buf_free(&sql);
	sqlite3_bind_text(days, 1, since != NULL ? since : "0000-00-00", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(days, 2, until != NULL ? until : "9999-99-99", -1,
	    SQLITE_STATIC);
	if (fmts[k].header == NULL)
		buf_puts(&out, "ioc_type,ioc_value,date,category,actor,"
		    "actor_attribute,malware,malware_type,reference,"
		    "description,author,confidence\n");
	else
		buf_puts(&out, fmts[k].header);
	while (rc == SQLITE_DONE && sqlite3_step(days) == SQLITE_ROW) {
		int analysts;

		day = (const char *)sqlite3_column_text(days, 0);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
		if (fmts[k].header == NULL)
			rc = export_iocs(a, st, &out);
		else
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				for (i = 0; i < fmts[k].ncol; i++)
					field(&out, col(st, i), "", i + 1 ==
					    fmts[k].ncol);
		if (rc != SQLITE_DONE)
			break;
		/* the day's records, unless the analyst's own CSV of the
		 * kind is there: theirs is what they published */
		sqlite3_reset(has);
		sqlite3_bind_text(has, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(has, 2, analyst[k], -1, SQLITE_STATIC);
		analysts = sqlite3_step(has) == SQLITE_ROW;
		if (!analysts && (rc = render_day(a, day, (int)k, &out)) !=
		    SQLITE_DONE)
			break;
		if (out.len > 65536) {
			if (fwrite(out.s, 1, out.len, stdout) != out.len)
				err(EXIT_WRITE, "<stdout>");
			buf_reset(&out);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(days);
	sqlite3_finalize(has);
	if (rc != SQLITE_DONE) {
		buf_free(&out);
		return arc_warn(a, "export");
	}
	if (out.len > 0 && fwrite(out.s, 1, out.len, stdout) != out.len)
		err(EXIT_WRITE, "<stdout>");
	buf_free(&out);
	return 0;
}
