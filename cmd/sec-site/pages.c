/* pages.c: the pages of the site and the data its script reads
 * (site.h).  Everything from the records is escaped: a title with
 * "<script>" is text here as it is in the report.  Indicators are never
 * links; only http(s) URLs of articles and references are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defang.h"
#include "hash.h"
#include "record.h"
#include "section.h"
#include "site.h"
#include "url.h"
#include "util.h"

#define RECENT	100	/* rows a table page shows without its script */

/* Text as HTML: & < > " ' escaped, control characters dropped. */
static void
h(struct buf *o, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_puts(o, "&amp;");
			break;
		case '<':
			buf_puts(o, "&lt;");
			break;
		case '>':
			buf_puts(o, "&gt;");
			break;
		case '"':
			buf_puts(o, "&quot;");
			break;
		case '\'':
			buf_puts(o, "&#39;");
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' ||
			    *s == '\t')
				buf_putc(o, *s);
		}
}

/* A link to an http(s) URL, or the text alone. */
static void
ext_link(struct buf *o, const char *url, const char *text)
{
	if (url != NULL && url_is_http(url)) {
		buf_puts(o, "<a href=\"");
		h(o, url);
		buf_puts(o, "\" rel=\"noopener noreferrer\">");
		h(o, text != NULL ? text : url);
		buf_puts(o, "</a>");
	} else
		h(o, text != NULL ? text : url);
}

static const char *const navs[][2] = {
	{ "index", "概要" }, { "news", "ニュース" }, { "events", "イベント" },
	{ "iocs", "IOC" },
};

