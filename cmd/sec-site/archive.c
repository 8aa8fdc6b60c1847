/* archive.c: the days of a sec-archive(1) database as sec-site reads
 * them: each day's records as they were added, and the indicators of
 * the analyst's IOC CSVs (site.h).  The database is opened read-only:
 * the site never changes the archive. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "site.h"
#include "util.h"

static const char sql_records[] =
    "SELECT day, record FROM articles ORDER BY day, seq";
/* the rows of the analyst's IOC CSVs: their own category, actor and
 * reference, which the records of a parsed report do not carry */
static const char sql_iocs[] =
    "SELECT i.day, i.type, i.value, i.defanged, i.category, i.actor,"
    " i.actor_attribute, i.malware, i.malware_type, i.reference,"
    " i.description FROM indicators i JOIN sources s ON s.id = i.source_id"
    " WHERE s.kind = 'ioc-csv' AND i.known = 0 ORDER BY i.day, i.id";

/* The day of iso: the last one when the rows are still on it (they come
 * ordered by day), else a new one. */
static struct s_day *
day_of(struct site *s, const char *iso)
{
	if (strlen(iso) != 10)
		return NULL;
	if (s->nday > 0 && strcmp(s->day[s->nday - 1].date, iso) == 0)
		return &s->day[s->nday - 1];
	return site_day(s, iso);
}

static char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

int
site_add_archive(struct site *s, const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	json_error_t jerr;
	json_t *rec;
	int rc, bad = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		warnx("%s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 60000);
	if (sqlite3_prepare_v2(db, sql_records, -1, &st, NULL) != SQLITE_OK) {
		warnx("%s: not an archive: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *day = (const char *)sqlite3_column_text(st, 0);
		const char *r = (const char *)sqlite3_column_text(st, 1);
		struct s_day *d;

		if (day == NULL || r == NULL || (d = day_of(s, day)) == NULL) {
			bad++;
			continue;
		}
		if ((rec = json_loads(r, 0, &jerr)) == NULL) {
			warnx("%s: %s: a stored record is not JSON: %s", path,
			    day, jerr.text);
			bad++;
			continue;
		}
		json_object_del(rec, "html");
		json_object_del(rec, "text");
		json_array_append_new(d->recs, rec);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		warnx("%s: %s", path, sqlite3_errmsg(db));
		bad++;
	}
	if (sqlite3_prepare_v2(db, sql_iocs, -1, &st, NULL) == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct s_extra *x;

			s->extra = xreallocarray(s->extra, s->nextra + 1,
			    sizeof(*s->extra));
			x = &s->extra[s->nextra++];
			x->day = col(st, 0);
			x->type = col(st, 1);
			x->value = col(st, 2);
			x->defanged = col(st, 3);
			x->category = col(st, 4);
			x->actor = col(st, 5);
			x->attribution = col(st, 6);
			x->malware = col(st, 7);
			x->mtype = col(st, 8);
			x->reference = col(st, 9);
			x->description = col(st, 10);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return bad > 0 ? -1 : 0;
}
