/* render.c: the day's records written as the report (FORMAT.md), as one
 * JSON document, or as the IOC CSV. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "defang.h"
#include "iocinfo.h"
#include "record.h"
#include "render.h"
#include "section.h"
#include "text.h"
#include "timeutil.h"
#include "url.h"
#include "utf8.h"
#include "util.h"
#include "vocab.h"

#define MAX_SUMMARY	5
#define MAX_RECS	3
#define MAX_OTHER	3
#define FEED_SUMMARY_MAX 400	/* code points of a feed summary bullet */

struct day {
	json_t	*recs[NSECTIONS];	/* arrays of records, input order */
	int	 spooled;	/* day_spool(): the JSON is written as read */
	FILE	*spool[NSECTIONS];	/* its JSON articles, or NULL */
	size_t	 nspool[NSECTIONS];
	int	 spoolerr;	/* errno of a failed spool write, or 0 */
};

static int j_put_article(FILE *, const json_t *, int);
static const char *str(const json_t *, const char *);

/* Is s (or NULL) the string t? */
static int
is(const char *s, const char *t)
{
	return s != NULL && strcmp(s, t) == 0;
}

/* One indicator of an article, as the report shows it. */
struct iocv {
	const char *value;	/* as in the record, without userinfo (red) */
	char	*red;		/* new */
	const char *type;	/* canonical (static or borrowed) */
	int	 known;
	const json_t *o;	/* the digest's entry, or NULL */
	const json_t *r;	/* the record's "iocs" entry, or NULL */
};

/* An item of a list with sub-bullets: the lines joined by '\n', the
 * first the bullet, the others its sub-bullets. */

/* An article (any record) with its blocks worked out. */
struct article {
	const json_t *rec;
	const json_t *digest;	/* NULL when the record has none */
	char	*title;		/* cleaned */
	char	*url;		/* raw but for its userinfo, NULL when absent */
	struct strv summary, recs, other;
	char	*action;	/* cleaned, NULL when absent */
	char	*primary;	/* digest.primary_source, as url */
	struct strv primaries;	/* digest.primary_sources, as url */
	int	 has_primaries;	/* the digest has "primary_sources" */
	struct strv live;	/* reference links left live in prose */
	struct strv notes;	/* what the reader must know of the card */
	int	 model;		/* the card is a model's (no fallback) */
	struct iocv *iocs;
	size_t	 niocs;
	struct iocv *xiocs;	/* found in sources, not in the digest */
	size_t	 nxiocs;
};

typedef void cleanfn(struct buf *, const char *, const struct strv *);

int
render_today(long long now, char *out, size_t len)
{
	const char *tz = getenv("TZ");
	struct tm tm;
	time_t t;
	int y, m, d, hh, mm, ss, nr;

	if (tz == NULL || *tz == '\0') {
		time_to_civil(now + 9 * 3600, &y, &m, &d, &hh, &mm, &ss);
		nr = snprintf(out, len, "%04d-%02d-%02d", y, m, d);
		return nr < 0 || (size_t)nr >= len ? -1 : 0;
	}
	t = (time_t)now;
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, len, "%Y-%m-%d", &tm) == 0)
		return -1;
	return 0;
}

struct day *
day_new(void)
{
	struct day *d;
	int i;

	d = xcalloc(1, sizeof(*d));
	for (i = 0; i < NSECTIONS; i++)
		if ((d->recs[i] = json_array()) == NULL)
			abort();
	return d;
}

void
day_spool(struct day *d)
{
	d->spooled = 1;
}

void
day_free(struct day *d)
{
	int i;

	if (d == NULL)
		return;
	for (i = 0; i < NSECTIONS; i++) {
		json_decref(d->recs[i]);
		if (d->spool[i] != NULL)
			fclose(d->spool[i]);
	}
	free(d);
}

/* Note in hits (value -> URL) each of the record's indicators that the
 * text of a primary source holds. */
static void
primary_hits(json_t *hits, const char *text, const char *url,
    const char *cand)
{
	if (cand == NULL || *cand == '\0' || json_object_get(hits, cand) !=
	    NULL || !utf8_valid(cand, strlen(cand)))
		return;
	if (strstr(text, cand) != NULL)
		rec_set_new(hits, cand, json_string_safe(url, strlen(url)));
}

/* Keep of rec's "sources" what the CSV and the log use, without their
 * text: url, kind, parent, format, published, error; and, as
 * "_in_primary", which indicators a primary source's text holds. */
static void
slim_sources(const json_t *rec, json_t *keep)
{
	static const char *const fields[] = { "url", "kind", "parent",
	    "format", "published", "error" };
	const json_t *srcs, *e, *c, *list;
	const char *text, *url;
	json_t *out, *o, *v, *hits;
	size_t i, k, j;

	srcs = json_object_get(rec, "sources");
	if (!json_is_array(srcs))
		return;
	out = json_array();
	hits = json_object();
	json_array_foreach(srcs, i, e) {
		if (!json_is_object(e))
			continue;
		o = json_object();
		for (k = 0; k < NELEM(fields); k++)
			if ((v = json_object_get(e, fields[k])) != NULL)
				rec_set_new(o, fields[k], json_incref(v));
		arr_append_new(out, o);
		text = json_string_value(json_object_get(e, "text"));
		url = json_string_value(json_object_get(e, "url"));
		if (text == NULL || url == NULL ||
		    !is(str(e, "kind"), "primary"))
			continue;
		json_array_foreach(json_object_get(rec, "iocs"), j, c) {
			primary_hits(hits, text, url, str(c, "value"));
			primary_hits(hits, text, url, str(c, "defanged"));
		}
		list = json_object_get(json_object_get(rec, "digest"), "iocs");
		json_array_foreach(list, j, c)
			primary_hits(hits, text, url, json_is_string(c) ?
			    json_string_value(c) : str(c, "value"));
	}
	rec_set_new(keep, "sources", out);
	rec_set_new(keep, "_in_primary", hits);
}