static void
head(struct buf *o, const struct site *s, const char *pagekind,
    const char *title, const char *root, const char *canonical)
{
	size_t i;

	buf_puts(o, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; script-src 'self'; style-src 'self'; "
	    "img-src 'self' data:; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	h(o, title);
	buf_puts(o, " — ");
	h(o, s->title);
	buf_puts(o, "</title>\n");
	if (s->base_url != NULL && canonical != NULL) {
		buf_puts(o, "<link rel=\"canonical\" href=\"");
		h(o, s->base_url);
		buf_puts(o, s->base_url[0] && s->base_url[strlen(s->base_url) -
		    1] == '/' ? "" : "/");
		h(o, canonical);
		buf_puts(o, "\">\n");
	}
	buf_printf(o, "<link rel=\"stylesheet\" href=\"%sassets/site.css\">\n"
	    "</head>\n<body data-page=\"%s\" data-root=\"%s\">\n"
	    "<header class=\"site\"><a class=\"brand\" href=\"%sindex.html\">",
	    root, pagekind, root, root);
	h(o, s->title);
	buf_puts(o, "</a>\n<nav class=\"site\">");
	for (i = 0; i < NELEM(navs); i++)
		buf_printf(o, "<a href=\"%s%s.html\"%s>%s</a>", root, navs[i][0],
		    strcmp(navs[i][0], pagekind) == 0 ?
		    " aria-current=\"page\"" : "", navs[i][1]);
	buf_puts(o, "</nav></header>\n<main>\n");
}

static void
foot(struct buf *o, const char *root, int script)
{
	buf_puts(o, "</main>\n<footer class=\"site\"><p class=\"muted\">"
	    "sec-tools — 指標は無害化して表示しています。</p></footer>\n");
	if (script)
		buf_printf(o, "<script src=\"%sdata/manifest.js\"></script>\n",
		    root);
	buf_printf(o, "<script src=\"%sassets/site.js\"></script>\n"
	    "</body>\n</html>\n", root);
}

/* --- counting ------------------------------------------------------- */

struct count {
	char	*name;
	size_t	 n;
};

struct counts {
	struct count	*c;
	size_t		 n;
	struct strset	 idx;
};

static void
count_add(struct counts *c, const char *name)
{
	int isnew;
	size_t i;

	if (name == NULL || *name == '\0' || strcmp(name, "unknown") == 0 ||
	    strcmp(name, "not_applicable") == 0 || strcmp(name, "N/A") == 0)
		return;
	i = strset_add(&c->idx, name, strlen(name), &isnew);
	if (isnew) {
		c->c = xreallocarray(c->c, c->n + 1, sizeof(*c->c));
		c->c[c->n].name = xstrdup(name);
		c->c[c->n].n = 0;
		c->n++;
	}
	c->c[i].n++;
}

static int
cmpcount(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void
count_table(struct buf *o, struct counts *c, const char *title,
    const char *col, size_t max)
{
	size_t i;

	if (c->n > 1)
		qsort(c->c, c->n, sizeof(*c->c), cmpcount);
	buf_printf(o, "<section><h2>%s</h2>\n<table><thead><tr><th>%s</th>"
	    "<th class=\"num\">件数</th></tr></thead><tbody>\n", title, col);
	for (i = 0; i < c->n && i < max; i++) {
		buf_puts(o, "<tr><td>");
		h(o, c->c[i].name);
		buf_printf(o, "</td><td class=\"num\">%zu</td></tr>\n",
		    c->c[i].n);
	}
	if (c->n == 0)
		buf_puts(o, "<tr><td class=\"muted\">なし</td><td></td></tr>\n");
	buf_puts(o, "</tbody></table></section>\n");
	for (i = 0; i < c->n; i++)
		free(c->c[i].name);
	free(c->c);
	strset_free(&c->idx);
	memset(c, 0, sizeof(*c));
}

static int
has_digest(const struct s_art *a)
{
	return json_is_object(json_object_get(a->rec, "digest"));
}

/* --- the overview --------------------------------------------------- */

static void
chart(struct buf *o, const struct site *s)
{
	char (*month)[8] = NULL;
	size_t *n = NULL, nm = 0, i, max = 1;
	int x, bw, hgt;

	for (i = 0; i < s->nart; i++) {
		const char *d = s->day[s->art[i].day].date;

		if (nm == 0 || strncmp(month[nm - 1], d, 7) != 0) {
			month = xreallocarray(month, nm + 1, sizeof(*month));
			n = xreallocarray(n, nm + 1, sizeof(*n));
			memcpy(month[nm], d, 7);
			month[nm][7] = '\0';
			n[nm++] = 0;
		}
		n[nm - 1]++;
	}
	for (i = 0; i < nm; i++)
		if (n[i] > max)
			max = n[i];
	/* one width for any number of months: a bar is narrower, never
	 * the chart wider */
	bw = nm > 0 ? (int)(700 / nm) : 700;
	if (bw > 40)
		bw = 40;
	if (bw < 1)
		bw = 1;
	buf_puts(o, "<svg class=\"chart\" viewBox=\"0 0 720 180\" role=\"img\""
	    " aria-label=\"月ごとの記事数\">\n<title>月ごとの記事数</title>\n");
	for (i = 0, x = 10; i < nm; i++, x += bw) {
		hgt = (int)(140.0 * (double)n[i] / (double)max);
		if (hgt < 1)
			hgt = 1;
		buf_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
		    "<title>%s: %zu</title></rect>\n", x, 150 - hgt,
		    bw > 3 ? bw - 2 : bw, hgt, month[i], n[i]);
		/* a label every year, and at the ends */
		if (i == 0 || i == nm - 1 || strcmp(month[i] + 5, "01") == 0)
			buf_printf(o, "<text x=\"%d\" y=\"168\">%s</text>\n", x,
			    month[i]);
	}
	buf_puts(o, "</svg>\n");
	free(month);
	free(n);
}

void
page_index(const struct site *s, struct buf *o)
{
	struct counts types = { 0 }, actors = { 0 }, malware = { 0 };
	struct counts methods = { 0 }, cves = { 0 };
	size_t i, j, nev = 0, from;
	const json_t *v;

	for (i = 0; i < s->nart; i++) {
		const json_t *d = json_object_get(s->art[i].rec, "digest");

		if (!has_digest(&s->art[i]))
			continue;
		nev++;
		count_add(&types, rec_str(d, "event_type") ?
		    rec_str(d, "event_type") : "unknown");
		json_array_foreach(json_object_get(d, "actor"), j, v)
			count_add(&actors, rec_str(v, "name"));
		json_array_foreach(json_object_get(d, "malware"), j, v)
			count_add(&malware, json_string_value(v));
		json_array_foreach(json_object_get(d, "tags"), j, v)
			if (rec_str(v, "dimension") != NULL &&
			    strcmp(rec_str(v, "dimension"), "attack_method") ==
			    0)
				count_add(&methods, rec_str(v, "value"));
		json_array_foreach(json_object_get(s->art[i].rec, "iocs"), j,
		    v)
			if (rec_str(v, "type") != NULL &&
			    strcmp(rec_str(v, "type"), "cve") == 0)
				count_add(&cves, rec_str(v, "value"));
	}
	head(o, s, "index", "概要", "", "index.html");
	buf_puts(o, "<h1>概要</h1>\n<ul class=\"counts\">");
	buf_printf(o, "<li><b>%zu</b>日</li><li><b>%zu</b>記事</li>"
	    "<li><b>%zu</b>指標</li><li><b>%zu</b>イベント</li></ul>\n",
	    s->nday, s->nart, s->nioc, nev);
	buf_puts(o, "<h2>月ごとの記事数</h2>\n");
	chart(o, s);
	buf_puts(o, "<h2>直近14日</h2>\n<table><thead><tr><th>日付</th>"
	    "<th class=\"num\">記事</th><th class=\"num\">指標</th></tr>"
	    "</thead><tbody>\n");
	from = s->nday > 14 ? s->nday - 14 : 0;
	for (i = s->nday; i-- > from; ) {
		size_t k, niocs = 0;

		for (k = 0; k < s->nioc; k++)
			if (s->art[s->ioc[k].art].day == i)
				niocs++;
		buf_printf(o, "<tr><td><a href=\"day/%s.html\">%s</a></td>"
		    "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
		    s->day[i].ymd, s->day[i].date, s->day[i].n, niocs);
	}
	buf_puts(o, "</tbody></table>\n<div class=\"grid\">\n");
	count_table(o, &types, "イベントの種類", "event_type", 20);
	count_table(o, &actors, "多く現れたアクター", "actor", 10);
	count_table(o, &malware, "多く現れたマルウェア", "malware", 10);
	count_table(o, &methods, "攻撃手法", "attack_method", 10);
	count_table(o, &cves, "多く現れたCVE", "CVE", 10);
	buf_puts(o, "</div>\n");
	foot(o, "", 0);
}

/* --- a day ---------------------------------------------------------- */

static void
list(struct buf *o, const json_t *a, const char *title)
{
	const json_t *v;
	size_t i;

	if (json_array_size(a) == 0)
		return;
	buf_printf(o, "<h5>%s</h5><ul>", title);
	json_array_foreach(a, i, v) {
		buf_puts(o, "<li>");
		if (json_is_string(v))
			h(o, json_string_value(v));
		else if (json_is_array(v)) {
			const json_t *w;
			size_t j;

			/* nested items of その他 */
			json_array_foreach(v, j, w)
				if (json_is_string(w)) {
					buf_puts(o, j ? "<br>" : "");
					h(o, json_string_value(w));
				}
		}
		buf_puts(o, "</li>");
	}
	buf_puts(o, "</ul>\n");
}

static void
card(struct buf *o, const struct s_art *a)
{
	const json_t *d = json_object_get(a->rec, "digest"), *v;
	const char *url = rec_str(a->rec, "url");
	size_t i, n = 0;

	buf_printf(o, "<article class=\"card\" id=\"a%zu\"><h4>", a->pos);
	h(o, art_title(a));
	buf_puts(o, "</h4>\n<p class=\"muted\">");
	ext_link(o, url, url);
	buf_puts(o, "</p>\n");
	if (rec_str(d, "fallback") != NULL) {
		buf_puts(o, "<p class=\"note\">注記: モデルの要約を使えなかったため"
		    "抽出要約です（");
		h(o, rec_str(d, "fallback"));
		buf_puts(o, "）</p>\n");
	}
	list(o, json_object_get(d, "summary"), "要約");
	buf_puts(o, "<h5>IOC</h5>");
	json_array_foreach(json_object_get(d, "iocs"), i, v) {
		if (!json_is_object(v) || !ioc_listed(v))
			continue;
		if (n++ == 0)
			buf_puts(o, "<table><thead><tr><th>種類</th><th>値</th>"
			    "<th>分類</th><th>文脈</th></tr></thead><tbody>");
		buf_puts(o, "<tr><td>");
		h(o, rec_str(v, "type"));
		buf_puts(o, "</td><td class=\"ioc\">");
		/* never a link, and defanged */
		if (rec_str(v, "defanged") != NULL)
			h(o, rec_str(v, "defanged"));
		else {
			struct buf df = BUF_INIT;

			defang(&df, rec_str(v, "value"), rec_str(v, "type"));
			h(o, buf_str(&df));
			buf_free(&df);
		}
		buf_puts(o, "</td><td>");
		h(o, rec_str(v, "category") ? rec_str(v, "category") :
		    "unknown");
		buf_puts(o, "</td><td>");
		h(o, rec_str(v, "context"));
		buf_puts(o, "</td></tr>");
	}
	buf_puts(o, n ? "</tbody></table>\n" : "<p class=\"muted\">IOC情報なし"
	    "</p>\n");
	list(o, json_object_get(d, "recommendations"), "推奨事項");
	list(o, json_object_get(d, "other"), "その他");
	if (json_array_size(json_object_get(d, "primary_sources")) > 0) {
		buf_puts(o, "<h5>一次ソース</h5><ul>");
		json_array_foreach(json_object_get(d, "primary_sources"), i, v)
			if (json_is_string(v)) {
				buf_puts(o, "<li>");
				ext_link(o, json_string_value(v), NULL);
				buf_puts(o, "</li>");
			}
		buf_puts(o, "</ul>\n");
	}
	if (rec_str(d, "action") != NULL) {
		buf_puts(o, "<h5>推奨アクション</h5><p>");
		h(o, rec_str(d, "action"));
		buf_puts(o, "</p>\n");
	}
	if (json_array_size(json_object_get(d, "tags")) > 0) {
		buf_puts(o, "<p class=\"tags\">");
		json_array_foreach(json_object_get(d, "tags"), i, v) {
			buf_puts(o, "<span>");
			h(o, rec_str(v, "dimension"));
			buf_putc(o, ':');
			h(o, rec_str(v, "value"));
			buf_puts(o, "</span>");
		}
		buf_puts(o, "</p>\n");
	}
	buf_puts(o, "</article>\n");
}

void
page_day(const struct site *s, size_t di, struct buf *o)
{
	const struct s_day *d = &s->day[di];
	struct buf canon = BUF_INIT;
	size_t i, n;
	int sec;

	buf_printf(&canon, "day/%s.html", d->ymd);
	head(o, s, "day", d->date, "../", canon.s);
	buf_free(&canon);
	buf_printf(o, "<h1>%s</h1>\n<p class=\"pager\">", d->date);
	if (di > 0)
		buf_printf(o, "<a href=\"%s.html\" rel=\"prev\">← %s</a>",
		    s->day[di - 1].ymd, s->day[di - 1].date);
	else
		buf_puts(o, "<span></span>");
	if (di + 1 < s->nday)
		buf_printf(o, "<a href=\"%s.html\" rel=\"next\">%s →</a>",
		    s->day[di + 1].ymd, s->day[di + 1].date);
	buf_puts(o, "</p>\n");
	for (sec = 0; sec < NSECTIONS; sec++) {
		buf_puts(o, "<section><h2>");
		h(o, report_sections[sec].title);
		buf_puts(o, "</h2>\n");
		for (i = d->first, n = 0; i < d->first + d->n; i++) {
			const struct s_art *a = &s->art[i];

			if (a->section != sec)
				continue;
			if (has_digest(a))
				card(o, a);
			else {
				buf_printf(o, "<p id=\"a%zu\">", a->pos);
				ext_link(o, rec_str(a->rec, "url"), art_title(a));
				buf_puts(o, "</p>\n");
			}
			n++;
		}
		if (n == 0)
			buf_puts(o, "<p class=\"muted\">N/A</p>\n");
		buf_puts(o, "</section>\n");
	}
	foot(o, "../", 0);
}

/* --- the table pages ------------------------------------------------ */

static void
opt(struct buf *o, const char *name, const char *label)
{
	buf_printf(o, "<label>%s<select name=\"%s\"><option value=\"\">すべて"
	    "</option></select></label>\n", label, name);
}

void
page_table(const struct site *s, const char *kind, struct buf *o)
{
	size_t i, shown = 0;
	int iocs = strcmp(kind, "iocs") == 0, news = strcmp(kind, "news") == 0;

	head(o, s, kind, iocs ? "IOC" : news ? "ニュース" : "イベント", "",
	    iocs ? "iocs.html" : news ? "news.html" : "events.html");
	buf_printf(o, "<h1>%s</h1>\n<form id=\"filters\" class=\"filters\">\n"
	    "<label>検索<input type=\"search\" name=\"q\" autocomplete=\"off\">"
	    "</label>\n", iocs ? "IOC" : news ? "ニュース" : "イベント");
	if (iocs) {
		opt(o, "type", "種類");
		opt(o, "category", "分類");
		buf_puts(o, "<label>actor<input type=\"text\" name=\"actor\">"
		    "</label>\n<label>malware<input type=\"text\" "
		    "name=\"malware\"></label>\n<label>日付<input type=\"text\" "
		    "name=\"day\" placeholder=\"YYYY-MM-DD\"></label>\n"
		    "<label><span>無害化</span><input type=\"checkbox\" "
		    "name=\"defang\" checked></label>\n"
		    "<a id=\"export\" download=\"iocs.csv\">CSVで保存</a>\n");
	} else if (news) {
		opt(o, "year", "年");
		opt(o, "month", "月");
		buf_puts(o, "<label><span>IOCあり</span><input type=\"checkbox\" "
		    "name=\"iocs\"></label>\n<label><span>CVEあり</span><input "
		    "type=\"checkbox\" name=\"cve\"></label>\n");
	} else {
		opt(o, "month", "月");
		opt(o, "type", "種類");
		buf_puts(o, "<label>要確認<select name=\"review\"><option "
		    "value=\"\">すべて</option><option value=\"1\">要確認"
		    "</option><option value=\"0\">確認不要</option></select>"
		    "</label>\n<label>深掘り<select name=\"followup\"><option "
		    "value=\"\">すべて</option><option>yes</option><option>"
		    "maybe</option><option>no</option></select></label>\n");
		opt(o, "tag", "タグ");
	}
	buf_puts(o, "<a id=\"share\" href=\"?\">この検索へのリンク</a>\n</form>\n"
	    "<p id=\"status\" class=\"status\"></p>\n<table class=\"data\">"
	    "<thead><tr>");
	if (iocs)
		buf_puts(o, "<th data-sort=\"0\">種類</th><th data-sort=\"1\">値"
		    "</th><th data-sort=\"2\">分類</th><th data-sort=\"3\">actor"
		    "</th><th data-sort=\"4\">malware</th><th data-sort=\"5\">"
		    "初出</th><th data-sort=\"6\">最終</th><th>出典</th>"
		    "<th>記事</th>");
	else if (news)
		buf_puts(o, "<th data-sort=\"0\">日付</th><th data-sort=\"1\">"
		    "タイトル</th><th data-sort=\"3\">欄</th><th>要約</th>"
		    "<th>CVE</th><th data-sort=\"6\" class=\"num\">IOC</th>");
	else
		buf_puts(o, "<th data-sort=\"0\">日付</th><th data-sort=\"1\">"
		    "種類</th><th data-sort=\"2\">タイトル</th><th data-sort=\"3\">"
		    "要確認</th><th data-sort=\"4\">深掘り</th><th>タグ</th>");
	buf_puts(o, "</tr></thead>\n<tbody>\n");
	/* the most recent rows, for a reader without the script */
	if (iocs) {
		for (i = s->nioc; i-- > 0 && shown < RECENT; shown++) {
			const struct s_ioc *c = &s->ioc[i];
			const struct s_art *a = &s->art[c->art];

			buf_puts(o, "<tr><td>");
			h(o, c->type);
			buf_puts(o, "</td><td class=\"ioc\">");
			h(o, c->defanged);
			buf_puts(o, "</td><td>");
			h(o, c->category);
			buf_puts(o, "</td><td>");
			h(o, c->actor);
			buf_puts(o, "</td><td>");
			h(o, c->malware);
			buf_printf(o, "</td><td>%s</td><td>%s</td><td>", c->first,
			    c->last);
			ext_link(o, c->reference, "source");
			buf_printf(o, "</td><td><a href=\"day/%s.html#a%zu\">",
			    s->day[a->day].ymd, a->pos);
			h(o, art_title(a));
			buf_puts(o, "</a></td></tr>\n");
		}
	} else
		for (i = s->nart; i-- > 0 && shown < RECENT; ) {
			const struct s_art *a = &s->art[i];
			const json_t *d = json_object_get(a->rec, "digest");

			if (!news && !has_digest(a))
				continue;
			shown++;
			buf_printf(o, "<tr><td>%s</td>", s->day[a->day].date);
			if (!news) {
				buf_puts(o, "<td>");
				h(o, rec_str(d, "event_type") ?
				    rec_str(d, "event_type") : "unknown");
				buf_puts(o, "</td>");
			}
			buf_printf(o, "<td><a href=\"day/%s.html#a%zu\">",
			    s->day[a->day].ymd, a->pos);
			h(o, art_title(a));
			buf_puts(o, "</a></td>");
			if (news) {
				buf_puts(o, "<td>");
				h(o, report_sections[a->section].key);
				buf_puts(o, "</td><td>");
				h(o, json_string_value(json_array_get(
				    json_object_get(d, "summary"), 0)));
				buf_puts(o, "</td><td></td><td></td></tr>\n");
			} else
				buf_puts(o, "<td></td><td></td><td></td></tr>\n");
		}
	buf_puts(o, "</tbody></table>\n");
	foot(o, "", 1);
}

/* --- the data ------------------------------------------------------- */

/* "2026Q2" of a date */
static void
quarter(char out[8], const char *date)
{
	int m = (date[5] - '0') * 10 + (date[6] - '0');

	snprintf(out, 8, "%.4sQ%d", date, m >= 1 && m <= 12 ? (m + 2) / 3 : 1);
}

static const char *
csv_type(const char *t)
{
	if (strcmp(t, "ipv4") == 0 || strcmp(t, "ipv6") == 0 ||
	    strcmp(t, "cidr") == 0)
		return "ip";
	if (strcmp(t, "md5") == 0)
		return "file_hash_md5";
	if (strcmp(t, "sha1") == 0)
		return "file_hash_sha1";
	if (strcmp(t, "sha256") == 0)
		return "file_hash_sha256";
	return t;
}

struct part {
	char	 q[8];
	json_t	*rows;
};

struct parts {
	struct part	*p;
	size_t		 n;
};

static json_t *
part_rows(struct parts *ps, const char *date)
{
	char q[8];
	size_t i;

	quarter(q, date);
	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->p[i].q, q) == 0)
			return ps->p[i].rows;
	ps->p = xreallocarray(ps->p, ps->n + 1, sizeof(*ps->p));
	memcpy(ps->p[ps->n].q, q, sizeof(q));
	ps->p[ps->n].rows = json_array();
	return ps->p[ps->n++].rows;
}

