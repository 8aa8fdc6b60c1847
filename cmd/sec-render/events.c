/* events.c: the day's events and their tags on the taxonomy
 * (WORKFLOW.md 2), and the day log of the IOC CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "render.h"
#include "section.h"
#include "taxonomy.h"
#include "text.h"
#include "timeutil.h"
#include "url.h"
#include "util.h"
#include "vocab.h"

#define SLUG_WORDS	7	/* words of an event key's slug, at most */
#define SUMMARY_LINES	3	/* sentences of an event's summary */


static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return txt_blank(s) ? NULL : s;
}

static int
ascii_only(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Append to out the slug of s (tax_snake), without English small words,
 * at most SLUG_WORDS words; nothing when s gives none. */
static void
slug_words(struct buf *out, const char *s)
{
	static const char *const small[] = { "a", "an", "the", "of", "to",
	    "in", "on", "for", "and", "with", "by", "as", "at", "from", "is",
	    "are", "its", "after", "over", "via", "into", NULL };
	char *sn, *w, *save;
	size_t n = 0;

	if ((sn = tax_snake(s)) == NULL)
		return;
	for (w = strtok_r(sn, "_", &save); w != NULL && n < SLUG_WORDS;
	    w = strtok_r(NULL, "_", &save)) {
		if (one_of(w, small))
			continue;
		if (n++ > 0)
			buf_putc(out, '_');
		buf_puts(out, w);
	}
	free(sn);
}

/* The slug of an event: from the record's title when it is ASCII (the
 * original, usually English, title), else from its URL: the last path
 * segment without its extension when it has a letter, else the host
 * (without "www.") and the segment's number (an article id); else
 * "event". */
static void
slug(struct buf *out, const struct card *c)
{
	const char *t = str(c->rec, "title"), *u = str(c->rec, "url");
	const char *h, *path, *end, *seg, *dot;
	struct buf b = BUF_INIT;
	size_t n, i;

	if (t != NULL && ascii_only(t))
		slug_words(out, t);
	if (out->len == 0 && u != NULL && (h = url_host(u, &n)) != NULL) {
		path = h + n + strcspn(h + n, "/?#");
		end = path + strcspn(path, "?#");
		while (end > path && end[-1] == '/')
			end--;
		for (seg = end; seg > path && seg[-1] != '/'; seg--)
			;
		if ((dot = memchr(seg, '.', (size_t)(end - seg))) != NULL)
			end = dot;
		buf_put(&b, seg, (size_t)(end - seg));
		for (i = 0; i < b.len && !ASCII_ISALPHA((unsigned char)b.s[i]);
		    i++)
			;
		if (i < b.len)
			slug_words(out, buf_str(&b));
		else {
			if (n > 4 && ascii_ncasecmp(h, "www.", 4) == 0) {
				h += 4;
				n -= 4;
			}
			buf_reset(&b);
			buf_put(&b, h, n);
			buf_putc(&b, '_');
			buf_put(&b, seg, (size_t)(end - seg));
			slug_words(out, buf_str(&b));
		}
	}
	buf_free(&b);
	if (out->len == 0)
		buf_puts(out, "event");
}

/* The ISO 8601 week "YYYY-Www" of the date y-m-d into out (16 bytes). */
static void
iso_week(int y, int m, int d, char *out)
{
	long long days, thu;
	int wd, ty, tm, td, hh, mm, ss, week;

	days = time_from_civil(y, m, d, 0, 0, 0) / 86400;
	wd = (int)(((days % 7) + 7 + 3) % 7) + 1;	/* 1970-01-01: Thu */
	thu = days + 4 - wd;
	time_to_civil(thu * 86400, &ty, &tm, &td, &hh, &mm, &ss);
	week = (int)((thu - time_from_civil(ty, 1, 1, 0, 0, 0) / 86400) /
	    7) + 1;
	snprintf(out, 16, "%04d-W%02d", ty % 10000, week % 100);
}

/* An event_type told from the section or, for news, from words of the
 * original title: an inference, so the event needs review. */
static const char *
derived_type(const struct card *c, int sec)
{
	static const struct {
		const char *word, *type;
	} words[] = {
		{ "supply chain", "supply_chain" }, { "supply-chain",
		    "supply_chain" }, { "exploited", "active_exploitation" },
		{ "zero-day", "active_exploitation" }, { "arrest", "takedown" },
		{ "takedown", "takedown" }, { "seize", "takedown" },
		{ "dismantle", "takedown" }, { "cve-", "vulnerability_advisory" },
		{ "vulnerab", "vulnerability_advisory" },
		{ "flaw", "vulnerability_advisory" },
		{ "patch", "vulnerability_advisory" },
		{ "campaign", "malware_campaign" }, { "malware",
		    "malware_campaign" }, { "phishing", "malware_campaign" },
		{ "breach", "incident" }, { "ransomware", "incident" },
		{ "leak", "incident" }, { "hacked", "incident" },
		{ "ddos", "incident" }, { "outage", "incident" },
		{ "release", "tool_release" },
	};
	struct buf b = BUF_INIT;
	const char *t, *r = "security_research";
	size_t i;

	switch (sec) {
	case SECTION_JP:
		return "incident";
	case SECTION_MALWARE:
		return "malware_campaign";
	case SECTION_TOOLS:
		return "tool_release";
	case SECTION_CRIME:
		return "cybercrime_trend";
	default:
		break;
	}
	if ((t = str(c->rec, "title")) == NULL)
		return r;
	for (; *t; t++)
		buf_putc(&b, ascii_lower((unsigned char)*t));
	for (i = 0; i < NELEM(words); i++)
		if (strstr(buf_str(&b), words[i].word) != NULL) {
			r = words[i].type;
			break;
		}
	buf_free(&b);
	return r;
}

/* One event of the day: its key and what its tags need. */
struct event {
	char	*key;
	const char *conf;
};

/* Work out the key of c (unique in seen) into ev. */
static void
event_key(struct event *ev, const struct card *c, const char *date,
    json_t *seen)
{
	struct buf b = BUF_INIT, k = BUF_INIT;
	int n;

	slug(&b, c);
	for (n = 1;; n++) {
		buf_reset(&k);
		buf_printf(&k, "%s_%s", date, buf_str(&b));
		if (n > 1)
			buf_printf(&k, "_%d", n);
		if (json_object_get(seen, k.s) == NULL)
			break;
	}
	json_object_set_new(seen, k.s, json_true());
	ev->key = buf_detach(&k);
	buf_free(&b);
}

static void
field(struct buf *out, const char *s, int last)
{
	struct buf b = BUF_INIT;

	txt_plain(&b, s);
	txt_csv(out, buf_str(&b));
	buf_putc(out, last ? '\n' : ',');
	buf_free(&b);
}

/* Call fn for each event of the day, in report order. */
typedef void eventfn(const struct card *, const struct event *, int sec,
    void *);

static void
each_event(const struct day *d, const struct render_opts *o, eventfn *fn,
    void *arg)
{
	const json_t *rec;
	struct card c;
	struct event ev;
	json_t *seen = json_object();
	const char *conf;
	size_t i;
	int s;

	for (s = 0; s < NSECTIONS; s++)
		json_array_foreach(day_section(d, s), i, rec) {
			card_load(&c, rec);
			event_key(&ev, &c, o->date, seen);
			conf = str(c.digest, "confidence");
			ev.conf = one_of(conf, vocab_levels) ? conf : c.model ?
			    "medium" : "low";
			fn(&c, &ev, s, arg);
			free(ev.key);
			card_free(&c);
		}
	json_decref(seen);
}

struct events_ctx {
	struct buf *out;
	const struct render_opts *o;
	char	 week[16], month[32], deffile[32];
	const char *file;
};

static void
event_row(const struct card *c, const struct event *ev, int sec, void *arg)
{
	struct events_ctx *x = arg;
	struct buf b = BUF_INIT;
	const char *type, *t, *fu;
	size_t i, n;
	int review;

	type = str(c->digest, "event_type");
	review = !c->model || c->url == NULL ||
	    json_is_true(json_object_get(c->digest, "needs_review"));
	if (!one_of(type, vocab_event_types)) {
		type = derived_type(c, sec);
		review = 1;
	}
	field(x->out, ev->key, 0);
	field(x->out, x->o->date, 0);
	field(x->out, x->week, 0);
	field(x->out, x->month, 0);
	field(x->out, type, 0);
	field(x->out, c->title, 0);
	/* one to three sentences: the card's first summary lines */
	for (i = 0; i < c->summary.n && i < SUMMARY_LINES; i++) {
		t = c->summary.v[i];
		buf_puts(&b, t);
		n = strlen(t);
		if (n > 0 && strchr(".!?", t[n - 1]) == NULL &&
		    (n < 3 || (strcmp(t + n - 3, "。") != 0 &&
		    strcmp(t + n - 3, "！") != 0 &&
		    strcmp(t + n - 3, "？") != 0)))
			buf_puts(&b, "。");
	}
	field(x->out, b.len > 0 ? b.s : c->title, 0);
	field(x->out, x->file, 0);
	field(x->out, c->url != NULL ? c->url : "", 0);
	field(x->out, ev->conf, 0);
	field(x->out, review ? "true" : "false", 0);
	fu = str(c->digest, "followup");
	field(x->out, one_of(fu, vocab_followups) ? fu : "no", 1);
	buf_free(&b);
}

void
day_events(const struct day *d, const struct render_opts *o,
    struct buf *out)
{
	struct events_ctx x;
	long long t;
	int y, m, dd, hh, mm, ss;

	memset(&x, 0, sizeof(x));
	x.out = out;
	x.o = o;
	if (date_parse_ymd(o->date, &t) == -1)
		t = 0;
	time_to_civil(t, &y, &m, &dd, &hh, &mm, &ss);
	iso_week(y, m, dd, x.week);
	snprintf(x.month, sizeof(x.month), "%04d-%02d", y, m);
	buf_puts(out, "event_key,date,week,month,event_type,title,summary,"
	    "source_file,source_url,confidence,needs_review,"
	    "monthly_followup_candidate\n");
	if (o->source_file != NULL)
		x.file = o->source_file;
	else {
		snprintf(x.deffile, sizeof(x.deffile), "%04d%02d%02d.md",
		    y % 10000, m % 100, dd % 100);
		x.file = x.deffile;
	}
	each_event(d, o, event_row, &x);
}

struct tags_ctx {
	struct buf *out;
	const struct taxonomy *tax;
	struct strv *gaps;
	json_t	*seen;
};

static void
gap(struct tags_ctx *x, const char *key, const char *dim, const char *v,
    const char *why)
{
	struct buf b = BUF_INIT;

	if (x->gaps == NULL)
		return;
	buf_printf(&b, "%s: %s=", key, dim != NULL ? dim : "(none)");
	txt_plain(&b, v != NULL ? v : "(none)");
	buf_printf(&b, " (%s)", why);
	strv_add(x->gaps, buf_detach(&b));
}

/* Write the tag of one dimension, unless the taxonomy lacks it (a gap)
 * or the file has it already. */
static void
tag(struct tags_ctx *x, const struct event *ev, const char *dim,
    const char *value, const char *raw, const char *conf, const char *note)
{
	const struct tax_dim *td;
	struct buf k = BUF_INIT;
	char *sn = NULL;
	const char *v = value;

	if (dim == NULL || (td = taxonomy_dim(x->tax, dim)) == NULL) {
		gap(x, ev->key, dim, value != NULL ? value : raw,
		    "no such dimension");
		return;
	}
	if (td->dynamic && (v == NULL || !tax_is_snake(v)))
		v = sn = tax_snake(raw != NULL ? raw : value);
	if (v == NULL || !taxonomy_accepts(x->tax, dim, v)) {
		gap(x, ev->key, dim, value != NULL ? value : raw,
		    "not in the taxonomy");
		free(sn);
		return;
	}
	buf_printf(&k, "%s\x1f%s\x1f%s", ev->key, dim, v);
	if (json_object_get(x->seen, k.s) == NULL) {
		json_object_set_new(x->seen, k.s, json_true());
		field(x->out, ev->key, 0);
		field(x->out, dim, 0);
		field(x->out, raw != NULL ? raw : v, 0);
		field(x->out, v, 0);
		field(x->out, one_of(conf, vocab_levels) ? conf : ev->conf, 0);
		field(x->out, note != NULL ? note : "", 1);
	}
	buf_free(&k);
	free(sn);
}

static void
tag_rows(const struct card *c, const struct event *ev, int sec, void *arg)
{
	struct tags_ctx *x = arg;
	const json_t *e, *al, *a;
	const char *name;
	struct buf note = BUF_INIT;
	size_t i, k;

	(void)sec;
	json_array_foreach(json_object_get(c->digest, "tags"), i, e)
		tag(x, ev, str(e, "dimension"), str(e, "value"),
		    str(e, "raw"), str(e, "confidence"), str(e, "note"));
	/* the card's actors and malware are tags too */
	json_array_foreach(json_object_get(c->digest, "actor"), i, e) {
		name = json_is_string(e) ? json_string_value(e) :
		    str(e, "name");
		if (txt_blank(name))
			continue;
		buf_reset(&note);
		al = json_object_get(e, "aliases");
		json_array_foreach(al, k, a)
			if (json_is_string(a) &&
			    !txt_blank(json_string_value(a)))
				buf_printf(&note, "%s%s", note.len == 0 ?
				    "Aliases: " : ", ", json_string_value(a));
		tag(x, ev, "actor", NULL, name, str(e, "confidence"),
		    note.len > 0 ? note.s : NULL);
	}
	json_array_foreach(json_object_get(c->digest, "malware"), i, e)
		if (json_is_string(e) && !txt_blank(json_string_value(e)))
			tag(x, ev, "malware", NULL, json_string_value(e),
			    NULL, NULL);
	buf_free(&note);
}

void
day_tags(const struct day *d, const struct render_opts *o,
    struct buf *out, struct strv *gaps)
{
	struct tags_ctx x;

	x.out = out;
	x.tax = o->tax != NULL ? o->tax : taxonomy_builtin();
	x.gaps = gaps;
	x.seen = json_object();
	buf_puts(out, "event_key,dimension,raw_value,normalized_value,"
	    "confidence,note\n");
	each_event(d, o, tag_rows, &x);
	json_decref(x.seen);
}

/* The day log */

static void
log_list(struct buf *out, const char *title, const struct strv *v)
{
	size_t i, start;
	char *nl;

	buf_printf(out, "\n## %s\n\n", title);
	if (v->n == 0)
		buf_puts(out, "- none\n");
	for (i = 0; i < v->n; i++) {
		/* "text\nURL": the text, then the page's address, live */
		buf_puts(out, "- ");
		start = out->len;
		if ((nl = strchr(v->v[i], '\n')) != NULL)
			*nl = '\0';
		txt_line(out, v->v[i]);
		txt_mdsafe(out, start);
		if (nl != NULL) {
			buf_puts(out, " (");
			txt_url(out, nl + 1);
			buf_putc(out, ')');
			*nl = '\n';
		}
		buf_putc(out, '\n');
	}
}

void
day_log(const struct day *d, const struct render_opts *o, struct buf *out)
{
	struct day_log lg;
	struct buf csv = BUF_INIT, tags = BUF_INIT, b = BUF_INIT;
	struct strv nopri = { NULL, 0 }, unreach = { NULL, 0 };
	const json_t *rec, *e;
	struct card c;
	size_t i, k, narticles = 0, nprimary = 0, npages = 0;
	int s, haspri;

	memset(&lg, 0, sizeof(lg));
	day_csv(d, o, &csv, &lg);
	day_tags(d, o, &tags, &lg.gaps);
	for (s = 0; s < NSECTIONS; s++)
		json_array_foreach(day_section(d, s), i, rec) {
			haspri = 0;
			json_array_foreach(json_object_get(rec, "sources"), k,
			    e) {
				if (str(e, "kind") != NULL &&
				    strcmp(str(e, "kind"), "primary") == 0) {
					nprimary++;
					haspri = 1;
				} else
					npages++;
				if (str(e, "error") != NULL) {
					buf_reset(&b);
					buf_printf(&b, "%s\n%s",
					    str(e, "error"), str(e, "url") !=
					    NULL ? str(e, "url") : "");
					strv_add(&unreach, buf_detach(&b));
				}
			}
			if (s != SECTION_NEWS)
				continue;
			narticles++;
			card_load(&c, rec);
			if (!haspri && !c.has_primary) {
				buf_reset(&b);
				buf_puts(&b, c.title);
				if (c.url != NULL)
					buf_printf(&b, "\n%s", c.url);
				strv_add(&nopri, buf_detach(&b));
			}
			card_free(&c);
		}
	buf_printf(out, "# IOC log %s\n\n", o->date);
	buf_printf(out, "- articles: %zu\n", narticles);
	buf_printf(out, "- primary sources: %zu\n", nprimary);
	buf_printf(out, "- IOC pages: %zu\n", npages);
	buf_printf(out, "- IOCs: %zu\n", lg.nrows);
	log_list(out, "Articles without an IOC", &lg.noioc);
	log_list(out, "Primary source not found", &nopri);
	log_list(out, "Unreachable URLs", &unreach);
	log_list(out, "Left out as noise", &lg.noise);
	log_list(out, "Taxonomy gaps", &lg.gaps);
	strv_free(&nopri);
	strv_free(&unreach);
	day_log_free(&lg);
	buf_free(&b);
	buf_free(&csv);
	buf_free(&tags);
}