int
day_add(struct day *d, json_t *rec, const char **why)
{
	static const char *const fields[] = { "id", "url", "canonical",
	    "title", "summary", "iocs", "digest", "also", "links",
	    "published", "section", "file" };
	const json_t *sec;
	json_t *keep, *v;
	const char *s;
	int i, idx = SECTION_NEWS, r = 0;

	sec = json_object_get(rec, "section");
	if (sec != NULL && !json_is_null(sec)) {
		if ((s = json_string_value(sec)) == NULL) {
			*why = "\"section\" is not a string; listed under "
			    "その他のメモ";
			idx = SECTION_MEMO;
			r = -1;
		} else {
			if ((i = section_find(s)) == -1) {
				*why = "unknown section; listed under "
				    "その他のメモ";
				idx = SECTION_MEMO;
				r = -1;
			} else
				idx = i;
		}
	}
	if (d->spooled) {
		/* written now into the section's spool, kept no longer */
		if (d->spool[idx] == NULL &&
		    (d->spool[idx] = tmpfile()) == NULL)
			d->spoolerr = errno;
		else if ((d->nspool[idx] > 0 && fputs(",\n", d->spool[idx]) ==
		    EOF) || j_put_article(d->spool[idx], rec,
		    idx != SECTION_NEWS) == -1)
			d->spoolerr = errno != 0 ? errno : EIO;
		d->nspool[idx]++;
		return r;
	}
	/* keep only what is rendered: a page's html and text can be large */
	keep = json_object();
	for (i = 0; i < (int)NELEM(fields); i++)
		if ((v = json_object_get(rec, fields[i])) != NULL &&
		    json_object_set(keep, fields[i], v) == -1)
			abort();
	if (keep == NULL)
		abort();
	slim_sources(rec, keep);
	if (json_array_append_new(d->recs[idx], keep) == -1)
		abort();
	return r;
}

const json_t *
day_section(const struct day *d, int s)
{
	return d->recs[s];
}

/* The string value of key in o, or NULL when it is absent, not a string
 * or only white space (borrowed). */
static const char *
str(const json_t *o, const char *key)
{
	const char *s;

	s = json_string_value(json_object_get(o, key));
	return txt_blank(s) ? NULL : s;
}

/* A link that may be live in the report: http and https only (never
 * javascript:, vbscript:, data: or file:). */
static int
live_url(const char *u)
{
	if (u == NULL)
		return 0;
	while (ASCII_ISSPACE((unsigned char)*u))
		u++;	/* txt_url() drops them */
	return url_is_http(u);
}

static char *
cleaned(cleanfn *clean, const char *s, const struct strv *live)
{
	struct buf b = BUF_INIT;

	clean(&b, s, live);
	return b.s ? buf_detach(&b) : xstrdup("");
}

/* The cleaners of report text: a line of Markdown (indicators defanged,
 * the article's reference links left live), or plain text for JSON and
 * CSV. */
static void
c_line(struct buf *b, const char *s, const struct strv *live)
{
	txt_prose(b, s, live != NULL ? live->v : NULL, live != NULL ?
	    live->n : 0);
}

static void
c_plain(struct buf *b, const char *s, const struct strv *live)
{
	(void)live;
	txt_plain(b, s);
}

void
strv_add(struct strv *v, char *s)
{
	v->v = xreallocarray(v->v, v->n + 1, sizeof(*v->v));
	v->v[v->n++] = s;
}

void
strv_free(struct strv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = 0;
}

/* An item with sub-bullets (sec-record(5)): an array of text, the first
 * the bullet, the others its sub-bullets; cleaned and joined by "\n", or
 * NULL when the bullet is blank. */
static char *
nested(const json_t *j, cleanfn *clean, const struct strv *live)
{
	struct buf b = BUF_INIT;
	const json_t *e;
	size_t i;

	json_array_foreach(j, i, e) {
		if (!json_is_string(e) || txt_blank(json_string_value(e))) {
			if (i == 0)
				break;
			continue;
		}
		if (i > 0)
			buf_putc(&b, '\n');
		clean(&b, json_string_value(e), live);
	}
	return b.s != NULL ? buf_detach(&b) : NULL;
}

/* Add the non-blank strings of j (a string or an array of them) to v,
 * until v holds max. */
static void
strv_from(struct strv *v, const json_t *j, size_t max, cleanfn *clean,
    const struct strv *live)
{
	const json_t *e;
	size_t i;

	if (json_is_string(j)) {
		if (!txt_blank(json_string_value(j)) && v->n < max)
			strv_add(v, cleaned(clean, json_string_value(j),
			    live));
		return;
	}
	json_array_foreach(j, i, e) {
		if (v->n >= max)
			break;
		if (json_is_string(e) && !txt_blank(json_string_value(e)))
			strv_add(v, cleaned(clean, json_string_value(e), live));
	}
}

/* The entry of the record's "iocs" whose value (or defanged form) is
 * value, or NULL. */
static const json_t *
record_ioc(const json_t *rec, const char *value)
{
	const json_t *e;
	const char *v;
	size_t i;

	json_array_foreach(json_object_get(rec, "iocs"), i, e) {
		if ((v = str(e, "value")) != NULL &&
		    ascii_casecmp(v, value) == 0)
			return e;
		if ((v = str(e, "defanged")) != NULL &&
		    ascii_casecmp(v, value) == 0)
			return e;
	}
	return NULL;
}

/* A field of an indicator: from the digest's entry, else from the
 * record's (borrowed). */
static const json_t *
iget(const struct iocv *c, const char *key)
{
	const json_t *j;

	if (c->o != NULL && (j = json_object_get(c->o, key)) != NULL &&
	    !json_is_null(j))
		return j;
	return c->r != NULL ? json_object_get(c->r, key) : NULL;
}

static const char *
istr(const struct iocv *c, const char *key)
{
	const char *s;

	s = json_string_value(iget(c, key));
	return txt_blank(s) ? NULL : s;
}

/* Is the "known" field j true?  A model may answer with a string. */
static int
known(const json_t *j)
{
	const char *s;

	if (json_is_true(j))
		return 1;
	if ((s = json_string_value(j)) == NULL)
		return 0;
	return ascii_casecmp(s, "true") == 0 || ascii_casecmp(s, "yes") == 0 ||
	    strcmp(s, "よく知られている") == 0;
}

/* Is the digest's entry e one the model says is no indicator of the
 * article ("keep": false)? */
static int
dropped(const json_t *e)
{
	const json_t *k = json_object_get(e, "keep");

	return json_is_false(k) || is(json_string_value(k), "false");
}

static void
iocv_add(struct iocv **v, size_t *n, struct iocv *c)
{
	const char *t;

	c->value = c->red = url_redacted(c->value);
	c->type = ri_type(istr(c, "type"), c->value);
	/* "IP:port" (no scheme) is an address with its port */
	if ((strcmp(c->type, "url") == 0 || strcmp(c->type, "domain") == 0) &&
	    !url_has_scheme(c->value) &&
	    ri_type_is_ip(t = ri_type(NULL, c->value)))
		c->type = t;
	c->known = known(iget(c, "known"));
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = *c;
}

/* Does the digest name value (kept or not)?  Returns its entry, or
 * NULL. */
