/* load.c: the days of the archive as sec-site reads them: the records
 * sec-daily writes, a file a day (site.h). */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "defang.h"
#include "hash.h"
#include "ndjson.h"
#include "record.h"
#include "section.h"
#include "site.h"
#include "util.h"

struct s_day *
site_day(struct site *s, const char *iso)
{
	struct s_day *d;

	s->day = xreallocarray(s->day, s->nday + 1, sizeof(*s->day));
	d = &s->day[s->nday++];
	memset(d, 0, sizeof(*d));
	snprintf(d->ymd, sizeof(d->ymd), "%.4s%.2s%.2s", iso, iso + 5,
	    iso + 8);
	snprintf(d->date, sizeof(d->date), "%s", iso);
	d->recs = json_array();
	return d;
}

int
site_add_file(struct site *s, const char *path)
{
	struct ndjson_in in;
	struct s_day *d;
	char *argv[1];
	char iso[11];
	json_t *rec;
	size_t i;

	if (date_of_name(path, iso) == -1) {
		warnx("%s: not a day's file (its name must begin with "
		    "YYYYMMDD)", path);
		return -1;
	}
	for (i = 0; i < s->nday; i++)
		if (strcmp(s->day[i].date, iso) == 0) {
			warnx("%s: a second file of the same day, left out",
			    path);
			return -1;
		}
	d = site_day(s, iso);
	argv[0] = (char *)path;
	ndjson_in_init(&in, 1, argv, NDJSON_MAXLINE_DEFAULT);
	while ((rec = ndjson_in_next(&in)) != NULL) {
		/* the page and its text are not shown: do not keep them */
		json_object_del(rec, "html");
		json_object_del(rec, "text");
		json_array_append_new(d->recs, rec);
	}
	i = in.nbad + in.nunread;
	ndjson_in_free(&in);
	return i > 0 ? -1 : 0;
}

static int
cmpday(const void *a, const void *b)
{
	return strcmp(((const struct s_day *)a)->ymd,
	    ((const struct s_day *)b)->ymd);
}

const char *
art_title(const struct s_art *a)
{
	const char *t = rec_str(json_object_get(a->rec, "digest"), "title");

	if (t == NULL || *t == '\0')
		t = rec_str(a->rec, "title");
	if (t == NULL || *t == '\0')
		t = rec_str(a->rec, "url");
	return t != NULL ? t : "(無題)";
}

int
ioc_listed(const json_t *c)
{
	const char *type = rec_str(c, "type");
	json_t *k = json_object_get(c, "keep");

	if (type == NULL || rec_str(c, "value") == NULL)
		return 0;
	if (strcmp(type, "cve") == 0 || strcmp(type, "asn") == 0)
		return 0;
	/* what the report lists: not what the card set aside, nor a
	 * well-known host */
	return !(k != NULL && json_is_false(k)) &&
	    !json_is_true(json_object_get(c, "known"));
}

static char *
dupz(const char *s)
{
	return xstrdup(s != NULL ? s : "");
}

/* "a, b" of a card's array of strings or of {name} objects */
static char *
joined(const json_t *a)
{
	struct buf b = BUF_INIT;
	const json_t *v;
	const char *s;
	size_t i;

	if (json_is_string(a))
		return xstrdup(json_string_value(a));
	json_array_foreach(a, i, v) {
		s = json_is_string(v) ? json_string_value(v) : rec_str(v, "name");
		if (s != NULL && *s != '\0')
			buf_printf(&b, "%s%s", b.len ? ", " : "", s);
	}
	return b.len ? buf_detach(&b) : xstrdup("");
}

static void
sighting(struct site *s, struct strset *idx, size_t art, const json_t *c,
    const char *reference, const struct s_extra *x)
{
	const json_t *d = json_object_get(s->art[art].rec, "digest");
	const char *type = rec_str(c, "type"), *value = rec_str(c, "value");
	const char *date = s->day[s->art[art].day].date;
	struct buf key = BUF_INIT, df = BUF_INIT;
	struct s_ioc *o;
	size_t n;
	int isnew;

	buf_printf(&key, "%s\t%s", type, value);
	n = strset_add(idx, key.s, key.len, &isnew);
	buf_free(&key);
	if (!isnew) {
		o = &s->ioc[n];
		if (strcmp(date, o->last) > 0)
			memcpy(o->last, date, sizeof(o->last));
		o->nseen++;
		if (x != NULL && (*o->category == '\0' ||
		    strcmp(o->category, "unknown") == 0)) {
			/* the analyst's row knows more than the report */
			free(o->category);
			free(o->actor);
			free(o->malware);
			free(o->attribution);
			free(o->mtype);
			free(o->reference);
			o->category = dupz(x->category);
			o->actor = dupz(x->actor);
			o->malware = dupz(x->malware);
			o->attribution = dupz(x->attribution);
			o->mtype = dupz(x->mtype);
			o->reference = dupz(x->reference);
		}
		return;
	}
	s->ioc = xreallocarray(s->ioc, s->nioc + 1, sizeof(*s->ioc));
	o = &s->ioc[s->nioc++];
	memset(o, 0, sizeof(*o));
	o->type = xstrdup(type);
	o->value = xstrdup(value);
	if (rec_str(c, "defanged") != NULL)
		o->defanged = xstrdup(rec_str(c, "defanged"));
	else {
		defang(&df, value, type);
		o->defanged = buf_str(&df)[0] ? buf_detach(&df) : xstrdup(value);
	}
	buf_free(&df);
	o->category = dupz(rec_str(c, "category"));
	if (x != NULL) {
		/* the analyst's row says who and what itself */
		o->actor = dupz(x->actor);
		o->malware = dupz(x->malware);
		o->attribution = dupz(x->attribution);
		o->mtype = dupz(x->mtype);
	} else {
		o->actor = joined(json_object_get(d, "actor"));
		o->malware = joined(json_object_get(d, "malware"));
		o->attribution = dupz(rec_str(d, "actor_attribute"));
		o->mtype = dupz(rec_str(d, "malware_type"));
	}
	o->reference = dupz(rec_str(c, "found_in") != NULL ?
	    rec_str(c, "found_in") : reference);
	o->description = dupz(rec_str(c, "context"));
	memcpy(o->first, date, sizeof(o->first));
	memcpy(o->last, date, sizeof(o->last));
	o->art = art;
	o->nseen = 1;
}

