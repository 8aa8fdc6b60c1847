/* report.c: a published daily report (Markdown) read back into records:
 * one record per summarised article with its card (digest), and one per
 * item of the link sections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <err.h>
#include <jansson.h>

#include "buf.h"
#include "defang.h"
#include "ioc.h"
#include "record.h"
#include "report.h"
#include "section.h"
#include "utf8.h"
#include "util.h"

enum mode { M_NONE, M_NEWS, M_LINKS };
enum label { L_NONE, L_TITLE, L_SUMMARY, L_IOC, L_RECS, L_OTHER,
	L_ACTION, L_NOTES, L_SKIP };

struct parser {
	const char	*fname;
	unsigned long	 lineno;
	long		 nbad;
	enum mode	 mode;
	int		 section;	/* enum section */
	int		 newslevel;	/* heading level of the news section */
	char		*pending;	/* a heading waiting for its URL line */
	unsigned long	 pendline;
	json_t		*rec;		/* the record being read, or NULL */
	json_t		*digest;	/* its digest (borrowed from rec) */
	enum label	 label;
	int		 inprimary;	/* under a "- 一次ソース:" item */
	report_fn	 fn;
	void		*arg;
	int		 stopped;
};

/* Report a problem of line; what is quoted of the text s is cut after
 * 40 characters, at a character. */
static void
bad(struct parser *p, unsigned long line, const char *what, const char *s)
{
	size_t n = 0, k = 0;

	while (s[n] != '\0' && k < 40) {
		n++;
		while ((s[n] & 0xc0) == 0x80)
			n++;
		k++;
	}
	warnx("%s:%lu: %s%s%.*s%s", p->fname, line, what, *s ? ": " : "",
	    (int)n, s, s[n] != '\0' ? "..." : "");
	p->nbad++;
}

/* Hand the record being read to the caller and forget it. */
static void
flush(struct parser *p)
{
	json_t *d = p->digest;

	if (p->rec == NULL)
		return;
	if (d != NULL && json_object_get(d, "title") == NULL &&
	    json_object_get(p->rec, "title") != NULL)
		rec_set_new(d, "title",
		    json_copy(json_object_get(p->rec, "title")));
	if (d != NULL && json_array_size(json_object_get(d,
	    "primary_sources")) > 0)
		rec_set_new(d, "primary_source", json_copy(json_array_get(
		    json_object_get(d, "primary_sources"), 0)));
	if (!p->stopped && p->fn(p->rec, p->arg) != 0)
		p->stopped = 1;
	json_decref(p->rec);
	p->rec = NULL;
	p->digest = NULL;
	p->label = L_NONE;
	p->inprimary = 0;
}