static const json_t *
digest_ioc(const json_t *digest, const char *value)
{
	const json_t *e;
	const char *v;
	size_t i;

	json_array_foreach(json_object_get(digest, "iocs"), i, e) {
		v = json_is_string(e) ? json_string_value(e) : str(e, "value");
		if (v != NULL && ascii_casecmp(v, value) == 0)
			return e;
	}
	return NULL;
}

/* The indicators of an article: the digest's when it has one (but
 * those it does not keep), else the record's own, without those that
 * are links or well known.  Indicators found in the record's sources
 * that the digest does not name go to xiocs, for the CSV only. */
static void
load_iocs(struct article *a)
{
	const json_t *list, *e, *de;
	struct iocv c;
	size_t i;

	list = a->digest != NULL ? json_object_get(a->digest, "iocs") :
	    json_object_get(a->rec, "iocs");
	json_array_foreach(list, i, e) {
		memset(&c, 0, sizeof(c));
		if (a->digest != NULL) {
			if (json_is_string(e))
				c.value = json_string_value(e);
			else
				c.value = str(e, "value");
			if (txt_blank(c.value) || dropped(e))
				continue;
			c.o = json_is_object(e) ? e : NULL;
			c.r = record_ioc(a->rec, c.value);
		} else {
			if ((c.value = str(e, "value")) == NULL ||
			    str(e, "found_in") != NULL ||
			    json_is_true(json_object_get(e, "linked")) ||
			    json_is_true(json_object_get(e, "known")))
				continue;
			c.r = e;
		}
		iocv_add(&a->iocs, &a->niocs, &c);
	}
	json_array_foreach(json_object_get(a->rec, "iocs"), i, e) {
		memset(&c, 0, sizeof(c));
		if ((c.value = str(e, "value")) == NULL ||
		    str(e, "found_in") == NULL)
			continue;
		if (a->digest != NULL && ((de = digest_ioc(a->digest,
		    c.value)) != NULL || (str(e, "defanged") != NULL &&
		    (de = digest_ioc(a->digest, str(e, "defanged"))) != NULL)))
			continue;	/* kept above, or not an indicator */
		c.r = e;
		iocv_add(&a->xiocs, &a->nxiocs, &c);
	}
}

/* Cut s (valid UTF-8) after max code points. */
static void
cap(char *s, size_t max)
{
	size_t i, n, ncp = 0;
	uint32_t cp;
	int k;

	n = strlen(s);
	for (i = 0; i < n; i += (size_t)k) {
		if (ncp++ == max) {
			s[i] = '\0';
			return;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) < 0)
			k = 1;
	}
}

/* Add u to the article's live links when it is an http(s) URL that is
 * not one of its indicators. */
static void
live_add(struct article *a, const char *u)
{
	struct buf b = BUF_INIT;
	size_t i;
	char *red;

	if (!live_url(u))
		return;
	red = url_redacted(u);
	for (i = 0; i < a->niocs; i++) {
		if (strcmp(a->iocs[i].type, "url") != 0)
			continue;
		buf_reset(&b);
		ri_refang(&b, a->iocs[i].value, "url");
		if (ascii_casecmp(buf_str(&b), red) == 0)
			break;
	}
	buf_free(&b);
	if (i < a->niocs)
		free(red);
	else
		strv_add(&a->live, red);
}

static void
live_load(struct article *a)
{
	const json_t *e;
	size_t i;

	live_add(a, str(a->rec, "url"));
	live_add(a, str(a->rec, "canonical"));
	json_array_foreach(json_object_get(a->rec, "also"), i, e)
		live_add(a, json_string_value(e));
	json_array_foreach(json_object_get(a->rec, "links"), i, e)
		live_add(a, str(e, "url"));
	json_array_foreach(json_object_get(a->rec, "sources"), i, e)
		live_add(a, str(e, "url"));
	live_add(a, str(a->digest, "primary_source"));
	json_array_foreach(json_object_get(a->digest, "primary_sources"), i, e)
		live_add(a, json_string_value(e));
	json_array_foreach(json_object_get(a->digest, "iocs"), i, e)
		if (json_is_object(e) && dropped(e))
			live_add(a, str(e, "value"));
}

/* The notes on a card the reader must see (FORMAT: not the model's own
 * summary, or doubts about it). */
static void
notes_load(struct article *a, cleanfn *clean)
{
	struct buf b = BUF_INIT;
	const char *t;
	const json_t *e;
	size_t i;

	if ((t = str(a->digest, "fallback")) != NULL) {
		buf_puts(&b, "モデルの要約に失敗したため抽出による要約です（理由: ");
		clean(&b, t, NULL);
		buf_puts(&b, "）");
		strv_add(&a->notes, buf_detach(&b));
	}
	if (is(str(a->digest, "basis"), "feed-summary"))
		strv_add(&a->notes, xstrdup("記事本文を取得できず、"
		    "フィードの概要のみから作成しました"));
	json_array_foreach(json_object_get(a->digest, "warnings"), i, e) {
		if (!json_is_string(e) || txt_blank(json_string_value(e)))
			continue;
		buf_puts(&b, "警告: ");
		clean(&b, json_string_value(e), NULL);
		strv_add(&a->notes, buf_detach(&b));
	}
	buf_free(&b);
}

/* The 一次ソース item of その他 for a digest with "primary_sources":
 * one URL, several as sub-bullets, or 不明. */
static char *
primaries_item(const struct article *a, cleanfn *clean)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (a->primaries.n == 0)
		return xstrdup("一次ソース: 不明");
	buf_puts(&b, a->primaries.n == 1 ? "一次ソース: " : "一次ソース:");
	for (i = 0; i < a->primaries.n; i++) {
		if (a->primaries.n > 1)
			buf_putc(&b, '\n');
		/* a link only for http(s); anything else is text */
		if (live_url(a->primaries.v[i]))
			txt_url(&b, a->primaries.v[i]);
		else
			clean(&b, a->primaries.v[i], NULL);
	}
	return buf_detach(&b);
}