static void
emit(const char *kind, const char *fields, struct parts *ps,
    json_t *manifest, void (*fn)(void *, const char *, const struct buf *),
    void *arg)
{
	struct buf name = BUF_INIT, b = BUF_INIT;
	json_t *list = json_array();
	size_t i;
	char *j;

	/* newest first: the script shows the recent rows soonest */
	for (i = ps->n; i-- > 0; ) {
		buf_reset(&name);
		buf_printf(&name, "data/%s-%s.js", kind, ps->p[i].q);
		buf_reset(&b);
		j = json_dumps(ps->p[i].rows, JSON_COMPACT | JSON_ENSURE_ASCII);
		buf_printf(&b, "SEC.add(\"%s\",\"%s\",%s,", kind, ps->p[i].q,
		    fields);
		/* no "<" at all, so the data is inert even pasted into a
		 * page ("</script>" cannot end anything) */
		for (const char *c = j != NULL ? j : "[]"; *c != '\0'; c++)
			if (*c == '<')
				buf_puts(&b, "\\u003c");
			else
				buf_putc(&b, *c);
		buf_puts(&b, ");\n");
		free(j);
		fn(arg, name.s, &b);
		json_array_append_new(list, json_string(ps->p[i].q));
		json_decref(ps->p[i].rows);
	}
	json_object_set_new(manifest, kind, list);
	free(ps->p);
	memset(ps, 0, sizeof(*ps));
	buf_free(&name);
	buf_free(&b);
}