static int
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* s without the white space around it, as a new string. */
static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && ASCII_ISSPACE((unsigned char)*s))
		s++, n--;
	while (n > 0 && ASCII_ISSPACE((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* The first http(s) URL in t, up to a blank or a bracket (new), or
 * NULL. */
static char *
first_url(const char *t)
{
	const char *s, *e;

	for (s = t; (s = strstr(s, "http")) != NULL; s += 4)
		if (is_url(s)) {
			for (e = s; *e != '\0' && *e != ' ' && *e != ')' &&
			    *e != '>' && *e != ']' &&
			    strncmp(e, "）", 3) != 0; e++)
				;
			return xstrndup(s, (size_t)(e - s));
		}
	return NULL;
}

/* Start a record of the current section. */
static void
begin(struct parser *p, const char *title, const char *url)
{
	flush(p);
	p->rec = json_object();
	rec_set_str(p->rec, "section", report_sections[p->section].key);
	if (url != NULL)
		rec_set_str(p->rec, "url", url);
	if (title != NULL)
		rec_set_str(p->rec, "title", title);
	rec_set_str(p->rec, "file", p->fname);
	if (p->mode == M_NEWS) {
		p->digest = json_object();
		rec_set_new(p->rec, "digest", p->digest);
		if (title != NULL)
			rec_set_str(p->digest, "title", title);
		rec_set_new(p->digest, "summary", json_array());
		rec_set_new(p->digest, "iocs", json_array());
		rec_set_new(p->digest, "recommendations", json_array());
		rec_set_new(p->digest, "other", json_array());
	}
	p->label = L_NONE;
}

/* The section a heading names, or -1. */
static int
heading_section(const char *t)
{
	int i;

	if (strcmp(t, "ニュース") == 0)
		return SECTION_NEWS;
	if (strcmp(t, "日本の侵害事例") == 0)
		return SECTION_JP;
	for (i = 0; i < NSECTIONS; i++)
		if (ascii_casecmp(t, report_sections[i].title) == 0)
			return i;
	return -1;
}

/* The label a top-level bullet names (spaces ignored: "ChatG PTの"), and
 * in *val the text after a ":" on the same line, or NULL. */
static enum label
label_of(const char *t, const char **val)
{
	static const struct { const char *s; enum label l; } labels[] = {
		{ "タイトル", L_TITLE }, { "要約", L_SUMMARY },
		{ "IOCの列挙", L_IOC }, { "推奨事項", L_RECS },
		{ "その他", L_OTHER }, { "ChatGPTの推奨事項", L_ACTION },
		{ "注記", L_NOTES }, { "追記", L_SKIP },
	};
	struct buf b = BUF_INIT;
	const char *c, *end;
	enum label l = L_NONE;
	size_t i, n;

	*val = NULL;
	if ((c = strstr(t, ":")) == NULL)
		c = strstr(t, "：");
	end = c != NULL ? c : t + strlen(t);
	for (; t < end; t++)
		if (*t != ' ')
			buf_putc(&b, *t);
	for (i = 0; i < NELEM(labels); i++) {
		n = strlen(labels[i].s);
		if (b.len >= n && memcmp(b.s, labels[i].s, n) == 0 &&
		    (b.len == n || c == NULL)) {
			/* "ChatGPTの推奨事項を記載" is the action too */
			if (b.len > n && labels[i].l != L_ACTION)
				continue;
			l = labels[i].l;
			break;
		}
	}
	buf_free(&b);
	if (l != L_NONE && c != NULL) {
		c += *c == ':' ? 1 : strlen("：");
		while (*c == ' ')
			c++;
		*val = *c != '\0' ? c : NULL;
	}
	return l;
}

/* The words of the report that stand for an empty list. */
static int
is_none(const char *t)
{
	static const char *const none[] = { "IOC情報なし", "推奨事項なし",
	    "なし", "要約なし", "N/A", "不明", "該当情報なし" };
	size_t i;

	for (i = 0; i < NELEM(none); i++)
		if (strcmp(t, none[i]) == 0)
			return 1;
	return 0;
}

void
report_canonical(struct buf *out, const char *v, const char *type)
{
	size_t i, start = out->len;
	int upper = strcmp(type, "cve") == 0 || strcmp(type, "asn") == 0;

	ioc_refang(out, v, strlen(v));
	if (strcmp(type, "url") == 0 || strcmp(type, "email") == 0 ||
	    strcmp(type, "other") == 0)
		return;
	for (i = start; i < out->len; i++)
		if (upper && out->s[i] >= 'a' && out->s[i] <= 'z')
			out->s[i] = (char)(out->s[i] - 'a' + 'A');
		else if (!upper)
			out->s[i] = (char)ascii_lower((unsigned char)out->s[i]);
}

/* Append the refanged, canonical form of v (written defanged) to out, and
 * return its type: the IOC scanner's, when it reads v as one indicator;
 * else the report's label's. */
static const char *
ioc_value(struct buf *out, const char *v, const char *label)
{
	struct buf r = BUF_INIT;
	const char *t;
	size_t n;

	ioc_refang(&r, v, strlen(v));
	n = r.len;
	while (n > 0 && strchr(".,;)]", r.s[n - 1]) != NULL)
		n--;
	if (r.s != NULL)
		r.s[n] = '\0';
	r.len = n;
	t = ioc_guess_type(buf_str(&r));
	if (strcmp(t, "other") == 0) {
		if (strcmp(label, "URL") == 0)
			t = "url";
		else if (strcmp(label, "FQDN名") == 0)
			t = "domain";
	}
	report_canonical(out, buf_str(&r), t);
	buf_free(&r);
	return t;
}

struct scanarg {
	json_t		*list;
	const char	*line;
};

static int
scan_hit(const struct ioc_hit *h, const char *text, size_t len, void *arg)
{
	struct scanarg *s = arg;
	json_t *o;
	size_t i;

	(void)len;
	for (i = 0; i < json_array_size(s->list); i++)
		if (strcmp(json_string_value(json_object_get(
		    json_array_get(s->list, i), "value")), h->value) == 0)
			return 0;
	o = json_object();
	rec_set_str(o, "type", ioc_type_name(h->type));
	rec_set_strn(o, "value", h->value, h->vlen);
	/* as the report writes it */
	if (h->defanged)
		rec_set_strn(o, "defanged", text + h->off, h->len);
	rec_set_str(o, "context", s->line);
	arr_append_new(s->list, o);
	return 0;
}

/* The indicators the IOC scanner finds in line, appended to list. */
static size_t
scan_line(json_t *list, const char *line, int defanged_only)
{
	struct scanarg s;
	json_t *all = json_array(), *e;
	size_t i, n = 0;
	struct buf d = BUF_INIT;

	s.list = all;
	s.line = line;
	ioc_scan(line, strlen(line), IOC_ALL, scan_hit, &s);
	json_array_foreach(all, i, e) {
		const char *v = json_string_value(json_object_get(e, "value"));

		/* a live link in prose is a reference, not an indicator */
		if (defanged_only && strstr(line, v) != NULL)
			continue;
		if (json_object_get(e, "defanged") == NULL) {
			buf_reset(&d);
			defang(&d, v, json_string_value(json_object_get(e,
			    "type")));
			rec_set_str(e, "defanged", buf_str(&d));
		}
		arr_append_new(list, json_incref(e));
		n++;
	}
	buf_free(&d);
	json_decref(all);
	return n;
}

/* An IOC row: "<defanged>,<type>,<known>,<context>,<scope>"; a context may
 * hold commas of its own in older reports.  A line in another form is
 * given to the IOC scanner. */
static void
ioc_row(struct parser *p, const char *t)
{
	const char *c1, *c2, *c3, *cl;
	struct buf v = BUF_INIT, d = BUF_INIT;
	char *label, *known, *ctx, *scope, *dv;
	const char *type;
	json_t *o, *list = json_object_get(p->digest, "iocs");

	if ((c1 = strchr(t, ',')) == NULL || (c2 = strchr(c1 + 1, ',')) ==
	    NULL || (c3 = strchr(c2 + 1, ',')) == NULL ||
	    (cl = strrchr(t, ',')) == c3) {
		if (scan_line(list, t, 0) == 0)
			bad(p, p->lineno, "IOC row not understood", t);
		return;
	}
	dv = trimmed(t, (size_t)(c1 - t));
	label = trimmed(c1 + 1, (size_t)(c2 - c1 - 1));
	known = trimmed(c2 + 1, (size_t)(c3 - c2 - 1));
	ctx = trimmed(c3 + 1, (size_t)(cl - c3 - 1));
	scope = trimmed(cl + 1, strlen(cl + 1));
	type = ioc_value(&v, dv, label);
	if (v.len == 0) {
		bad(p, p->lineno, "IOC row without a value", t);
		goto out;
	}
	o = json_object();
	rec_set_str(o, "value", v.s);
	rec_set_str(o, "type", type);
	defang(&d, v.s, type);
	rec_set_str(o, "defanged", dv);
	rec_set_new(o, "known", json_boolean(strcmp(known,
	    "よく知られている") == 0));
	if (*ctx != '\0' && strcmp(ctx, "不明") != 0)
		rec_set_str(o, "context", ctx);
	if (strcmp(scope, "グローバル") == 0)
		rec_set_str(o, "scope", "global");
	else if (strcmp(scope, "プライベート") == 0)
		rec_set_str(o, "scope", "private");
	arr_append_new(list, o);
out:
	free(dv);
	free(label);
	free(known);
	free(ctx);
	free(scope);
	buf_free(&v);
	buf_free(&d);
}

/* The URLs of a "一次ソース:" text, added to primary_sources. */
static void
primary(struct parser *p, const char *t)
{
	json_t *ps = json_object_get(p->digest, "primary_sources");
	const char *s;
	char *u;

	for (s = t; (u = first_url(s)) != NULL; free(u)) {
		if (ps == NULL) {
			ps = json_array();
			rec_set_new(p->digest, "primary_sources", ps);
		}
		arr_append_new(ps, json_string_safe(u, strlen(u)));
		s = strstr(s, u) + strlen(u);
	}
}

/* A URL the report writes live in prose (not defanged) is a reference,
 * one of the article's links: so sec-render writes it live again. */
static void
prose_links(struct parser *p, const char *t)
{
	const char *u, *e;
	json_t *links = json_object_get(p->rec, "links"), *l;
	size_t i;

	for (u = t; (u = strstr(u, "http")) != NULL; u = e) {
		e = u;
		if (strncmp(u, "https://", 8) != 0 &&
		    strncmp(u, "http://", 7) != 0) {
			e = u + 4;
			continue;
		}
		while (*e != '\0' && !ASCII_ISSPACE((unsigned char)*e) &&
		    strchr(")>]\"'", *e) == NULL && (unsigned char)*e < 0x80)
			e++;
		if (links == NULL) {
			links = json_array();
			rec_set_new(p->rec, "links", links);
		}
		json_array_foreach(links, i, l)
			if (strlen(rec_str(l, "url")) == (size_t)(e - u) &&
			    strncmp(rec_str(l, "url"), u, (size_t)(e - u)) == 0)
				break;
		if (i == json_array_size(links))
			arr_append_new(links, json_pack("{s:s%,s:s}", "url", u,
			    (size_t)(e - u), "text", ""));
	}
}

static void
add_item(struct parser *p, const char *key, const char *t)
{
	arr_append_new(json_object_get(p->digest, key),
	    json_string_safe(t, strlen(t)));
	prose_links(p, t);
}

/* A note of sec-render(1)'s 注記 block, back into the card it came
 * from: why the model's card was not used, a card made from the feed's
 * teaser, a warning. */
static void
note(struct parser *p, const char *t)
{
	static const char fallback[] = "モデルの要約に失敗したため抽出による"
	    "要約です（理由: ";
	static const char feed[] = "記事本文を取得できず、フィードの概要のみ"
	    "から作成しました";
	static const char warning[] = "警告: ";
	size_t n = strlen(t), e = strlen("）");

	if (strncmp(t, fallback, strlen(fallback)) == 0 && n >=
	    strlen(fallback) + e && strcmp(t + n - e, "）") == 0) {
		char *why = xstrndup(t + strlen(fallback),
		    n - strlen(fallback) - e);

		rec_set_str(p->digest, "fallback", why);
		free(why);
	} else if (strcmp(t, feed) == 0)
		rec_set_str(p->digest, "basis", "feed-summary");
	else if (strncmp(t, warning, strlen(warning)) == 0) {
		if (json_object_get(p->digest, "warnings") == NULL)
			rec_set_new(p->digest, "warnings", json_array());
		add_item(p, "warnings", t + strlen(warning));
	}
}

/* A bullet of depth (0 top level, 1 under a label, ...) in an article. */
static void
news_bullet(struct parser *p, int depth, const char *t)
{
	enum label l;
	const char *val;

	if (depth == 0) {
		p->inprimary = 0;
		l = label_of(t, &val);
		if (l == L_NONE) {
			/* the 2023 layout: the title as a bullet */
			if (p->label == L_NONE &&
			    json_object_get(p->rec, "title") == NULL) {
				rec_set_str(p->rec, "title", t);
				rec_set_str(p->digest, "title", t);
			} else
				p->label = L_SKIP;
			return;
		}
		p->label = l;
		if (val == NULL)
			return;
		if (l == L_TITLE) {
			struct buf b = BUF_INIT;

			buf_puts(&b, val);
			if (b.len >= 2 && b.s[0] == '"' && b.s[b.len - 1] ==
			    '"') {
				b.s[--b.len] = '\0';
				memmove(b.s, b.s + 1, b.len--);
			}
			rec_set_str(p->rec, "title", b.s);
			rec_set_str(p->digest, "title", b.s);
			buf_free(&b);
		} else if (l == L_ACTION)
			rec_set_str(p->digest, "action", val);
		else if (l != L_SKIP)
			news_bullet(p, 1, val);
		return;
	}
	if (is_none(t) && depth == 1)
		return;
	switch (p->label) {
	case L_SUMMARY:
		add_item(p, "summary", t);
		break;
	case L_IOC:
		ioc_row(p, t);
		break;
	case L_RECS:
		add_item(p, "recommendations", t);
		break;
	case L_OTHER:
		if (depth > 1 && p->inprimary) {
			primary(p, t);
			break;
		}
		if (strncmp(t, "一次ソース", strlen("一次ソース")) == 0) {
			p->inprimary = 1;
			primary(p, t);
		} else if (depth == 1)
			p->inprimary = 0;
		add_item(p, "other", t);
		break;
	case L_ACTION:
		if (json_object_get(p->digest, "action") == NULL)
			rec_set_str(p->digest, "action", t);
		break;
	case L_NOTES:
		note(p, t);
		break;
	case L_TITLE:
		if (json_object_get(p->rec, "title") == NULL) {
			rec_set_str(p->rec, "title", t);
			rec_set_str(p->digest, "title", t);
		}
		break;
	default:
		break;
	}
}

/* A Markdown link "[text](url)" at the start of t: its text and URL as new
 * strings, 0; or -1. */
static int
md_link(const char *t, char **text, char **url)
{
	const char *e, *u;
	int depth = 0;

	if (*t != '[')
		return -1;
	for (e = t + 1; *e != '\0'; e++) {
		if (*e == '\\' && e[1] != '\0')
			e++;
		else if (*e == '[')
			depth++;
		else if (*e == ']' && depth-- == 0)
			break;
	}
	if (*e != ']' || e[1] != '(')
		return -1;
	u = e + 2;
	if ((e = strchr(u, ')')) == NULL)
		return -1;
	*url = trimmed(u, (size_t)(e - u));
	{
		/* the text without its escapes */
		struct buf b = BUF_INIT;
		const char *s;

		for (s = t + 1; *s != '\0' && s < u - 2; s++) {
			if (*s == '\\' && s[1] != '\0' && strchr("[]\\`",
			    s[1]) != NULL)
				s++;
			buf_putc(&b, *s);
		}
		*text = b.s != NULL ? buf_detach(&b) : xstrdup("");
	}
	return 0;
}

/* A bullet of a link section: a link (at any depth) or a top-level line
 * starts an item; deeper lines are its notes, and what they write
 * defanged are its indicators. */
static void
link_bullet(struct parser *p, int depth, const char *t)
{
	char *text, *url;
	json_t *d, *iocs;

	if (md_link(t, &text, &url) == 0) {
		begin(p, text, url);
		free(text);
		free(url);
		return;
	}
	if (depth == 0 || p->rec == NULL) {
		begin(p, t, NULL);
		return;
	}
	if ((d = json_object_get(p->rec, "digest")) == NULL) {
		d = json_object();
		rec_set_new(d, "title", json_copy(json_object_get(p->rec,
		    "title")));
		rec_set_new(d, "summary", json_array());
		rec_set_new(p->rec, "digest", d);
	}
	arr_append_new(json_object_get(d, "summary"),
	    json_string_safe(t, strlen(t)));
	if ((iocs = json_object_get(p->rec, "iocs")) == NULL) {
		iocs = json_array();
		rec_set_new(p->rec, "iocs", iocs);
	}
	scan_line(iocs, t, 1);
}

static void
heading(struct parser *p, int level, const char *t)
{
	int s;

	flush(p);
	free(p->pending);
	p->pending = NULL;
	if (level == 1) {
		p->mode = M_NONE;
		return;
	}
	if ((s = heading_section(t)) != -1) {
		p->section = s;
		p->mode = s == SECTION_NEWS ? M_NEWS : M_LINKS;
		if (s == SECTION_NEWS)
			p->newslevel = level;
		return;
	}
	if (p->mode == M_NEWS && level > p->newslevel) {
		p->pending = xstrdup(t);
		p->pendline = p->lineno;
		return;
	}
	p->mode = M_NONE;
}

static void
line(struct parser *p, const char *s)
{
	int indent = 0, level = 0;
	const char *t;
	char *u;

	for (t = s; *t == ' ' || *t == '\t'; t++)
		indent += *t == '\t' ? 4 : 1;
	if (*t == '\0')
		return;
	if (*t == '#' && indent < 4) {
		while (t[level] == '#')
			level++;
		if (t[level] == ' ' || t[level] == '\0') {
			t += level;
			while (*t == ' ')
				t++;
			heading(p, level, t);
			return;
		}
	}
	if (p->pending != NULL) {
		char *title = p->pending;

		p->pending = NULL;
		char *text, *url;

		if (is_url(t) && strchr(t, ' ') == NULL) {
			begin(p, title, t);
			free(title);
			return;
		}
		/* "[記事のURL](<url>)" */
		if (md_link(t, &text, &url) == 0) {
			if (is_url(url)) {
				begin(p, title, url);
				free(text);
				free(url);
				free(title);
				return;
			}
			free(text);
			free(url);
		}
		begin(p, title, NULL);
		bad(p, p->pendline, "article without a URL", title);
		free(title);
	}
	if (p->mode == M_NONE)
		return;
	if (p->mode == M_NEWS && ASCII_ISDIGIT((unsigned char)*t)) {
		/* 2023: "1. <url>" starts an article */
		const char *d = t;

		while (ASCII_ISDIGIT((unsigned char)*d))
			d++;
		if (d[0] == '.' && d[1] == ' ') {
			for (d += 2; *d == ' '; d++)
				;
			u = trimmed(d, strlen(d));
			if (is_url(u))
				begin(p, NULL, u);
			else
				bad(p, p->lineno, "numbered article without "
				    "a URL", t);
			free(u);
			return;
		}
	}
	if ((*t == '-' || *t == '*' || *t == '+') && (t[1] == ' ' ||
	    t[1] == '\0')) {
		for (t++; *t == ' '; t++)
			;
		if (*t == '\0')
			return;
		if (p->mode == M_LINKS)
			link_bullet(p, indent / 4, t);
		else if (p->rec != NULL)
			news_bullet(p, indent / 4, t);
		return;
	}
	/* a line of prose with a URL in the news: the URL of an article
	 * still without one, or (after an article's card) a new article,
	 * as 2023 writes "(前記事の追記) <url>" */
	if (p->mode == M_NEWS && (u = first_url(t)) != NULL) {
		if (p->rec != NULL && json_object_get(p->rec, "url") == NULL)
			rec_set_str(p->rec, "url", u);
		else if (p->rec == NULL || p->label != L_NONE)
			begin(p, NULL, u);
		free(u);
	}
}

long
report_parse(const char *fname, const char *data, size_t len,
    report_fn fn, void *arg)
{
	struct parser p;
	const char *s = data, *end = data + len, *nl;
	char *l;
	size_t n;

	memset(&p, 0, sizeof(p));
	p.fname = fname;
	p.fn = fn;
	p.arg = arg;
	p.section = SECTION_NEWS;
	while (s < end && !p.stopped) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' ||
		    s[n - 1] == '\t'))
			n--;
		p.lineno++;
		if (memchr(s, '\0', n) != NULL)
			bad(&p, p.lineno, "NUL character: line skipped", "");
		else {
			if (!utf8_valid(s, n))
				bad(&p, p.lineno, "invalid UTF-8 replaced by "
				    "U+FFFD", "");
			l = xstrndup(s, n);
			line(&p, l);
			free(l);
		}
		s = nl + 1;
	}
	if (p.pending != NULL) {
		begin(&p, p.pending, NULL);
		bad(&p, p.pendline, "article without a URL", p.pending);
		free(p.pending);
	}
	flush(&p);
	return p.stopped ? -1 : p.nbad;
}