static void
article_load(struct article *a, const json_t *rec, cleanfn *clean)
{
	const json_t *d, *j, *e;
	const char *t;
	struct buf b = BUF_INIT;
	size_t i, max;
	char *sub;
	int need;

	memset(a, 0, sizeof(*a));
	a->rec = rec;
	d = json_object_get(rec, "digest");
	a->digest = json_is_object(d) ? d : NULL;
	load_iocs(a);
	live_load(a);
	if ((t = str(a->digest, "title")) == NULL &&
	    (t = str(rec, "title")) == NULL &&
	    (t = str(rec, "url")) == NULL)
		t = "(タイトルなし)";
	a->title = cleaned(clean, t, &a->live);
	if ((t = str(rec, "url")) != NULL ||
	    (t = str(rec, "canonical")) != NULL)
		a->url = url_redacted(t);
	if (a->digest == NULL) {
		if ((t = str(rec, "summary")) != NULL) {
			clean(&b, t, &a->live);
			if (utf8_len(b.s, b.len) > FEED_SUMMARY_MAX) {
				cap(b.s, FEED_SUMMARY_MAX - 1);
				b.len = strlen(b.s);
				buf_rtrim(&b);
				buf_puts(&b, "…");
			}
			strv_add(&a->summary, buf_detach(&b));
		}
		return;
	}
	t = str(d, "engine");
	a->model = t != NULL && strcmp(t, "extractive") != 0 &&
	    str(d, "fallback") == NULL;
	strv_from(&a->summary, json_object_get(d, "summary"), MAX_SUMMARY,
	    clean, &a->live);
	strv_from(&a->recs, json_object_get(d, "recommendations"), MAX_RECS,
	    clean, &a->live);
	if ((t = str(d, "primary_source")) != NULL)
		a->primary = url_redacted(t);
	j = json_object_get(d, "primary_sources");
	if (json_is_array(j)) {
		a->has_primaries = 1;
		json_array_foreach(j, i, e)
			if ((t = json_string_value(e)) != NULL &&
			    !txt_blank(t))
				strv_add(&a->primaries, url_redacted(t));
		if (a->primary == NULL && a->primaries.n > 0)
			a->primary = xstrdup(a->primaries.v[0]);
	}
	/* the card's own 一次ソース lines give way to the list's */
	json_array_foreach(json_object_get(d, "other"), i, e) {
		if (a->other.n >= MAX_OTHER)
			break;
		t = json_is_array(e) ? json_string_value(json_array_get(e,
		    0)) : json_string_value(e);
		if (a->has_primaries && t != NULL &&
		    strncmp(t, "一次ソース", strlen("一次ソース")) == 0)
			continue;
		if (json_is_string(e) && !txt_blank(t))
			strv_add(&a->other, cleaned(clean, t, &a->live));
		else if (json_is_array(e) && (sub = nested(e, clean,
		    &a->live)) != NULL)
			strv_add(&a->other, sub);
	}
	if (json_is_string(json_object_get(d, "other")))
		strv_from(&a->other, json_object_get(d, "other"), MAX_OTHER,
		    clean, &a->live);
	if (a->has_primaries) {
		while (a->other.n > MAX_OTHER - 1)
			free(a->other.v[--a->other.n]);
		strv_add(&a->other, primaries_item(a, clean));
	} else {
		need = a->primary != NULL && (a->url == NULL ||
		    strcmp(a->primary, a->url) != 0);
		for (i = 0; need && i < a->other.n; i++)
			if (strstr(a->other.v[i], a->primary) != NULL)
				need = 0;
		if (need) {
			max = MAX_OTHER - 1;
			while (a->other.n > max)
				free(a->other.v[--a->other.n]);
			buf_puts(&b, "一次ソース: ");
			/* a link only for http(s); anything else is text */
			if (live_url(a->primary))
				txt_url(&b, a->primary);
			else
				clean(&b, a->primary, NULL);
			strv_add(&a->other, buf_detach(&b));
		}
	}
	j = json_object_get(d, "action");
	if (json_is_array(j))
		j = json_array_get(j, 0);
	if (json_is_string(j) && !txt_blank(json_string_value(j)))
		a->action = cleaned(clean, json_string_value(j), &a->live);
	notes_load(a, clean);
	buf_free(&b);
}

static void
article_free(struct article *a)
{
	size_t i;

	for (i = 0; i < a->niocs; i++)
		free(a->iocs[i].red);
	for (i = 0; i < a->nxiocs; i++)
		free(a->xiocs[i].red);
	free(a->url);
	free(a->primary);
	free(a->title);
	strv_free(&a->summary);
	strv_free(&a->recs);
	strv_free(&a->other);
	strv_free(&a->primaries);
	strv_free(&a->live);
	strv_free(&a->notes);
	free(a->action);
	free(a->iocs);
	free(a->xiocs);
}

/* The type defang() should use for c: its own when defang() knows it,
 * else what the value looks like. */
static const char *
deftype(const struct iocv *c)
{
	static const char *const known[] = { "ipv4", "ipv6", "cidr", "domain",
	    "url", "email" };
	const char *g;
	size_t i;

	if (url_has_scheme(c->value))
		return "url";
	for (i = 0; i < NELEM(known); i++)
		if (strcmp(c->type, known[i]) == 0)
			return c->type;
	g = ri_type(NULL, c->value);
	for (i = 0; i < NELEM(known); i++)
		if (strcmp(g, known[i]) == 0)
			return g;
	return c->type;
}

/* Append the defanged value of c, safe for an IOC row: commas, white
 * space and control characters percent-encoded. */
static void
defanged(struct buf *out, const struct iocv *c)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf v = BUF_INIT, d = BUF_INIT;
	const char *t = deftype(c);
	const char *p;
	unsigned char ch;

	txt_visible(&v, c->value);
	buf_rtrim(&v);
	for (p = buf_str(&v); ASCII_ISSPACE((unsigned char)*p); p++)
		;
	if (strcmp(t, "cidr") == 0)
		t = strchr(p, ':') != NULL && strchr(p, '.') == NULL ? "ipv6" :
		    "ipv4";
	defang(&d, p, t);
	for (p = buf_str(&d); *p; p++) {
		ch = (unsigned char)*p;
		if (ch == ',' || ch <= 0x20 || ch == 0x7f) {
			buf_putc(out, '%');
			buf_putc(out, hex[ch >> 4]);
			buf_putc(out, hex[ch & 15]);
		} else
			buf_putc(out, ch);
	}
	buf_free(&d);
	buf_free(&v);
}

/* The scope word of c: the record's when stated, else the built-in
 * check's; NULL for indicators that are not IP addresses. */
static const char *
scope(const struct iocv *c)
{
	const char *s;

	if (!ri_type_is_ip(c->type))
		return NULL;
	if ((s = istr(c, "scope")) != NULL) {
		/* the report's labels, as a model may answer with them */
		if (strcmp(s, "グローバル") == 0)
			return "global";
		if (strcmp(s, "プライベート") == 0)
			return "private";
		return s;
	}
	return ri_scope(c->type, c->value);
}

static const char *
scope_label(const struct iocv *c)
{
	const char *s = scope(c);

	if (!ri_type_is_ip(c->type))
		return "NA(IP以外)";
	if (s != NULL && strcmp(s, "global") == 0)
		return "グローバル";
	return "プライベート";
}

