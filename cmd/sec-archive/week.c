/* week.c: the weekly review (week.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "csv.h"
#include "date.h"
#include "hash.h"
#include "timeutil.h"
#include "url.h"
#include "util.h"
#include "week.h"

#define NREPR	3	/* representative keys a row shows */

/* --- the week ------------------------------------------------------- */

static void
ymd(char out[11], long long t)
{
	char r[RFC3339_LEN];

	time_rfc3339(t, r);
	memcpy(out, r, 10);
	out[10] = '\0';
}

int
week_range(struct wk_input *in, const char *label)
{
	long long y, w, mon;
	char ys[5];

	if (strlen(label) != 8 || label[4] != '-' || label[5] != 'W')
		return -1;
	memcpy(ys, label, 4);
	ys[4] = '\0';
	if (strtonum_ok(ys, 1970, 9999, &y) == -1 ||
	    strtonum_ok(label + 6, 1, 53, &w) == -1 ||
	    (mon = time_iso_monday((int)y, (int)w)) == -1)
		return -1;
	snprintf(in->label, sizeof(in->label), "%s", label);
	ymd(in->start, mon + 6 * 86400LL);
	ymd(in->end, mon + 12 * 86400LL);
	return 0;
}

/* --- tallies: distinct events per value ------------------------------ */

struct trow {
	char		*value;
	char		*disp;		/* what the row shows (raw) */
	size_t		 n;
	char		**keys;
	size_t		 nkeys;
	struct strset	 seen;		/* the keys counted */
	struct strset	 extra;		/* representative products */
	char		**extras;
	size_t		 nextras;
};

struct tally {
	struct trow	*row;
	size_t		 n;
	struct strset	 idx;
};

static struct trow *
tally_row(struct tally *t, const char *value)
{
	int isnew;
	size_t i = strset_add(&t->idx, value, strlen(value), &isnew);

	if (isnew) {
		t->row = xreallocarray(t->row, t->n + 1, sizeof(*t->row));
		memset(&t->row[t->n], 0, sizeof(t->row[0]));
		t->row[t->n].value = xstrdup(value);
		t->n++;
	}
	return &t->row[i];
}

static void
tally_add(struct tally *t, const char *value, const char *disp,
    const char *key)
{
	struct trow *r = tally_row(t, value);
	int isnew;

	strset_add(&r->seen, key, strlen(key), &isnew);
	if (!isnew)
		return;
	r->keys = xreallocarray(r->keys, r->nkeys + 1, sizeof(*r->keys));
	r->keys[r->nkeys++] = xstrdup(key);
	r->n++;
	if (r->disp == NULL && disp != NULL)
		r->disp = xstrdup(disp);
}

/* Add extra to a row (after tally_sort: rows are not found by value
 * once sorted). */
static void
tally_extra(struct trow *r, const char *extra)
{
	int isnew;

	strset_add(&r->extra, extra, strlen(extra), &isnew);
	if (!isnew)
		return;
	r->extras = xreallocarray(r->extras, r->nextras + 1,
	    sizeof(*r->extras));
	r->extras[r->nextras++] = xstrdup(extra);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Most events first, then by value. */
static int
cmprow(const void *a, const void *b)
{
	const struct trow *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->value, y->value);
}

static void
tally_sort(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->row[i].nkeys > 1)
			qsort(t->row[i].keys, t->row[i].nkeys,
			    sizeof(char *), cmpstr);
	if (t->n > 1)
		qsort(t->row, t->n, sizeof(*t->row), cmprow);
}

static void
tally_free(struct tally *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->row[i].nkeys; j++)
			free(t->row[i].keys[j]);
		for (j = 0; j < t->row[i].nextras; j++)
			free(t->row[i].extras[j]);
		free(t->row[i].keys);
		free(t->row[i].extras);
		free(t->row[i].value);
		free(t->row[i].disp);
		strset_free(&t->row[i].seen);
		strset_free(&t->row[i].extra);
	}
	free(t->row);
	strset_free(&t->idx);
	memset(t, 0, sizeof(*t));
}

/* --- the week's events and tags -------------------------------------- */

static int
informative(const char *v)
{
	return v != NULL && *v != '\0' && strcmp(v, "unknown") != 0 &&
	    strcmp(v, "not_applicable") != 0;
}

struct wk {
	const struct wk_input *in;
	struct strset	 keys;		/* the week's event keys */
};

static int
in_week(const struct wk *w, const char *key)
{
	return key != NULL && strset_get(&w->keys, key, strlen(key)) !=
	    STRSET_NONE;
}

/* The tally of one tag dimension over the week's events. */
static void
dim_tally(const struct wk *w, const char *dim, struct tally *t)
{
	const struct wk_input *in = w->in;
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < in->ntag; i++) {
		const struct wk_tag *g = &in->tag[i];

		if (strcmp(g->dim, dim) != 0 || !in_week(w, g->key) ||
		    !informative(g->norm))
			continue;
		tally_add(t, g->norm, g->raw, g->key);
	}
	tally_sort(t);
}

static const char *
label(const struct wk *w, const char *dim, const char *value)
{
	const struct tax_value *v = taxonomy_value(w->in->tax, dim, value);

	return v != NULL && *v->label_ja != '\0' ? v->label_ja : value;
}

/* Markdown table cells: no "|" or line break can break the table. */
static void
cell(struct buf *md, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '|')
			buf_puts(md, "\\|");
		else if (*s == '\n' || *s == '\r')
			buf_putc(md, ' ');
		else
			buf_putc(md, *s);
	}
}

static void
repr_keys(struct buf *md, const struct trow *r)
{
	size_t i;

	for (i = 0; i < r->nkeys && i < NREPR; i++)
		buf_printf(md, "%s`%s`", i ? ", " : "", r->keys[i]);
}

/* A table "| dim | label | events | representative_event_keys |"; at
 * most max rows (0: all). */