void
site_data(const struct site *s,
    void (*fn)(void *, const char *, const struct buf *), void *arg)
{
	struct parts news = { 0 }, events = { 0 }, iocs = { 0 };
	json_t *manifest = json_object(), *row;
	struct buf anchor = BUF_INIT, b = BUF_INIT;
	size_t i, j, *per = xcalloc(s->nart + 1, sizeof(*per));
	char *m;

	for (i = 0; i < s->nioc; i++)
		per[s->ioc[i].art]++;

	for (i = 0; i < s->nart; i++) {
		const struct s_art *a = &s->art[i];
		const json_t *d = json_object_get(a->rec, "digest"), *v;
		const char *date = s->day[a->day].date;
		struct buf cves = BUF_INIT, tags = BUF_INIT;
		size_t niocs = per[i];

		buf_reset(&anchor);
		buf_printf(&anchor, "%s.html#a%zu", s->day[a->day].ymd, a->pos);
		json_array_foreach(json_object_get(a->rec, "iocs"), j, v)
			if (rec_str(v, "type") != NULL &&
			    strcmp(rec_str(v, "type"), "cve") == 0)
				buf_printf(&cves, "%s%s", cves.len ? " " : "",
				    rec_str(v, "value"));
		row = json_pack("[s,s,s,s,s,s,I,s]", date, art_title(a),
		    rec_str(a->rec, "url") ? rec_str(a->rec, "url") : "",
		    report_sections[a->section].key,
		    json_string_value(json_array_get(json_object_get(d,
		    "summary"), 0)) ? json_string_value(json_array_get(
		    json_object_get(d, "summary"), 0)) : "", buf_str(&cves),
		    (json_int_t)niocs, anchor.s);
		json_array_append_new(part_rows(&news, date), row);
		if (has_digest(a)) {
			json_array_foreach(json_object_get(d, "tags"), j, v)
				if (rec_str(v, "dimension") != NULL &&
				    rec_str(v, "value") != NULL)
					buf_printf(&tags, "%s%s:%s", tags.len ?
					    " " : "", rec_str(v, "dimension"),
					    rec_str(v, "value"));
			buf_reset(&b);
			buf_printf(&b, "%s_a%zu", date, a->pos);
			row = json_pack("[s,s,s,b,s,s,s,s]", date,
			    rec_str(d, "event_type") ?
			    rec_str(d, "event_type") : "unknown", art_title(a),
			    json_is_true(json_object_get(d, "needs_review")) ||
			    rec_str(d, "fallback") != NULL,
			    rec_str(d, "followup") ? rec_str(d, "followup") :
			    "", buf_str(&tags), anchor.s, b.s);
			json_array_append_new(part_rows(&events, date), row);
		}
		buf_free(&cves);
		buf_free(&tags);
	}
	for (i = 0; i < s->nioc; i++) {
		const struct s_ioc *c = &s->ioc[i];
		const struct s_art *a = &s->art[c->art];

		buf_reset(&anchor);
		buf_printf(&anchor, "%s.html#a%zu", s->day[a->day].ymd, a->pos);
		row = json_pack("[s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s]", c->type,
		    c->value, c->category, c->actor, c->malware, c->first,
		    c->last, c->reference, s->day[a->day].date, anchor.s,
		    art_title(a), c->attribution, c->mtype, c->description,
		    csv_type(c->type), c->defanged);
		json_array_append_new(part_rows(&iocs, c->last), row);
	}
	emit("news", "[\"date\",\"title\",\"url\",\"section\",\"summary\","
	    "\"cves\",\"iocs\",\"anchor\"]", &news, manifest, fn, arg);
	emit("events", "[\"date\",\"type\",\"title\",\"needs_review\","
	    "\"followup\",\"tags\",\"anchor\",\"key\"]", &events, manifest, fn,
	    arg);
	emit("iocs", "[\"type\",\"value\",\"category\",\"actor\",\"malware\","
	    "\"first\",\"last\",\"reference\",\"day\",\"anchor\",\"title\","
	    "\"actor_attribute\",\"malware_type\",\"description\","
	    "\"csv_type\",\"defanged\"]", &iocs, manifest, fn, arg);
	m = json_dumps(manifest, JSON_COMPACT | JSON_SORT_KEYS);
	buf_reset(&b);
	buf_printf(&b, "window.SEC = window.SEC || {};\nSEC.manifest = %s;\n",
	    m != NULL ? m : "{}");
	free(m);
	fn(arg, "data/manifest.js", &b);
	json_decref(manifest);
	buf_free(&anchor);
	buf_free(&b);
	free(per);
}