void
card_load(struct card *c, const json_t *rec)
{
	struct article a;

	article_load(&a, rec, c_plain);
	memset(c, 0, sizeof(*c));
	c->rec = rec;
	c->digest = a.digest;
	c->model = a.model;
	c->title = a.title;
	a.title = NULL;
	c->summary = a.summary;
	a.summary.v = NULL;
	a.summary.n = 0;
	if (live_url(a.url)) {
		c->url = a.url;
		a.url = NULL;
	}
	c->has_primary = a.primary != NULL || a.primaries.n > 0;
	article_free(&a);
}

void
card_free(struct card *c)
{
	free(c->title);
	free(c->url);
	strv_free(&c->summary);
}

/* Markdown */

static void
md_block(struct buf *out, const char *label, const struct strv *v,
    const char *none)
{
	const char *p, *nl;
	size_t i;

	buf_printf(out, "- %s\n", label);
	if (v == NULL || v->n == 0)
		buf_printf(out, "    - %s\n", none);
	for (i = 0; v != NULL && i < v->n; i++) {
		/* an item with sub-bullets: its lines 8 spaces in */
		for (p = v->v[i]; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
			nl = strchr(p, '\n');
			buf_printf(out, "%s- %.*s\n", p == v->v[i] ? "    " :
			    "        ", nl != NULL ? (int)(nl - p) :
			    (int)strlen(p), p);
		}
	}
}

/* An indicator the archive holds from earlier days ("seen", set by
 * sec-archive seen): said after its context. */
static void
seen_note(struct buf *out, const json_t *seen)
{
	const char *first = json_string_value(json_object_get(seen, "first"));
	json_int_t days = json_integer_value(json_object_get(seen, "days"));
	struct buf b = BUF_INIT;

	if (first == NULL || days < 1)
		return;
	buf_printf(&b, "（過去にも観測: %s から %lld日）", first,
	    (long long)days);
	txt_context(out, b.s, NULL, NULL);
	buf_free(&b);
}

static void
md_iocrow(struct buf *out, const struct iocv *c)
{
	size_t start = out->len;

	buf_puts(out, "    - ");
	defanged(out, c);
	buf_putc(out, ',');
	txt_context(out, ri_type_label(c->type), NULL, NULL);
	buf_putc(out, ',');
	buf_puts(out, c->known ? "よく知られている" : "知られていない");
	buf_putc(out, ',');
	if (istr(c, "context") != NULL)
		txt_context(out, istr(c, "context"), c->value, deftype(c));
	else
		buf_puts(out, "不明");
	seen_note(out, iget(c, "seen"));
	buf_putc(out, ',');
	buf_puts(out, scope_label(c));
	/* a value is shown as it is: it must not become a link */
	txt_mdsafe(out, start);
	buf_putc(out, '\n');
}

static void
md_article(struct buf *out, const json_t *rec)
{
	struct article a;
	struct strv act = { NULL, 0 };
	size_t i;

	article_load(&a, rec, c_line);
	buf_printf(out, "#### %s\n", a.title);
	if (a.url != NULL) {
		/* a bare http(s) URL is linked by GFM; any other is text,
		 * still one word on its line (blanks percent-encoded) */
		if (live_url(a.url))
			txt_url(out, a.url);
		else {
			struct buf u = BUF_INIT;

			txt_url(&u, a.url);
			txt_linktext(out, buf_str(&u));
			buf_free(&u);
		}
		buf_putc(out, '\n');
	}
	buf_putc(out, '\n');
	md_block(out, "要約", &a.summary, "要約なし");
	buf_puts(out, "- IOCの列挙\n");
	if (a.niocs == 0)
		buf_puts(out, "    - IOC情報なし\n");
	for (i = 0; i < a.niocs; i++)
		md_iocrow(out, &a.iocs[i]);
	md_block(out, "推奨事項", &a.recs, "推奨事項なし");
	md_block(out, "その他", &a.other, "なし");
	if (a.action != NULL) {
		act.v = &a.action;
		act.n = 1;
	}
	md_block(out, "ChatGPTの推奨事項", &act, "推奨事項なし");
	if (a.notes.n > 0)
		md_block(out, "注記", &a.notes, NULL);
	article_free(&a);
}

static void
md_link(struct buf *out, const json_t *rec)
{
	struct article a;
	const char *t;
	size_t i;

	article_load(&a, rec, c_line);
	if ((t = str(a.digest, "title")) == NULL &&
	    (t = str(rec, "title")) == NULL)
		t = live_url(a.url) ? a.url : "(タイトルなし)";
	if (live_url(a.url)) {
		buf_puts(out, "- [");
		txt_linktext(out, t);
		buf_puts(out, "](");
		txt_url(out, a.url);
		buf_puts(out, ")\n");
	} else {
		buf_puts(out, "- ");
		txt_linktext(out, t);
		buf_putc(out, '\n');
	}
	if (a.digest != NULL)
		for (i = 0; i < a.summary.n; i++)
			buf_printf(out, "    - %s\n", a.summary.v[i]);
	article_free(&a);
}

void
day_markdown(const struct day *d, const struct render_opts *o,
    struct buf *out)
{
	const json_t *rec;
	size_t i, n;
	int s;

	buf_puts(out, "# " RENDER_TITLE "\n\n");
	if (o->preamble != NULL && *o->preamble != '\0')
		buf_printf(out, "%s\n\n", o->preamble);
	for (s = 0; s < NSECTIONS; s++) {
		buf_printf(out, "### %s\n", report_sections[s].title);
		n = json_array_size(d->recs[s]);
		if (s == SECTION_MEMO && o->notes != NULL && *o->notes != '\0')
			buf_printf(out, "%s\n", o->notes);
		else if (n == 0)
			buf_puts(out, "N/A\n");
		if (s == SECTION_NEWS && n > 0)
			buf_putc(out, '\n');
		json_array_foreach(d->recs[s], i, rec) {
			if (s == SECTION_NEWS) {
				if (i > 0)
					buf_putc(out, '\n');
				md_article(out, rec);
			} else
				md_link(out, rec);
		}
		if (s + 1 < NSECTIONS)
			buf_putc(out, '\n');
	}
}

/* JSON */

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string_safe(s, strlen(s)) : json_null();
}

/* A JSON string of s without the userinfo of its URLs or invisible
 * characters (txt_visible; new). */
static json_t *
jstr_red(const char *s)
{
	struct buf b = BUF_INIT;
	json_t *j;

	if (s == NULL)
		return json_null();
	txt_visible(&b, s);
	j = jstr(buf_str(&b));
	buf_free(&b);
	return j;
}

/* The list v as a JSON array; an item with sub-bullets is an array of
 * its lines (sec-record(5)). */