static void
dim_table(struct buf *md, const struct wk *w, const char *dim, size_t max,
    int labels)
{
	struct tally t;
	size_t i;

	dim_tally(w, dim, &t);
	if (labels)
		buf_printf(md, "| %s | label | events | "
		    "representative_event_keys |\n|---|---|---|---|\n", dim);
	else
		buf_printf(md, "| %s | events | representative_event_keys | "
		    "note |\n|---|---|---|---|\n", dim);
	for (i = 0; i < t.n && (max == 0 || i < max); i++) {
		buf_puts(md, "| ");
		if (labels) {
			cell(md, t.row[i].value);
			buf_puts(md, " | ");
			cell(md, label(w, dim, t.row[i].value));
		} else
			cell(md, t.row[i].disp ? t.row[i].disp :
			    t.row[i].value);
		buf_printf(md, " | %zu | ", t.row[i].n);
		repr_keys(md, &t.row[i]);
		if (!labels)
			buf_printf(md, " | normalized=`%s`", t.row[i].value);
		buf_puts(md, " |\n");
	}
	if (t.n == 0)
		buf_puts(md, labels ? "| - | - | 0 | - |\n" :
		    "| - | 0 | - | - |\n");
	tally_free(&t);
}

static int
rank(const char *v, const char *const *order, int n)
{
	int i;

	for (i = 0; v != NULL && i < n; i++)
		if (strcmp(v, order[i]) == 0)
			return i;
	return n;
}

static int
followup_rank(const struct wk_event *e)
{
	static const char *const o[] = { "yes", "maybe" };

	return rank(e->followup, o, 2);
}

static int
type_rank(const struct wk_event *e)
{
	static const char *const o[] = { "active_exploitation", "incident",
	    "malware_campaign", "supply_chain" };

	return rank(e->type, o, 4);
}

static int
conf_rank(const struct wk_event *e)
{
	static const char *const o[] = { "high", "medium", "low" };

	return rank(e->confidence, o, 3);
}

struct evref {
	const struct wk_event *e;
	size_t	 pos;
};

/* The main events' order (WORKFLOW.md section 3): follow-up yes, maybe;
 * then active_exploitation, incident, malware_campaign, supply_chain;
 * then high confidence; then the newest; then the input's order. */
