/* seen.c: sec-archive seen: a day's records, with each indicator that
 * the archive holds from an earlier day marked with when it was seen
 * (sec-record(5), "seen"), for the report to say so. */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "archive.h"
#include "buf.h"
#include "cmds.h"
#include "defang.h"
#include "ndjson.h"
#include "record.h"
#include "util.h"

static const char sql_seen[] =
    "SELECT min(day), max(day), count(DISTINCT day) FROM indicators"
    " WHERE lower(value) = lower(?1) AND day < ?2";

/* Mark the IOC objects of the array a; the number marked. */
static size_t
mark(sqlite3_stmt *st, json_t *a, const char *day)
{
	json_t *c;
	size_t i, n = 0;
	const char *v;

	json_array_foreach(a, i, c) {
		struct buf bare = BUF_INIT;

		if (!json_is_object(c) || (v = rec_str(c, "value")) == NULL)
			continue;
		/* an address is the same indicator on any port */
		if (ioc_addr_type(v) != NULL) {
			ioc_addr_bare(&bare, v);
			if (bare.len > 0)
				v = bare.s;
		}
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
		buf_free(&bare);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW ||
		    sqlite3_column_int64(st, 2) == 0)
			continue;
		json_object_set_new(c, "seen", json_pack("{s:s,s:s,s:I}",
		    "first", (const char *)sqlite3_column_text(st, 0), "last",
		    (const char *)sqlite3_column_text(st, 1), "days",
		    (json_int_t)sqlite3_column_int64(st, 2)));
		n++;
	}
	return n;
}

int
cmd_seen(struct arc *a, const char *day, int argc, char **argv)
{
	struct ndjson_in in;
	sqlite3_stmt *st;
	json_t *rec;
	size_t n = 0;
	int rc = 0;

	if (sqlite3_prepare_v2(a->db, sql_seen, -1, &st, NULL) != SQLITE_OK)
		return arc_warn(a, "seen");
	ndjson_in_init(&in, argc, argv, NDJSON_MAXLINE_DEFAULT);
	while ((rec = ndjson_in_next(&in)) != NULL) {
		n += mark(st, json_object_get(rec, "iocs"), day);
		n += mark(st, json_object_get(json_object_get(rec, "digest"),
		    "iocs"), day);
		ndjson_write(rec);
		json_decref(rec);
	}
	if (in.nbad > 0 || in.nunread > 0)
		rc = EXIT_INPUT;
	ndjson_in_free(&in);
	sqlite3_finalize(st);
	(void)n;
	return rc;
}