static json_t *
jstrv(const struct strv *v)
{
	json_t *a = json_array(), *sub;
	const char *p, *nl;
	size_t i;

	for (i = 0; i < v->n; i++) {
		if (strchr(v->v[i], '\n') == NULL) {
			arr_append_new(a, jstr(v->v[i]));
			continue;
		}
		sub = json_array();
		for (p = v->v[i]; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
			nl = strchr(p, '\n');
			arr_append_new(sub, json_string_safe(p, nl != NULL ?
			    (size_t)(nl - p) : strlen(p)));
		}
		arr_append_new(a, sub);
	}
	return a;
}

static json_t *
j_ioc(const struct iocv *c)
{
	struct buf b = BUF_INIT;
	json_t *o = json_object();

	rec_set_new(o, "value", jstr_red(c->value));
	defanged(&b, c);
	rec_set_new(o, "defanged", jstr(buf_str(&b)));
	rec_set_new(o, "type", jstr_red(c->type));
	rec_set_new(o, "type_label", jstr_red(ri_type_label(c->type)));
	rec_set_new(o, "known", json_boolean(c->known));
	buf_reset(&b);
	txt_plain(&b, istr(c, "context"));
	rec_set_new(o, "context", b.len > 0 ? jstr(b.s) : json_null());
	rec_set_new(o, "scope", jstr_red(scope(c)));
	rec_set_new(o, "scope_label", jstr(scope_label(c)));
	buf_free(&b);
	return o;
}

static json_t *
j_article(const json_t *rec, int links)
{
	struct article a;
	struct strv w = { NULL, 0 };
	json_t *o, *iocs;
	size_t i;

	article_load(&a, rec, c_plain);
	o = json_object();
	rec_set_new(o, "id", jstr_red(str(rec, "id")));
	rec_set_new(o, "title", jstr(a.title));
	rec_set_new(o, "original_title", jstr_red(str(rec, "title")));
	rec_set_new(o, "url", jstr_red(a.url));
	rec_set_new(o, "digest", json_boolean(a.digest != NULL));
	rec_set_new(o, "summary", jstrv(&a.summary));
	if (!links) {
		strv_from(&w, json_object_get(rec, "also"), SIZE_MAX,
		    c_plain, NULL);
		rec_set_new(o, "also", jstrv(&w));
		strv_free(&w);
		iocs = json_array();
		for (i = 0; i < a.niocs; i++)
			arr_append_new(iocs, j_ioc(&a.iocs[i]));
		rec_set_new(o, "iocs", iocs);
		rec_set_new(o, "recommendations", jstrv(&a.recs));
		rec_set_new(o, "other", jstrv(&a.other));
		rec_set_new(o, "primary_source", jstr_red(a.primary));
		rec_set_new(o, "action", jstr(a.action));
		rec_set_new(o, "engine", jstr_red(str(a.digest, "engine")));
		rec_set_new(o, "basis", jstr_red(str(a.digest, "basis")));
		strv_from(&w, json_object_get(a.digest, "warnings"),
		    SIZE_MAX, c_plain, NULL);
		rec_set_new(o, "warnings", jstrv(&w));
		strv_free(&w);
		/* the 2026 fields only where the card has them, so that
		 * older days keep their JSON */
		if (a.has_primaries) {
			for (i = 0; i < a.primaries.n; i++)
				strv_add(&w, xstrdup(a.primaries.v[i]));
			rec_set_new(o, "primary_sources", jstrv(&w));
			strv_free(&w);
		}
		if (str(a.digest, "fallback") != NULL) {
			strv_from(&w, json_object_get(a.digest, "fallback"),
			    1, c_plain, NULL);
			rec_set_new(o, "fallback", jstr(w.n > 0 ? w.v[0] :
			    NULL));
			strv_free(&w);
		}
		if (a.notes.n > 0)
			rec_set_new(o, "notes", jstrv(&a.notes));
	}
	article_free(&a);
	return o;
}

/* Write rec's article (or link, when links) as an element of a section's
 * list: indented for its place in the document, without a line end.
 * Returns 0, or -1 when the write fails. */
static int
j_put_article(FILE *fp, const json_t *rec, int links)
{
	json_t *o;
	char *s, *p;
	int rc = 0;

	o = j_article(rec, links);
	if ((s = json_dumps(o, JSON_INDENT(2))) == NULL)
		abort();
	json_decref(o);
	/* raw newlines are the dump's own: strings have theirs escaped */
	if (fputs("        ", fp) == EOF)
		rc = -1;
	for (p = s; rc == 0 && *p != '\0'; p++)
		if (putc(*p, fp) == EOF || (*p == '\n' &&
		    fputs("        ", fp) == EOF))
			rc = -1;
	free(s);
	return rc;
}

/* Write s (NULL: null) as a JSON string. */
static void
j_put_str(FILE *fp, const char *s)
{
	json_t *j = jstr(s);
	char *t;

	if ((t = json_dumps(j, JSON_ENCODE_ANY)) == NULL)
		abort();
	fputs(t, fp);
	free(t);
	json_decref(j);
}

/* Copy the spool of section k to fp. */
static int
copy_spool(FILE *fp, FILE *sp)
{
	char b[65536];
	size_t n;

	if (fflush(sp) == EOF || fseek(sp, 0, SEEK_SET) == -1)
		return -1;
	while ((n = fread(b, 1, sizeof(b), sp)) > 0)
		if (fwrite(b, 1, n, fp) != n)
			return -1;
	return ferror(sp) ? -1 : 0;
}

int
day_json_write(const struct day *d, const struct render_opts *o, FILE *fp)
{
	const json_t *rec;
	size_t i, n;
	int k;

	if (d->spoolerr != 0) {
		errno = d->spoolerr;
		return -1;
	}
	fputs("{\n  \"title\": ", fp);
	j_put_str(fp, RENDER_TITLE);
	fputs(",\n  \"date\": ", fp);
	j_put_str(fp, o->date);
	fputs(",\n  \"preamble\": ", fp);
	j_put_str(fp, o->preamble != NULL && *o->preamble != '\0' ?
	    o->preamble : NULL);
	fputs(",\n  \"sections\": [\n", fp);
	for (k = 0; k < NSECTIONS; k++) {
		fputs("    {\n      \"key\": ", fp);
		j_put_str(fp, report_sections[k].key);
		fputs(",\n      \"title\": ", fp);
		j_put_str(fp, report_sections[k].title);
		if (k == SECTION_MEMO) {
			fputs(",\n      \"notes\": ", fp);
			j_put_str(fp, o->notes != NULL && *o->notes != '\0' ?
			    o->notes : NULL);
		}
		fprintf(fp, ",\n      \"%s\": ",
		    k == SECTION_NEWS ? "articles" : "links");
		n = d->spooled ? d->nspool[k] : json_array_size(d->recs[k]);
		if (n == 0)
			fputs("[]", fp);
		else {
			fputs("[\n", fp);
			if (d->spooled) {
				if (copy_spool(fp, d->spool[k]) == -1)
					return -1;
			} else
				json_array_foreach(d->recs[k], i, rec) {
					if (i > 0)
						fputs(",\n", fp);
					if (j_put_article(fp, rec,
					    k != SECTION_NEWS) == -1)
						return -1;
				}
			fputs("\n      ]", fp);
		}
		fputs(k + 1 < NSECTIONS ? "\n    },\n" : "\n    }\n", fp);
	}
	fputs("  ]\n}\n", fp);
	return ferror(fp) ? -1 : 0;
}

