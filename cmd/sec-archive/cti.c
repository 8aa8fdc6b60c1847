/* cti.c: sec-archive export --format stix | misp-feed: the archived
 * days' records as a STIX 2.1 bundle or a MISP feed directory (common/
 * stix.c, misp.c: the same writers as sec-render's for one day). */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "archive.h"
#include "buf.h"
#include "cmds.h"
#include "misp.h"
#include "stix.h"
#include "util.h"

static const char sql_records[] =
    "SELECT day, record FROM articles WHERE day >= ?1 AND day <= ?2"
    " ORDER BY day, seq";

/* Call fn for each day of [since, until] with its records. */
static int
days(struct arc *a, const char *since, const char *until,
    int (*fn)(void *, const char *day, json_t *recs), void *arg)
{
	sqlite3_stmt *st;
	json_t *recs = json_array(), *rec;
	json_error_t jerr;
	char day[16] = "";
	int rc, frc = 0;

	if (sqlite3_prepare_v2(a->db, sql_records, -1, &st, NULL) !=
	    SQLITE_OK) {
		json_decref(recs);
		return arc_warn(a, "export");
	}
	sqlite3_bind_text(st, 1, since != NULL ? since : "0000-00-00", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 2, until != NULL ? until : "9999-99-99", -1,
	    SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && frc == 0) {
		const char *d = (const char *)sqlite3_column_text(st, 0);
		const char *r = (const char *)sqlite3_column_text(st, 1);

		if (d == NULL || r == NULL)
			continue;
		if (day[0] != '\0' && strcmp(d, day) != 0) {
			frc = fn(arg, day, recs);
			json_array_clear(recs);
		}
		snprintf(day, sizeof(day), "%s", d);
		if ((rec = json_loads(r, 0, &jerr)) == NULL) {
			warnx("export: %s: a stored record is not JSON: %s",
			    d, jerr.text);
			continue;
		}
		json_array_append_new(recs, rec);
	}
	if (frc == 0 && day[0] != '\0')
		frc = fn(arg, day, recs);
	sqlite3_finalize(st);
	json_decref(recs);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return arc_warn(a, "export");
	return frc;
}

struct cti {
	const char	*out, *tlp;
	json_t		*all;	/* stix: every day's records */
	size_t		 ndays;
};

static int
gather(void *arg, const char *day, json_t *recs)
{
	struct cti *c = arg;

	(void)day;
	json_array_extend(c->all, recs);
	c->ndays++;
	return 0;
}

static int
feed(void *arg, const char *day, json_t *recs)
{
	struct cti *c = arg;
	struct misp_opts mo = { NULL, c->tlp, day };
	struct buf msg = BUF_INIT;
	json_t *ev = misp_event(recs, &mo);
	int rc = 0;

	if (misp_feed_write(c->out, ev, &msg) == -1) {
		warnx("export: %s", msg.s);
		rc = EXIT_WRITE;
	}
	c->ndays++;
	json_decref(ev);
	buf_free(&msg);
	return rc;
}

int
cmd_export_cti(struct arc *a, const char *format, const char *since,
    const char *until, const char *out, const char *tlp)
{
	struct cti c = { out, tlp, NULL, 0 };
	int rc;

	if (tlp != NULL && !stix_tlp_ok(tlp))
		errx(EXIT_USAGE, "export: --tlp %s: not clear, white, green,"
		    " amber or red", tlp);
	if (strcmp(format, "misp-feed") == 0) {
		if (out == NULL)
			errx(EXIT_USAGE, "export: misp-feed needs -o DIR");
		return days(a, since, until, feed, &c);
	}
	c.all = json_array();
	if ((rc = days(a, since, until, gather, &c)) == 0) {
		struct stix_opts so = { NULL, tlp, until };
		json_t *b = stix_bundle(c.all, &so);
		char *s = json_dumps(b, JSON_INDENT(1) | JSON_ENSURE_ASCII);
		struct buf text = BUF_INIT;

		buf_puts(&text, s != NULL ? s : "{}");
		buf_putc(&text, '\n');
		free(s);
		if (out == NULL) {
			if (fwrite(text.s, 1, text.len, stdout) != text.len)
				err(EXIT_WRITE, "<stdout>");
		} else if (write_file_atomic(out, text.s, text.len) == -1) {
			warn("%s", out);
			rc = EXIT_WRITE;
		}
		buf_free(&text);
		json_decref(b);
	}
	json_decref(c.all);
	return rc;
}
