/* render.c: the day's records written as the report (FORMAT.md), as one
 * JSON document, or as the IOC CSV. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* A list of finished one-line strings (each new, owned by the list). */
struct strv {
	char	**v;
	size_t	 n;
};

/* One indicator of an article, as the report shows it. */
struct iocv {
	const char *value;	/* as in the record, without userinfo (red) */
	char	*red;		/* new */
	const char *type;	/* canonical (static or borrowed) */
	int	 known;
	const json_t *o;	/* the digest's entry, or NULL */
	const json_t *r;	/* the record's "iocs" entry, or NULL */
};

/* An article (any record) with its blocks worked out. */
struct article {
	const json_t *rec;
	const json_t *digest;	/* NULL when the record has none */
	char	*title;		/* cleaned */
	char	*url;		/* raw but for its userinfo, NULL when absent */
	struct strv summary, recs, other;
	char	*action;	/* cleaned, NULL when absent */
	char	*primary;	/* digest.primary_source, as url */
	struct iocv *iocs;
	size_t	 niocs;
};

typedef void cleanfn(struct buf *, const char *);

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

int
day_add(struct day *d, json_t *rec, const char **why)
{
	static const char *const fields[] = { "id", "url", "canonical",
	    "title", "summary", "iocs", "digest", "also" };
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
	if (keep == NULL || json_array_append_new(d->recs[idx], keep) == -1)
		abort();
	return r;
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
cleaned(cleanfn *clean, const char *s)
{
	struct buf b = BUF_INIT;

	clean(&b, s);
	return b.s ? buf_detach(&b) : xstrdup("");
}

static void
strv_add(struct strv *v, char *s)
{
	v->v = xreallocarray(v->v, v->n + 1, sizeof(*v->v));
	v->v[v->n++] = s;
}

static void
strv_free(struct strv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = 0;
}

/* Add the non-blank strings of j (a string or an array of them) to v,
 * until v holds max. */
static void
strv_from(struct strv *v, const json_t *j, size_t max, cleanfn *clean)
{
	const json_t *e;
	size_t i;

	if (json_is_string(j)) {
		if (!txt_blank(json_string_value(j)) && v->n < max)
			strv_add(v, cleaned(clean, json_string_value(j)));
		return;
	}
	json_array_foreach(j, i, e) {
		if (v->n >= max)
			break;
		if (json_is_string(e) && !txt_blank(json_string_value(e)))
			strv_add(v, cleaned(clean, json_string_value(e)));
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

/* The indicators of an article: the digest's when it has one, else the
 * record's own, without those that are links or well known. */
static void
load_iocs(struct article *a)
{
	const json_t *list, *e;
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
			if (txt_blank(c.value))
				continue;
			c.o = json_is_object(e) ? e : NULL;
			c.r = record_ioc(a->rec, c.value);
		} else {
			if ((c.value = str(e, "value")) == NULL ||
			    json_is_true(json_object_get(e, "linked")) ||
			    json_is_true(json_object_get(e, "known")))
				continue;
			c.r = e;
		}
		c.value = c.red = url_redacted(c.value);
		c.type = ri_type(istr(&c, "type"), c.value);
		c.known = known(iget(&c, "known"));
		a->iocs = xreallocarray(a->iocs, a->niocs + 1,
		    sizeof(*a->iocs));
		a->iocs[a->niocs++] = c;
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

static void
article_load(struct article *a, const json_t *rec, cleanfn *clean)
{
	const json_t *d, *j;
	const char *t;
	struct buf b = BUF_INIT;
	size_t i, max;
	int need;

	memset(a, 0, sizeof(*a));
	a->rec = rec;
	d = json_object_get(rec, "digest");
	a->digest = json_is_object(d) ? d : NULL;
	if ((t = str(a->digest, "title")) == NULL &&
	    (t = str(rec, "title")) == NULL &&
	    (t = str(rec, "url")) == NULL)
		t = "(タイトルなし)";
	a->title = cleaned(clean, t);
	if ((t = str(rec, "url")) != NULL ||
	    (t = str(rec, "canonical")) != NULL)
		a->url = url_redacted(t);
	if (a->digest == NULL) {
		if ((t = str(rec, "summary")) != NULL) {
			clean(&b, t);
			if (utf8_len(b.s, b.len) > FEED_SUMMARY_MAX) {
				cap(b.s, FEED_SUMMARY_MAX - 1);
				b.len = strlen(b.s);
				buf_rtrim(&b);
				buf_puts(&b, "…");
			}
			strv_add(&a->summary, buf_detach(&b));
		}
		load_iocs(a);
		return;
	}
	strv_from(&a->summary, json_object_get(d, "summary"), MAX_SUMMARY,
	    clean);
	strv_from(&a->recs, json_object_get(d, "recommendations"), MAX_RECS,
	    clean);
	strv_from(&a->other, json_object_get(d, "other"), MAX_OTHER, clean);
	if ((t = str(d, "primary_source")) != NULL)
		a->primary = url_redacted(t);
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
			clean(&b, a->primary);
		strv_add(&a->other, buf_detach(&b));
	}
	j = json_object_get(d, "action");
	if (json_is_array(j))
		j = json_array_get(j, 0);
	if (json_is_string(j) && !txt_blank(json_string_value(j)))
		a->action = cleaned(clean, json_string_value(j));
	load_iocs(a);
	buf_free(&b);
}

static void
article_free(struct article *a)
{
	size_t i;

	for (i = 0; i < a->niocs; i++)
		free(a->iocs[i].red);
	free(a->url);
	free(a->primary);
	free(a->title);
	strv_free(&a->summary);
	strv_free(&a->recs);
	strv_free(&a->other);
	free(a->action);
	free(a->iocs);
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

/* Markdown */

static void
md_block(struct buf *out, const char *label, const struct strv *v,
    const char *none)
{
	size_t i;

	buf_printf(out, "- %s\n", label);
	if (v == NULL || v->n == 0)
		buf_printf(out, "    - %s\n", none);
	for (i = 0; v != NULL && i < v->n; i++)
		buf_printf(out, "    - %s\n", v->v[i]);
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

	article_load(&a, rec, txt_line);
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
	article_free(&a);
}

static void
md_link(struct buf *out, const json_t *rec)
{
	struct article a;
	const char *t;
	size_t i;

	article_load(&a, rec, txt_line);
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

static json_t *
jstrv(const struct strv *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->n; i++)
		arr_append_new(a, jstr(v->v[i]));
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

	article_load(&a, rec, txt_plain);
	o = json_object();
	rec_set_new(o, "id", jstr_red(str(rec, "id")));
	rec_set_new(o, "title", jstr(a.title));
	rec_set_new(o, "original_title", jstr_red(str(rec, "title")));
	rec_set_new(o, "url", jstr_red(a.url));
	rec_set_new(o, "digest", json_boolean(a.digest != NULL));
	rec_set_new(o, "summary", jstrv(&a.summary));
	if (!links) {
		strv_from(&w, json_object_get(rec, "also"), SIZE_MAX,
		    txt_plain);
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
		    SIZE_MAX, txt_plain);
		rec_set_new(o, "warnings", jstrv(&w));
		strv_free(&w);
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

/* A descriptive CSV field of c: one line, or "unknown". */
static void
csv_attr(struct buf *out, const struct iocv *c, const char *key)
{
	csv_field(out, istr(c, key), "unknown");
}

static void
csv_rows(struct buf *out, const json_t *rec, const struct render_opts *o,
    json_t *seen)
{
	struct article a;
	struct buf v = BUF_INIT, key = BUF_INIT;
	const struct iocv *c;
	const char *ct, *ref, *conf;
	size_t i;

	article_load(&a, rec, txt_plain);
	for (i = 0; i < a.niocs; i++) {
		c = &a.iocs[i];
		if ((ct = ri_csv_type(c->type)) == NULL)
			continue;
		buf_reset(&v);
		ri_refang(&v, c->value, c->type);
		if (v.len == 0 || !utf8_valid(v.s, v.len) ||
		    ri_noise(c->type, v.s, scope(c), c->known))
			continue;
		if ((ref = istr(c, "reference")) == NULL &&
		    (ref = a.primary) == NULL && (ref = a.url) == NULL)
			ref = "unknown";
		buf_reset(&key);
		buf_printf(&key, "%s\x1f%s\x1f%s", ct, v.s, ref);
		if (!utf8_valid(key.s, key.len) ||
		    json_object_get(seen, key.s) != NULL)
			continue;
		rec_set_new(seen, key.s, json_true());
		csv_field(out, ct, "unknown");
		buf_putc(out, ',');
		csv_field(out, v.s, "unknown");
		buf_putc(out, ',');
		csv_field(out, o->date, "unknown");
		buf_putc(out, ',');
		csv_attr(out, c, "category");
		buf_putc(out, ',');
		csv_attr(out, c, "actor");
		buf_putc(out, ',');
		csv_attr(out, c, "actor_attribute");
		buf_putc(out, ',');
		csv_attr(out, c, "malware");
		buf_putc(out, ',');
		csv_attr(out, c, "malware_type");
		buf_putc(out, ',');
		csv_field(out, ref, "unknown");
		buf_putc(out, ',');
		csv_attr(out, c, "context");
		buf_putc(out, ',');
		csv_field(out, "sec-tools", "unknown");
		buf_putc(out, ',');
		conf = istr(c, "confidence");
		if (conf == NULL || (strcmp(conf, "high") != 0 &&
		    strcmp(conf, "medium") != 0 && strcmp(conf, "low") != 0))
			conf = a.digest != NULL ? "medium" : "low";
		csv_field(out, conf, "unknown");
		buf_putc(out, '\n');
	}
	buf_free(&key);
	buf_free(&v);
	article_free(&a);
}

void
day_csv(const struct day *d, const struct render_opts *o, struct buf *out)
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
			csv_rows(out, rec, o, seen);
	json_decref(seen);
}