void
day_json(const struct day *d, const struct render_opts *o, struct buf *out)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp;

	if ((fp = open_memstream(&s, &n)) == NULL)
		abort();
	if (day_json_write(d, o, fp) == -1 || fclose(fp) == EOF)
		abort();
	buf_put(out, s, n);
	free(s);
}

/* CSV */

/* Append s as a CSV field: on one line, without invisible characters or
 * userinfo (txt_plain), then quoted and kept from being a formula
 * (txt_csv); dflt when nothing is left. */
static void
csv_field(struct buf *out, const char *s, const char *dflt)
{
	struct buf b = BUF_INIT;

	txt_plain(&b, s);
	txt_csv(out, b.len > 0 ? b.s : dflt);
	buf_free(&b);
}

int
one_of(const char *s, const char *const *list)
{
	for (; s != NULL && *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}


/* Append to out the card's actors: each name with its aliases as
 * "(aka ...)" and its stated confidence as "(medium confidence)",
 * joined by ", ". */
static void
actors(struct buf *out, const json_t *digest)
{
	const json_t *list, *e, *al;
	const char *name, *conf;
	size_t i, k, n0;

	list = json_object_get(digest, "actor");
	if (json_is_string(list)) {
		buf_puts(out, json_string_value(list));
		return;
	}
	json_array_foreach(list, i, e) {
		name = json_is_string(e) ? json_string_value(e) :
		    str(e, "name");
		if (txt_blank(name))
			continue;
		if (out->len > 0)
			buf_puts(out, ", ");
		buf_puts(out, name);
		al = json_object_get(e, "aliases");
		n0 = out->len;
		json_array_foreach(al, k, e) {
			if (!json_is_string(e) ||
			    txt_blank(json_string_value(e)))
				continue;
			buf_puts(out, out->len == n0 ? " (aka " : ", ");
			buf_puts(out, json_string_value(e));
		}
		if (out->len > n0)
			buf_putc(out, ')');
		e = json_array_get(list, i);
		if ((conf = str(e, "confidence")) != NULL)
			buf_printf(out, " (%s confidence)", conf);
	}
}

/* Append the card's malware families joined by ", ". */
static void
malware(struct buf *out, const json_t *digest)
{
	const json_t *list, *e;
	size_t i;

	list = json_object_get(digest, "malware");
	if (json_is_string(list)) {
		buf_puts(out, json_string_value(list));
		return;
	}
	json_array_foreach(list, i, e) {
		if (!json_is_string(e) || txt_blank(json_string_value(e)))
			continue;
		if (out->len > 0)
			buf_puts(out, ", ");
		buf_puts(out, json_string_value(e));
	}
}

/* The entry of rec's "sources" whose url is u, or NULL. */
static const json_t *
source(const json_t *rec, const char *u)
{
	const json_t *e;
	size_t i;

	json_array_foreach(json_object_get(rec, "sources"), i, e)
		if (u != NULL && is(str(e, "url"), u))
			return e;
	return NULL;
}

/* Write the YYYY-MM-DD (UTC) of the date s into out (11 bytes); 0, or
 * -1 when s is no date. */
static int
ymd(const char *s, char *out)
{
	long long t;
	int y, m, d, hh, mm, ss;

	if (s == NULL || (date_parse_ymd(s, &t) == -1 &&
	    date_parse(s, &t) == -1))
		return -1;
	time_to_civil(t, &y, &m, &d, &hh, &mm, &ss);
	if (y < 1000 || y > 9999)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* The date of a row (WORKFLOW.md 1): when the source says it was
 * observed; the primary source's publication date; the article's; the
 * report's. */
static void
row_date(const struct iocv *c, const struct article *a, const char *ref,
    const struct render_opts *o, char *out)
{
	const json_t *src, *e;
	size_t i;

	if (ymd(istr(c, "observed"), out) == 0)
		return;
	if ((src = source(a->rec, ref)) != NULL) {
		if (!is(str(src, "kind"), "primary"))
			src = source(a->rec, str(src, "parent"));
		if (src != NULL && is(str(src, "kind"), "primary") &&
		    ymd(str(src, "published"), out) == 0)
			return;
	}
	json_array_foreach(json_object_get(a->rec, "sources"), i, e)
		if (is(str(e, "kind"), "primary") &&
		    ymd(str(e, "published"), out) == 0)
			return;
	if (ymd(str(a->rec, "published"), out) == 0)
		return;
	snprintf(out, 11, "%s", o->date);
}

/* The page the indicator was published on: the analyst's "reference",
 * the source it was found in, the primary source whose text holds it,
 * else the article. */
static const char *
row_ref(const struct iocv *c, const struct article *a)
{
	const json_t *hits;
	const char *r;

	/* a page is an http(s) URL: nothing else is a reference */
	if (live_url(r = istr(c, "reference")) ||
	    live_url(r = istr(c, "found_in")))
		return r;
	hits = json_object_get(a->rec, "_in_primary");
	if (live_url(r = json_string_value(json_object_get(hits, c->value))))
		return r;
	if (c->r != NULL && live_url(r = json_string_value(json_object_get(
	    hits, str(c->r, "value") != NULL ? str(c->r, "value") : ""))))
		return r;
	return live_url(a->url) ? a->url : "unknown";
}

/* The description of a row: what produced it, in English. */
static void
row_desc(struct buf *out, const struct iocv *c, const struct article *a,
    const char *ct, const char *cat, const char *ref)
{
	static const struct {
		const char *cat, *word;
	} words[] = {
		{ "c2", "C2 " }, { "srcip", "Source " },
		{ "phishing-site", "Phishing " }, { "malware", "Malware " },
		{ "tool", "Tool " }, { "abusefile", "Abused " },
		{ "related-file", "Related " },
	};
	const json_t *src = source(a->rec, ref);
	const char *where, *kind, *origin = istr(c, "origin");
	const char *w = "";
	size_t i;

	if (src == NULL)
		where = "the article";
	else if (is(str(src, "kind"), "primary"))
		where = "the primary source";
	else
		where = "an IOC page";
	if (strcmp(ct, "ip") == 0)
		kind = "IP address";
	else if (strcmp(ct, "domain") == 0)
		kind = "domain";
	else if (strcmp(ct, "url") == 0)
		kind = "URL";
	else
		kind = "file hash";
	for (i = 0; i < NELEM(words); i++)
		if (strcmp(cat, words[i].cat) == 0)
			w = words[i].word;
	if (a->model) {
		buf_printf(out, "AI generated. %s%s from %s.", *w ? w :
		    "Unclassified ", kind, where);
		return;
	}
	if (is(origin, "stix") || is(origin, "misp"))
		buf_printf(out, "Read from a %s indicator of %s.",
		    is(origin, "stix") ? "STIX" : "MISP", where);
	else
		buf_printf(out, "Extracted by pattern from %s.", where);
}

/* The confidence of a row under the policy of o (sec-render(1)). */
static const char *
row_conf(const struct iocv *c, const struct article *a,
    const struct render_opts *o)
{
	const char *p = o->confidence, *s;

	if (p != NULL && one_of(p, vocab_levels))
		return p;
	if (is(p, "card")) {
		if ((s = istr(c, "confidence")) != NULL && one_of(s, vocab_levels))
			return s;
		if ((s = str(a->digest, "confidence")) != NULL &&
		    one_of(s, vocab_levels))
			return s;
	}
	return a->model ? "medium" : "low";
}

static void
log_add(struct strv *v, const char *value, const char *why)
{
	struct buf b = BUF_INIT;

	txt_plain(&b, value);
	buf_printf(&b, " (%s)", why);
	strv_add(v, buf_detach(&b));
}

/* Append the row of c, unless it is left out; returns 1 when written. */
static int
csv_row(struct buf *out, const struct iocv *c, const struct article *a,
    const struct render_opts *o, json_t *seen, struct day_log *log)
{
	struct buf v = BUF_INIT, key = BUF_INIT, t = BUF_INIT;
	const char *ct, *ref, *cat, *why, *mt;
	char date[16];
	int r = 0;

	if ((ct = ri_csv_type(c->type)) == NULL)
		return 0;	/* in the records and the report only */
	ri_refang(&v, c->value, c->type);
	if (v.len == 0 || !utf8_valid(v.s, v.len))
		goto out;
	if ((why = ri_csv_invalid(ct, v.s)) != NULL ||
	    (why = ri_noise(c->type, v.s, scope(c), c->known)) != NULL) {
		if (log != NULL)
			log_add(&log->noise, v.s, why);
		goto out;
	}
	ref = row_ref(c, a);
	buf_printf(&key, "%s\x1f%s\x1f%s", ct, v.s, ref);
	if (!utf8_valid(key.s, key.len) ||
	    json_object_get(seen, key.s) != NULL)
		goto out;
	rec_set_new(seen, key.s, json_true());
	r = 1;
	csv_field(out, ct, "unknown");
	buf_putc(out, ',');
	csv_field(out, v.s, "unknown");
	buf_putc(out, ',');
	row_date(c, a, ref, o, date);
	csv_field(out, date, "unknown");
	buf_putc(out, ',');
	cat = istr(c, "category");
	if (!one_of(cat, vocab_categories))
		cat = "unknown";
	csv_field(out, cat, "unknown");
	buf_putc(out, ',');
	if (istr(c, "actor") == NULL)
		actors(&t, a->digest);
	csv_field(out, istr(c, "actor") != NULL ? istr(c, "actor") :
	    buf_str(&t), "unknown");
	buf_putc(out, ',');
	csv_field(out, istr(c, "actor_attribute") != NULL ?
	    istr(c, "actor_attribute") : str(a->digest, "actor_attribute"),
	    "unknown");
	buf_putc(out, ',');
	if ((mt = istr(c, "malware_type")) == NULL)
		mt = str(a->digest, "malware_type");
	if (!one_of(mt, vocab_malware_types))
		mt = "unknown";
	buf_reset(&t);
	if (istr(c, "malware") != NULL)
		buf_puts(&t, istr(c, "malware"));
	else
		malware(&t, a->digest);
	/* N/A only when the card says no malware is involved */
	csv_field(out, buf_str(&t), strcmp(mt, "N/A") == 0 ? "N/A" :
	    "unknown");
	buf_putc(out, ',');
	csv_field(out, mt, "unknown");
	buf_putc(out, ',');
	csv_field(out, ref, "unknown");
	buf_putc(out, ',');
	buf_reset(&t);
	row_desc(&t, c, a, ct, cat, ref);
	csv_field(out, buf_str(&t), "unknown");
	buf_putc(out, ',');
	csv_field(out, o->author != NULL ? o->author : a->model ?
	    "AI agent" : "sec-tools extractive", "unknown");
	buf_putc(out, ',');
	csv_field(out, row_conf(c, a, o), "unknown");
	buf_putc(out, '\n');
out:
	buf_free(&t);
	buf_free(&key);
	buf_free(&v);
	return r;
}

static void
csv_rows(struct buf *out, const json_t *rec, const struct render_opts *o,
    json_t *seen, struct day_log *log, int news)
{
	struct article a;
	size_t i, n = 0;

	article_load(&a, rec, c_plain);
	for (i = 0; i < a.niocs; i++)
		n += csv_row(out, &a.iocs[i], &a, o, seen, log);
	for (i = 0; i < a.nxiocs; i++)
		n += csv_row(out, &a.xiocs[i], &a, o, seen, log);
	if (log != NULL) {
		log->nrows += n;
		if (n == 0 && news) {
			struct buf b = BUF_INIT;

			buf_puts(&b, a.title);
			if (live_url(a.url))
				buf_printf(&b, "\n%s", a.url);
			strv_add(&log->noioc, buf_detach(&b));
		}
	}
	article_free(&a);
}

void
day_csv(const struct day *d, const struct render_opts *o, struct buf *out,
    struct day_log *log)
{
	const json_t *rec;
	json_t *seen;
	size_t i;
	int s;

	buf_puts(out, "ioc_type,ioc_value,date,category,actor,"
	    "actor_attribute,malware,malware_type,reference,description,"
	    "author,confidence\n");
	seen = json_object();
	for (s = 0; s < NSECTIONS; s++)
		json_array_foreach(d->recs[s], i, rec)
			csv_rows(out, rec, o, seen, log, s == SECTION_NEWS);
	json_decref(seen);
}

void
day_log_free(struct day_log *l)
{
	strv_free(&l->noise);
	strv_free(&l->gaps);
	strv_free(&l->noioc);
}