static int
cmpmain(const void *a, const void *b)
{
	const struct evref *x = a, *y = b;
	int c;

	if ((c = followup_rank(x->e) - followup_rank(y->e)) != 0 ||
	    (c = type_rank(x->e) - type_rank(y->e)) != 0 ||
	    (c = conf_rank(x->e) - conf_rank(y->e)) != 0)
		return c;
	if ((c = strcmp(y->e->date ? y->e->date : "",
	    x->e->date ? x->e->date : "")) != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Follow-up candidates: yes before maybe, the newest first. */
static int
cmpfollow(const void *a, const void *b)
{
	const struct evref *x = a, *y = b;
	int c;

	if ((c = followup_rank(x->e) - followup_rank(y->e)) != 0)
		return c;
	if ((c = strcmp(y->e->date ? y->e->date : "",
	    x->e->date ? x->e->date : "")) != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void
followup_reason(struct buf *b, const struct wk_event *e)
{
	size_t start = b->len;

	if (e->type != NULL && strcmp(e->type, "active_exploitation") == 0)
		buf_puts(b, "実悪用");
	else if (e->type != NULL && strcmp(e->type, "malware_campaign") == 0)
		buf_puts(b, "マルウェアキャンペーン");
	else if (e->type != NULL && strcmp(e->type, "supply_chain") == 0)
		buf_puts(b, "サプライチェーン");
	if (e->confidence != NULL && strcmp(e->confidence, "high") == 0)
		buf_printf(b, "%sconfidence=high", b->len > start ? "・" : "");
	if (b->len == start)
		buf_puts(b, "月次候補");
}

/* --- the IOC analysis ------------------------------------------------ */

struct nioc {
	const struct wk_ioc *r;
	char	*ntype, *nvalue, *host;
	int	 current, past, shared;
};

/* The short type and the value compared: host names and hashes lower
 * case; a URL without its default port or a bare "/" path. */
static void
normalize(struct nioc *n, const struct wk_shared *sh)
{
	const char *t = n->r->type ? n->r->type : "", *v = n->r->value;
	struct buf b = BUF_INIT;
	const char *h;
	size_t i, hl;

	if (v == NULL)
		v = "";
	if (strncmp(t, "file_hash_", 10) == 0)
		t += 10;
	n->ntype = xstrdup(t);
	if (strcmp(t, "url") == 0) {
		const char *p = strstr(v, "://"), *rest;

		if (p == NULL) {
			buf_puts(&b, v);
			n->host = xstrdup("");
		} else {
			for (i = 0; v + i < p + 3; i++)
				buf_putc(&b, ascii_lower((unsigned char)v[i]));
			rest = p + 3 + strcspn(p + 3, "/?#");
			hl = (size_t)(rest - (p + 3));
			for (i = 0; i < hl; i++)
				buf_putc(&b, ascii_lower((unsigned char)p[3 +
				    i]));
			/* the default port says nothing */
			if (b.len > 3 && ((strncmp(b.s, "http://", 7) == 0 &&
			    b.len > 3 && strcmp(b.s + b.len - 3, ":80") ==
			    0))) {
				b.len -= 3;
				b.s[b.len] = '\0';
			} else if (strncmp(b.s, "https://", 8) == 0 &&
			    b.len > 4 && strcmp(b.s + b.len - 4, ":443") ==
			    0) {
				b.len -= 4;
				b.s[b.len] = '\0';
			}
			if (strcmp(rest, "/") != 0)
				buf_puts(&b, rest);
			if ((h = url_host(b.s, &hl)) != NULL)
				n->host = xstrndup(h, hl);
			else
				n->host = xstrdup("");
		}
	} else {
		int lower = strcmp(t, "domain") == 0 || strcmp(t, "ip") == 0 ||
		    strcmp(t, "md5") == 0 || strcmp(t, "sha1") == 0 ||
		    strcmp(t, "sha256") == 0;

		for (i = 0; v[i] != '\0'; i++)
			buf_putc(&b, lower ? ascii_lower((unsigned char)v[i]) :
			    v[i]);
		if (b.len > 1 && b.s[b.len - 1] == '.' &&
		    strcmp(t, "domain") == 0)
			b.s[--b.len] = '\0';
		n->host = strcmp(t, "domain") == 0 || strcmp(t, "ip") == 0 ?
		    xstrdup(buf_str(&b)) : xstrdup("");
	}
	n->nvalue = buf_detach(&b);
	if (n->nvalue == NULL)
		n->nvalue = xstrdup("");
	n->shared = *n->host != '\0' && wk_shared_has(sh, n->host);
}

static int
same(const char *a, const char *b)
{
	return ascii_casecmp(a ? a : "", b ? b : "") == 0;
}

struct analysis {
	struct nioc	*row;
	size_t		 n;
	size_t		 ncur, ndistinct, nmatched_rows, nmatched;
	size_t		 ncross, nexact, noverlap;
	size_t		 nsup_cur, nsup_past;
	struct buf	 matches;	/* the CSV rows */
};

static const char *
s0(const char *s)
{
	return s != NULL ? s : "";
}

static void
match_row(struct analysis *a, const char *kind, const struct nioc *c,
    const struct nioc *p)
{
	const struct wk_ioc *t = c->r, *o = p->r;
	struct buf *m = &a->matches;
	char line[32];
	const char *f[] = { kind,
	    same(t->reference, o->reference) ? "true" : "false",
	    same(t->malware, o->malware) ? "true" : "false",
	    same(t->actor, o->actor) ? "true" : "false",
	    s0(t->date), s0(t->source_file), NULL, s0(t->type), s0(t->value),
	    c->ntype, c->nvalue, c->host, s0(t->category), s0(t->actor),
	    s0(t->actor_attribute), s0(t->malware), s0(t->malware_type),
	    s0(t->reference), s0(t->confidence), s0(o->date),
	    s0(o->source_file), NULL, s0(o->type), s0(o->value),
	    s0(o->category), s0(o->actor), s0(o->actor_attribute),
	    s0(o->malware), s0(o->malware_type), s0(o->reference),
	    s0(o->confidence), s0(o->description) };
	char line2[32];
	size_t i;

	snprintf(line, sizeof(line), "%ld", t->line);
	snprintf(line2, sizeof(line2), "%ld", o->line);
	f[6] = line;
	f[21] = line2;
	for (i = 0; i < NELEM(f); i++) {
		if (i > 0)
			buf_putc(m, ',');
		csv_put(m, f[i]);
	}
	buf_putc(m, '\n');
}

static void
analyse(const struct wk_input *in, struct analysis *a)
{
	struct strset byval = STRSET_INIT, distinct = STRSET_INIT;
	struct strset matched = STRSET_INIT, cross = STRSET_INIT;
	size_t *first = NULL, *next, *hnext, i, j, k;
	struct buf key = BUF_INIT;
	int isnew;

	memset(a, 0, sizeof(*a));
	buf_init(&a->matches);
	a->row = xcalloc(in->nioc ? in->nioc : 1, sizeof(*a->row));
	for (i = 0; i < in->nioc; i++) {
		const char *d = s0(in->ioc[i].date);

		if (strcmp(d, in->end) > 0)
			continue;	/* later than the week */
		a->row[a->n].r = &in->ioc[i];
		normalize(&a->row[a->n], in->shared);
		a->row[a->n].current = strcmp(d, in->start) >= 0;
		a->row[a->n].past = !a->row[a->n].current;
		a->n++;
	}
	/* the earlier rows by value and by host: chains of indices */
	next = xcalloc(a->n ? a->n : 1, sizeof(*next));
	hnext = xcalloc(a->n ? a->n : 1, sizeof(*hnext));
	for (i = 0; i < a->n; i++) {
		const struct nioc *r = &a->row[i];

		if (!r->past)
			continue;
		if (r->shared)
			a->nsup_past++;
		buf_reset(&key);
		buf_printf(&key, "v\t%s\t%s", r->ntype, r->nvalue);
		k = strset_add(&byval, key.s, key.len, &isnew);
		if (isnew)
			first = xreallocarray(first, byval.n, sizeof(*first));
		next[i] = isnew ? (size_t)-1 : first[k];
		first[k] = i;
		if (*r->host != '\0' && !r->shared) {
			buf_reset(&key);
			buf_printf(&key, "h\t%s", r->host);
			k = strset_add(&byval, key.s, key.len, &isnew);
			if (isnew)
				first = xreallocarray(first, byval.n,
				    sizeof(*first));
			hnext[i] = isnew ? (size_t)-1 : first[k];
			first[k] = i;
		}
	}
	for (i = 0; i < a->n; i++) {
		const struct nioc *c = &a->row[i];
		int any = 0, anycross = 0;

		if (!c->current)
			continue;
		a->ncur++;
		buf_reset(&key);
		buf_printf(&key, "%s\t%s", c->ntype, c->nvalue);
		strset_add(&distinct, key.s, key.len, NULL);
		if (c->shared)
			a->nsup_cur++;
		buf_reset(&key);
		buf_printf(&key, "v\t%s\t%s", c->ntype, c->nvalue);
		if ((k = strset_get(&byval, key.s, key.len)) != STRSET_NONE)
			for (j = first[k]; j != (size_t)-1; j = next[j]) {
				match_row(a, "exact", c, &a->row[j]);
				a->nexact++;
				any = 1;
				if (!same(c->r->reference,
				    a->row[j].r->reference))
					anycross = 1;
			}
		/* host overlap: the same host under another value */
		buf_reset(&key);
		buf_printf(&key, "h\t%s", c->host);
		if (*c->host != '\0' && !c->shared && (k = strset_get(&byval,
		    key.s, key.len)) != STRSET_NONE)
			for (j = first[k]; j != (size_t)-1; j = hnext[j]) {
				const struct nioc *p = &a->row[j];

				if (strcmp(p->ntype, c->ntype) == 0 &&
				    strcmp(p->nvalue, c->nvalue) == 0)
					continue;
				match_row(a, "host_overlap", c, p);
				a->noverlap++;
				any = 1;
				if (!same(c->r->reference, p->r->reference))
					anycross = 1;
			}
		if (any) {
			a->nmatched_rows++;
			buf_reset(&key);
			buf_printf(&key, "%s\t%s", c->ntype, c->nvalue);
			strset_add(&matched, key.s, key.len, NULL);
			if (anycross)
				strset_add(&cross, key.s, key.len, NULL);
		}
	}
	a->ndistinct = distinct.n;
	a->nmatched = matched.n;
	a->ncross = cross.n;
	strset_free(&byval);
	strset_free(&distinct);
	strset_free(&matched);
	strset_free(&cross);
	free(first);
	free(next);
	free(hnext);
	buf_free(&key);
}

static void
analysis_free(struct analysis *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->row[i].ntype);
		free(a->row[i].nvalue);
		free(a->row[i].host);
	}
	free(a->row);
	buf_free(&a->matches);
}

/* Counts of one column over the week's rows, most first. */
static void
ioc_tally(const struct analysis *a, int col, struct tally *t)
{
	char pos[32];
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < a->n; i++) {
		const struct nioc *r = &a->row[i];
		const char *v;

		if (!r->current)
			continue;
		switch (col) {
		case 0:
			v = r->ntype;
			break;
		case 1:
			v = r->r->category;
			break;
		case 2:
			v = r->r->actor;
			break;
		case 3:
			v = r->r->actor_attribute;
			break;
		default:
			v = r->r->malware;
			break;
		}
		/* rows, not distinct values: each row is its own key */
		snprintf(pos, sizeof(pos), "%zu", i);
		tally_add(t, v != NULL && *v != '\0' ? v : "unknown", NULL,
		    pos);
	}
	tally_sort(t);
}

void
week_ioc_csv(const struct wk_input *in, struct buf *current,
    struct buf *matches, struct buf *summary)
{
	static const char *const cols[] = { "target_ioc_type",
	    "target_category", "target_actor", "target_actor_attribute",
	    "target_malware" };
	struct analysis a;
	struct tally t;
	size_t i, j;

	analyse(in, &a);
	buf_puts(current, "date,source_file,source_line,ioc_type,ioc_value,"
	    "normalized_type,normalized_value,host,category,actor,"
	    "actor_attribute,malware,malware_type,reference,description,"
	    "confidence\n");
	for (i = 0; i < a.n; i++) {
		const struct nioc *r = &a.row[i];
		char line[32];
		const char *f[16];

		if (!r->current)
			continue;
		snprintf(line, sizeof(line), "%ld", r->r->line);
		f[0] = s0(r->r->date);
		f[1] = s0(r->r->source_file);
		f[2] = line;
		f[3] = s0(r->r->type);
		f[4] = s0(r->r->value);
		f[5] = r->ntype;
		f[6] = r->nvalue;
		f[7] = r->host;
		f[8] = s0(r->r->category);
		f[9] = s0(r->r->actor);
		f[10] = s0(r->r->actor_attribute);
		f[11] = s0(r->r->malware);
		f[12] = s0(r->r->malware_type);
		f[13] = s0(r->r->reference);
		f[14] = s0(r->r->description);
		f[15] = s0(r->r->confidence);
		for (j = 0; j < NELEM(f); j++) {
			if (j > 0)
				buf_putc(current, ',');
			csv_put(current, f[j]);
		}
		buf_putc(current, '\n');
	}
	buf_puts(matches, "match_type,same_reference,same_malware,same_actor,"
	    "target_date,target_source_file,target_source_line,"
	    "target_ioc_type,target_ioc_value,target_normalized_type,"
	    "target_normalized_value,target_host,target_category,"
	    "target_actor,target_actor_attribute,target_malware,"
	    "target_malware_type,target_reference,target_confidence,"
	    "past_date,past_source_file,past_source_line,past_ioc_type,"
	    "past_ioc_value,past_category,past_actor,past_actor_attribute,"
	    "past_malware,past_malware_type,past_reference,past_confidence,"
	    "past_description\n");
	buf_put(matches, buf_str(&a.matches), a.matches.len);
	buf_puts(summary, "metric,name,count\n");
	buf_printf(summary, "target_ioc_rows,total,%zu\n", a.ncur);
	buf_printf(summary, "target_ioc_distinct,total,%zu\n", a.ndistinct);
	buf_printf(summary, "matched_ioc_rows,total,%zu\n", a.nmatched_rows);
	buf_printf(summary, "matched_ioc_distinct,total,%zu\n", a.nmatched);
	buf_printf(summary, "cross_reference_matched_ioc_distinct,total,%zu\n",
	    a.ncross);
	buf_printf(summary, "exact_matches,total,%zu\n", a.nexact);
	buf_printf(summary, "host_overlap_matches,total,%zu\n", a.noverlap);
	buf_printf(summary, "host_overlap_suppressed_current_shared_service_"
	    "rows,total,%zu\n", a.nsup_cur);
	buf_printf(summary, "host_overlap_suppressed_past_shared_service_"
	    "rows,total,%zu\n", a.nsup_past);
	for (i = 0; i < NELEM(cols); i++) {
		ioc_tally(&a, (int)i, &t);
		for (j = 0; j < t.n; j++) {
			buf_printf(summary, "%s,", cols[i]);
			csv_put(summary, t.row[j].value);
			buf_printf(summary, ",%zu\n", t.row[j].n);
		}
		tally_free(&t);
	}
	analysis_free(&a);
}

/* --- the review ------------------------------------------------------ */

static void
hr(struct buf *md)
{
	buf_puts(md, "\n---\n\n");
}

static void
pct(struct buf *md, size_t n, size_t total)
{
	buf_printf(md, "%.1f%%", total ? 100.0 * (double)n / (double)total :
	    0.0);
}

static const char *
coverage_status(size_t n, size_t total)
{
	double p = total ? (double)n / (double)total : 0;

	if (n == 0)
		return "none";
	if (n == 1)
		return "low";
	if (p < 0.20)
		return "limited";
	if (p < 0.60)
		return "usable";
	return "strong";
}

static void
header(struct buf *md, const struct wk_input *in, size_t nreview)
{
	size_t i;

	buf_printf(md, "# Weekly Security Review: %s\n\n## 対象期間\n\n",
	    in->label);
	buf_printf(md, "- 期間: %s 〜 %s\n", in->start, in->end);
	buf_puts(md, "- 入力:\n");
	for (i = 0; i < in->ninputs; i++)
		buf_printf(md, "  - `%s`\n", in->inputs[i]);
	if (in->ninputs == 0)
		buf_puts(md, "  - なし\n");
	buf_printf(md, "- 対象イベント数: %zu件\n", in->nev);
	buf_printf(md, "- `needs_review=true` 件数: %zu件\n", nreview);
	buf_puts(md, "- 欠損日次データ:");
	if (in->nmissing == 0)
		buf_puts(md, " なし\n");
	else {
		buf_putc(md, '\n');
		for (i = 0; i < in->nmissing; i++)
			buf_printf(md, "  - `%s`\n", in->missing[i]);
	}
	buf_printf(md, "- IOC分析: %s\n", in->analysis != NULL ?
	    in->analysis : "実施済み（共有サービスのホスト一覧を適用）");
}

static void
key_points(struct buf *md, const struct wk *w, const struct analysis *a,
    size_t nyes, size_t nmaybe, size_t nreview)
{
	struct tally t;

	buf_puts(md, "## 1. 今週の要点\n\n");
	dim_tally(w, "attack_method", &t);
	if (t.n > 0)
		buf_printf(md, "- **攻撃手法の最多は%s**: %zu件。\n",
		    label(w, "attack_method", t.row[0].value), t.row[0].n);
	tally_free(&t);
	dim_tally(w, "product_class", &t);
	if (t.n > 0)
		buf_printf(md, "- **対象製品分類では%sが最多**: %zu件。\n",
		    label(w, "product_class", t.row[0].value), t.row[0].n);
	tally_free(&t);
	buf_printf(md, "- **月次深掘り候補**: yes=%zu件、maybe=%zu件。\n",
	    nyes, nmaybe);
	buf_printf(md, "- **レビュー保留**: `needs_review=true` は%zu件。\n",
	    nreview);
	buf_printf(md, "- **IOC分析**: rows=%zu、past matches=%zu、"
	    "same_reference=false=%zu。\n", a->ncur, a->nmatched, a->ncross);
}

static void
main_events(struct buf *md, const struct wk_input *in, struct evref *r)
{
	size_t i;

	buf_puts(md, "## 3. 主要イベント\n\n| event_key | date | event_type |"
	    " title | confidence | monthly_followup_candidate |\n"
	    "|---|---|---|---|---|---|\n");
	for (i = 0; i < in->nev; i++) {
		r[i].e = &in->ev[i];
		r[i].pos = i;
	}
	if (in->nev > 1)
		qsort(r, in->nev, sizeof(*r), cmpmain);
	for (i = 0; i < in->nev && i < 10; i++) {
		const struct wk_event *e = r[i].e;

		buf_printf(md, "| `%s` | %s | %s | ", s0(e->key), s0(e->date),
		    s0(e->type));
		cell(md, e->title);
		buf_printf(md, " | %s | %s |\n", s0(e->confidence),
		    s0(e->followup));
	}
	if (in->nev == 0)
		buf_puts(md, "| - | - | - | - | - | - |\n");
}

/* 4-2: product classes with their products, then the products seen in
 * two events or more. */
static void
products(struct buf *md, const struct wk *w)
{
	const struct wk_input *in = w->in;
	struct tally cls, prod;
	size_t i, j, k, shown;

	dim_tally(w, "product_class", &cls);
	/* each class's products: those of its events, in key order */
	for (i = 0; i < cls.n; i++)
		for (j = 0; j < cls.row[i].nkeys; j++)
			for (k = 0; k < in->ntag; k++)
				if (strcmp(in->tag[k].dim, "product") == 0 &&
				    informative(in->tag[k].norm) &&
				    strcmp(in->tag[k].key,
				    cls.row[i].keys[j]) == 0 &&
				    in->tag[k].raw != NULL)
					tally_extra(&cls.row[i],
					    in->tag[k].raw);
	buf_puts(md, "| product_class | label | events | "
	    "representative_products | representative_event_keys |\n"
	    "|---|---|---|---|---|\n");
	for (i = 0; i < cls.n && i < 10; i++) {
		buf_puts(md, "| ");
		cell(md, cls.row[i].value);
		buf_puts(md, " | ");
		cell(md, label(w, "product_class", cls.row[i].value));
		buf_printf(md, " | %zu | ", cls.row[i].n);
		for (j = 0; j < cls.row[i].nextras && j < NREPR; j++) {
			buf_puts(md, j ? ", " : "");
			cell(md, cls.row[i].extras[j]);
		}
		if (cls.row[i].nextras == 0)
			buf_putc(md, '-');
		buf_puts(md, " | ");
		repr_keys(md, &cls.row[i]);
		buf_puts(md, " |\n");
	}
	if (cls.n == 0)
		buf_puts(md, "| - | - | 0 | - | - |\n");
	tally_free(&cls);

	dim_tally(w, "product", &prod);
	buf_puts(md, "\n| product | events | representative_event_keys |\n"
	    "|---|---|---|\n");
	for (i = 0, shown = 0; i < prod.n && shown < 5; i++) {
		if (prod.row[i].n < 2)
			break;
		buf_puts(md, "| ");
		cell(md, prod.row[i].disp ? prod.row[i].disp :
		    prod.row[i].value);
		buf_printf(md, " | %zu | ", prod.row[i].n);
		repr_keys(md, &prod.row[i]);
		buf_puts(md, " |\n");
		shown++;
	}
	if (shown == 0)
		buf_puts(md, "| - | 0 | - |\n");
	tally_free(&prod);
}

static size_t
informative_events(const struct wk *w, const char *dim, size_t *raw)
{
	const struct wk_input *in = w->in;
	struct strset inf = STRSET_INIT, any = STRSET_INIT;
	size_t i, n;

	for (i = 0; i < in->ntag; i++) {
		const struct wk_tag *g = &in->tag[i];

		if (strcmp(g->dim, dim) != 0 || !in_week(w, g->key))
			continue;
		strset_add(&any, g->key, strlen(g->key), NULL);
		if (informative(g->norm))
			strset_add(&inf, g->key, strlen(g->key), NULL);
	}
	n = inf.n;
	*raw = any.n;
	strset_free(&inf);
	strset_free(&any);
	return n;
}

static void
ioc_section(struct buf *md, const struct analysis *a)
{
	struct tally t;
	size_t i, c;

	buf_puts(md, "## 6. IOC分析\n\n### 6-1. IOCサマリ\n\n"
	    "| metric | count |\n|---|---|\n");
	buf_printf(md, "| IOC rows | %zu |\n", a->ncur);
	buf_printf(md, "| distinct IOCs | %zu |\n", a->ndistinct);
	buf_printf(md, "| past matches | %zu |\n", a->nmatched);
	buf_printf(md, "| cross-reference matches | %zu |\n", a->ncross);
	buf_printf(md, "| exact matches | %zu |\n", a->nexact);
	buf_printf(md, "| host_overlap matches | %zu |\n", a->noverlap);
	buf_printf(md, "| suppressed current shared-service host_overlap "
	    "rows | %zu |\n", a->nsup_cur);
	buf_printf(md, "| suppressed past shared-service host_overlap rows |"
	    " %zu |\n", a->nsup_past);
	buf_puts(md, "\n### 6-2. IOC type / category 別\n\n"
	    "| type_or_category | value | count |\n|---|---|---|\n");
	for (c = 0; c < 2; c++) {
		ioc_tally(a, (int)c, &t);
		for (i = 0; i < t.n; i++) {
			buf_printf(md, "| %s | ", c == 0 ? "ioc_type" :
			    "category");
			cell(md, t.row[i].value);
			buf_printf(md, " | %zu |\n", t.row[i].n);
		}
		tally_free(&t);
	}
	buf_puts(md, "\n### 6-3. 主な actor / malware\n\n"
	    "| dimension | value | count |\n|---|---|---|\n");
	for (c = 2; c < 5; c += 2) {
		ioc_tally(a, (int)c, &t);
		for (i = 0; i < t.n && i < 5; i++) {
			buf_printf(md, "| %s | ", c == 2 ? "actor" : "malware");
			cell(md, t.row[i].value);
			buf_printf(md, " | %zu |\n", t.row[i].n);
		}
		tally_free(&t);
	}
	buf_puts(md, "\n### 6-4. 過去IOCとの突合結果\n\n");
	if (a->nmatched == 0)
		buf_puts(md, "過去IOCとの一致は0件（`ioc_matches.csv` 行数0）。"
		    "\n");
	else
		buf_printf(md, "過去IOCと一致したIOCは%zu件（exact %zu行、"
		    "host_overlap %zu行、うち別レポートからの一致%zu件）。"
		    "詳細は `ioc_matches.csv` を参照。\n", a->nmatched,
		    a->nexact, a->noverlap, a->ncross);
	buf_puts(md, "\n### 6-5. IOC分析上の注意\n\n"
	    "- IOCの一致だけで同じアクター・同じキャンペーンと断定しない。\n"
	    "- `host_overlap` は弱い関連として扱う（共有サービスのホストは除外"
	    "済み）。\n"
	    "- confidence が medium / low のIOCを検知やブロックにそのまま使わ"
	    "ない。\n"
	    "- `same_reference=true` は同じレポートでの再出現として別に扱う。"
	    "\n");
}

void
week_review(const struct wk_input *in, struct buf *md)
{
	static const char *const core[] = { "initial_access", NULL,
	    "actor_attribution", "attack_method" };
	static const char *const core_title[] = { "4-1. 初期アクセス手法別",
	    "4-2. 対象製品別", "4-3. アクター帰属別", "4-4. 攻撃手法別" };
	static const char *const secondary[] = { "actor", "malware",
	    "crime_trend" };
	static const char *const secondary_title[] = { "5-1. アクター別",
	    "5-2. マルウェア別", "5-3. サイバー犯罪手口の傾向" };
	struct wk w;
	struct analysis a;
	struct evref *r;
	struct tally t;
	size_t i, nyes = 0, nmaybe = 0, nreview = 0, raw, inf, sec;
	int issues = 0;

	w.in = in;
	memset(&w.keys, 0, sizeof(w.keys));
	for (i = 0; i < in->nev; i++) {
		if (in->ev[i].key != NULL)
			strset_add(&w.keys, in->ev[i].key,
			    strlen(in->ev[i].key), NULL);
		nreview += in->ev[i].needs_review != 0;
		nyes += in->ev[i].followup != NULL &&
		    strcmp(in->ev[i].followup, "yes") == 0;
		nmaybe += in->ev[i].followup != NULL &&
		    strcmp(in->ev[i].followup, "maybe") == 0;
	}
	analyse(in, &a);
	r = xcalloc(in->nev ? in->nev : 1, sizeof(*r));

	header(md, in, nreview);
	hr(md);
	key_points(md, &w, &a, nyes, nmaybe, nreview);
	hr(md);

	/* 2: events by type, counted from the events themselves */
	buf_puts(md, "## 2. イベント種別サマリ\n\n");
	memset(&t, 0, sizeof(t));
	for (i = 0; i < in->nev; i++)
		if (informative(in->ev[i].type) && in->ev[i].key != NULL)
			tally_add(&t, in->ev[i].type, NULL, in->ev[i].key);
	tally_sort(&t);
	buf_puts(md, "| event_type | label | events | "
	    "representative_event_keys |\n|---|---|---|---|\n");
	for (i = 0; i < t.n; i++) {
		buf_printf(md, "| %s | ", t.row[i].value);
		cell(md, label(&w, "event_type", t.row[i].value));
		buf_printf(md, " | %zu | ", t.row[i].n);
		repr_keys(md, &t.row[i]);
		buf_puts(md, " |\n");
	}
	if (t.n == 0)
		buf_puts(md, "| - | - | 0 | - |\n");
	tally_free(&t);
	hr(md);

	main_events(md, in, r);
	hr(md);

	buf_puts(md, "## 4. コア傾向\n");
	for (i = 0; i < NELEM(core); i++) {
		buf_printf(md, "\n### %s\n\n", core_title[i]);
		if (core[i] == NULL)
			products(md, &w);
		else {
			if (strcmp(core[i], "attack_method") == 0)
				buf_puts(md, "件数は distinct event_key ベース。\n");
			dim_table(md, &w, core[i], 10, 1);
		}
	}
	hr(md);

	/* 5: only the dimensions with two informative events or more */
	buf_puts(md, "## 5. 補助観測\n");
	for (i = 0, sec = 0; i < NELEM(secondary); i++) {
		if (informative_events(&w, secondary[i], &raw) < 2)
			continue;
		buf_printf(md, "\n### %s\n\n", secondary_title[i]);
		dim_table(md, &w, secondary[i], 10,
		    strcmp(secondary[i], "crime_trend") == 0);
		sec++;
	}
	if (sec == 0)
		buf_puts(md, "\n二件以上のイベントに現れた値はない。\n");
	hr(md);

	ioc_section(md, &a);
	hr(md);

	/* 7: follow-up candidates */
	buf_puts(md, "## 7. 月次深掘り候補\n\n| event_key | title | followup |"
	    " reason |\n|---|---|---|---|\n");
	for (i = 0; i < in->nev; i++) {
		r[i].e = &in->ev[i];
		r[i].pos = i;
	}
	if (in->nev > 1)
		qsort(r, in->nev, sizeof(*r), cmpfollow);
	for (i = 0, sec = 0; i < in->nev; i++) {
		const struct wk_event *e = r[i].e;

		if (followup_rank(e) > 1)
			continue;
		buf_printf(md, "| `%s` | ", s0(e->key));
		cell(md, e->title);
		buf_printf(md, " | %s | ", e->followup);
		followup_reason(md, e);
		buf_puts(md, " |\n");
		sec++;
	}
	if (sec == 0)
		buf_puts(md, "| - | - | - | - |\n");
	hr(md);

	/* 8: what needs a person, and how well the week is tagged */
	buf_puts(md, "## 8. レビュー保留・タグカバレッジ\n\n### 8-1. "
	    "needs_review\n\n| event_key | title | reason |\n|---|---|---|\n");
	for (i = 0; i < in->nev; i++)
		if (in->ev[i].needs_review) {
			buf_printf(md, "| `%s` | ", s0(in->ev[i].key));
			cell(md, in->ev[i].title);
			buf_puts(md, in->ev[i].source_url == NULL ||
			    *in->ev[i].source_url == '\0' ?
			    " | needs_review=true（source_urlなし） |\n" :
			    " | needs_review=true |\n");
		}
	if (nreview == 0)
		buf_puts(md, "| - | - | - |\n");
	buf_puts(md, "\n### 8-2. タグカバレッジ\n\n| dimension | "
	    "informative_events | raw_tagged_events | total_events | "
	    "informative_coverage | status | note |\n"
	    "|---|---|---|---|---|---|---|\n");
	for (i = 0; i < in->tax->ndim; i++) {
		const char *dim = in->tax->dim[i].name;

		if (strcmp(dim, "event_type") == 0 || !in->tax->dim[i].active)
			continue;
		inf = informative_events(&w, dim, &raw);
		buf_printf(md, "| %s | %zu | %zu | %zu | ", dim, inf, raw,
		    in->nev);
		pct(md, inf, in->nev);
		buf_printf(md, " | %s |  |\n", coverage_status(inf, in->nev));
	}

	/* 9: only when something is wrong with the data */
	for (i = 0; i < in->nev; i++)
		if (in->ev[i].source_url == NULL ||
		    *in->ev[i].source_url == '\0')
			issues++;
	if (in->nmissing > 0 || issues > 0) {
		buf_puts(md, "\n## 9. 入力データ品質メモ\n\n");
		if (in->nmissing > 0) {
			buf_puts(md, "- missing_daily_data:\n");
			for (i = 0; i < in->nmissing; i++)
				buf_printf(md, "  - `%s`\n", in->missing[i]);
		}
		if (issues > 0)
			buf_printf(md, "- events_without_source_url: %d\n",
			    issues);
	}
	free(r);
	analysis_free(&a);
	strset_free(&w.keys);
}

/* --- shared-service hosts -------------------------------------------- */

/* Our own list: services anyone can put a file or a page on, so that a
 * second indicator on the same host says nothing of a link between
 * them.  Exact matches of a whole indicator are kept all the same. */
static const char *const shared_builtin[] = {
	"github.com", "gist.github.com", "raw.githubusercontent.com",
	"objects.githubusercontent.com", "codeload.github.com",
	"api.github.com", "gitlab.com", "bitbucket.org", "sourceforge.net",
	"npmjs.com", "www.npmjs.com", "registry.npmjs.org", "pypi.org",
	"files.pythonhosted.org", "rubygems.org", "proxy.golang.org",
	"pkg.go.dev", "hub.docker.com", "t.me", "telegram.me", "telegram.org",
	"discord.com", "discord.gg", "cdn.discordapp.com",
	"media.discordapp.net", "pastebin.com", "paste.ee", "rentry.co",
	"drive.google.com", "docs.google.com", "storage.googleapis.com",
	"dropbox.com", "www.dropbox.com", "dl.dropboxusercontent.com",
	"onedrive.live.com", "1drv.ms", "mega.nz", "mediafire.com",
	"www.mediafire.com", "we.tl", "wetransfer.com", "transfer.sh",
	"file.io", "catbox.moe", "files.catbox.moe", "anonfiles.com",
	"bit.ly", "tinyurl.com", "youtube.com", "www.youtube.com",
	"twitter.com", "x.com", "facebook.com", "www.facebook.com",
	"linkedin.com", "www.linkedin.com", "huggingface.co",
	".trycloudflare.com", ".ngrok.io", ".ngrok-free.app",
	".ngrok.app", ".workers.dev", ".pages.dev", ".web.app",
	".firebaseapp.com", ".blob.core.windows.net",
	".s3.amazonaws.com", ".amazonaws.com", ".cloudfront.net",
	".azurewebsites.net", ".herokuapp.com", ".vercel.app",
	".netlify.app", ".glitch.me", ".replit.app", ".github.io",
	".gitlab.io", ".blogspot.com", ".wordpress.com", ".sharepoint.com",
	".duckdns.org",
};

static void
shared_add(struct wk_shared *s, const char *h)
{
	struct buf b = BUF_INIT;
	const char *p;

	while (ASCII_ISSPACE((unsigned char)*h))
		h++;
	for (p = h; *p != '\0' && !ASCII_ISSPACE((unsigned char)*p); p++)
		buf_putc(&b, ascii_lower((unsigned char)*p));
	if (b.len == 0 || (b.len == 1 && b.s[0] == '.')) {
		buf_free(&b);
		return;
	}
	if (b.s[0] == '.') {
		s->suffix = xreallocarray(s->suffix, s->nsuffix + 1,
		    sizeof(*s->suffix));
		s->suffix[s->nsuffix++] = buf_detach(&b);
	} else {
		s->exact = xreallocarray(s->exact, s->nexact + 1,
		    sizeof(*s->exact));
		s->exact[s->nexact++] = buf_detach(&b);
	}
}

const struct wk_shared *
wk_shared_builtin(void)
{
	static struct wk_shared *s;
	size_t i;

	if (s == NULL) {
		s = xcalloc(1, sizeof(*s));
		for (i = 0; i < NELEM(shared_builtin); i++)
			shared_add(s, shared_builtin[i]);
	}
	return s;
}

struct wk_shared *
wk_shared_load(const char *path, struct buf *err)
{
	struct wk_shared *s = xcalloc(1, sizeof(*s));
	char *data, *line, *next;
	size_t len, i;

	if ((data = read_file(path, 16 << 20, &len)) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		free(s);
		return NULL;
	}
	for (i = 0; i < len && ASCII_ISSPACE((unsigned char)data[i]); i++)
		;
	if (i < len && data[i] == '{') {
		json_error_t jerr;
		json_t *j = json_loadb(data, len, 0, &jerr), *a, *v;
		size_t k;

		if (j == NULL) {
			buf_printf(err, "%s:%d: %s", path, jerr.line,
			    jerr.text);
			free(data);
			wk_shared_free(s);
			return NULL;
		}
		a = json_object_get(j, "host_overlap_exclude_exact_hosts");
		json_array_foreach(a, k, v)
			if (json_is_string(v))
				shared_add(s, json_string_value(v));
		a = json_object_get(j, "host_overlap_exclude_suffixes");
		json_array_foreach(a, k, v)
			if (json_is_string(v)) {
				struct buf b = BUF_INIT;

				/* a suffix is ".host" in our list */
				buf_printf(&b, "%s%s", json_string_value(v)[0]
				    == '.' ? "" : ".", json_string_value(v));
				shared_add(s, b.s);
				buf_free(&b);
			}
		json_decref(j);
	} else
		for (line = data; line != NULL && *line != '\0'; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			if (*line != '#')
				shared_add(s, line);
		}
	free(data);
	return s;
}

void
wk_shared_free(struct wk_shared *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nexact; i++)
		free(s->exact[i]);
	for (i = 0; i < s->nsuffix; i++)
		free(s->suffix[i]);
	free(s->exact);
	free(s->suffix);
	free(s);
}

int
wk_shared_has(const struct wk_shared *s, const char *host)
{
	size_t i, hl = strlen(host), sl;

	if (s == NULL)
		return 0;
	for (i = 0; i < s->nexact; i++)
		if (ascii_casecmp(s->exact[i], host) == 0)
			return 1;
	for (i = 0; i < s->nsuffix; i++) {
		sl = strlen(s->suffix[i]);
		/* ".example.com" holds a.example.com and example.com */
		if ((hl > sl && ascii_casecmp(host + hl - sl, s->suffix[i]) ==
		    0) || (hl == sl - 1 && ascii_casecmp(host,
		    s->suffix[i] + 1) == 0))
			return 1;
	}
	return 0;
}