/* The article of day d that cites url: its own URL or one of its
 * primary sources; else the day's first article; -1 when the day has
 * none. */
static long
article_of(const struct site *s, const char *iso, const char *url)
{
	const json_t *v;
	size_t i, j, first = (size_t)-1;

	for (i = 0; i < s->nday; i++)
		if (strcmp(s->day[i].date, iso) == 0)
			break;
	if (i == s->nday || s->day[i].n == 0)
		return -1;
	for (j = s->day[i].first; j < s->day[i].first + s->day[i].n; j++) {
		const json_t *rec = s->art[j].rec, *d;

		if (first == (size_t)-1 && json_is_object(json_object_get(rec,
		    "digest")))
			first = j;
		if (url == NULL || *url == '\0')
			continue;
		if (rec_str(rec, "url") != NULL &&
		    strcmp(rec_str(rec, "url"), url) == 0)
			return (long)j;
		d = json_object_get(rec, "digest");
		json_array_foreach(json_object_get(d, "primary_sources"), i, v)
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), url) == 0)
				return (long)j;
	}
	return first != (size_t)-1 ? (long)first : (long)s->day[i].first;
}

static void
extra(struct site *s, struct strset *idx, const struct s_extra *x)
{
	long art = article_of(s, x->day, x->reference);
	json_t *c;

	if (art < 0)
		return;
	c = json_pack("{s:s,s:s,s:s,s:s,s:s}", "type", x->type, "value",
	    x->value, "defanged", x->defanged, "category", x->category,
	    "context", x->description);
	if (c != NULL && ioc_listed(c))
		sighting(s, idx, (size_t)art, c, x->reference, x);
	json_decref(c);
}

void
site_finish(struct site *s)
{
	struct strset idx = STRSET_INIT;
	size_t i, j, k;
	json_t *rec, *c;

	qsort(s->day, s->nday, sizeof(*s->day), cmpday);
	for (i = 0; i < s->nday; i++) {
		s->day[i].first = s->nart;
		json_array_foreach(s->day[i].recs, j, rec) {
			int sec = section_find(rec_str(rec, "section") ?
			    rec_str(rec, "section") : "news");

			s->art = xreallocarray(s->art, s->nart + 1,
			    sizeof(*s->art));
			s->art[s->nart].day = i;
			s->art[s->nart].pos = s->nart - s->day[i].first + 1;
			s->art[s->nart].rec = rec;
			s->art[s->nart].section = sec >= 0 ? sec : SECTION_MEMO;
			s->nart++;
		}
		s->day[i].n = s->nart - s->day[i].first;
	}
	for (i = 0; i < s->nart; i++) {
		const json_t *rec = s->art[i].rec, *d;
		const json_t *ps;
		const char *ref = rec_str(rec, "url");

		d = json_object_get(rec, "digest");
		/* the reference of an indicator of the article: its primary
		 * source when it has one */
		ps = json_object_get(d, "primary_sources");
		if (json_is_array(ps) && json_array_size(ps) > 0 &&
		    json_is_string(json_array_get(ps, 0)))
			ref = json_string_value(json_array_get(ps, 0));
		else if (rec_str(d, "primary_source") != NULL)
			ref = rec_str(d, "primary_source");
		json_array_foreach(json_object_get(d, "iocs"), k, c)
			if (json_is_object(c) && ioc_listed(c))
				sighting(s, &idx, i, c, ref, NULL);
		json_array_foreach(json_object_get(rec, "iocs"), k, c)
			if (rec_str(c, "found_in") != NULL && ioc_listed(c))
				sighting(s, &idx, i, c, ref, NULL);
	}
	for (i = 0; i < s->nextra; i++)
		extra(s, &idx, &s->extra[i]);
	strset_free(&idx);
}

void
site_free(struct site *s)
{
	size_t i;

	for (i = 0; i < s->nday; i++)
		json_decref(s->day[i].recs);
	for (i = 0; i < s->nioc; i++) {
		free(s->ioc[i].type);
		free(s->ioc[i].value);
		free(s->ioc[i].defanged);
		free(s->ioc[i].category);
		free(s->ioc[i].actor);
		free(s->ioc[i].malware);
		free(s->ioc[i].attribution);
		free(s->ioc[i].mtype);
		free(s->ioc[i].reference);
		free(s->ioc[i].description);
	}
	for (i = 0; i < s->nextra; i++) {
		free(s->extra[i].day);
		free(s->extra[i].type);
		free(s->extra[i].value);
		free(s->extra[i].defanged);
		free(s->extra[i].category);
		free(s->extra[i].actor);
		free(s->extra[i].attribution);
		free(s->extra[i].malware);
		free(s->extra[i].mtype);
		free(s->extra[i].reference);
		free(s->extra[i].description);
	}
	free(s->extra);
	free(s->day);
	free(s->art);
	free(s->ioc);
}
