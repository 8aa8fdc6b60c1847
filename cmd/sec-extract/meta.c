/* meta.c: title, byline, date, language, site name and canonical URL from
 * <head>, JSON-LD and a few marked-up elements. */
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "date.h"
#include "extint.h"
#include "extract.h"
#include "htmltext.h"
#include "timeutil.h"
#include "utf8.h"
#include "util.h"

#define META_MAX 1024	/* bytes kept of one metadata value */
#define LD_MAX (512 * 1024)	/* JSON-LD scripts larger are skipped */
#define LD_DEPTH 6

char *
node_text(xmlNode *top, size_t max)
{
	struct buf raw = BUF_INIT, out = BUF_INIT;
	xmlNode *n = top->children;

	/* iterative walk: no recursion on deep trees */
	while (n != NULL && n != top && raw.len < max) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL) {
			buf_puts(&raw, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && n->children != NULL &&
		    strcmp((const char *)n->name, "script") != 0 &&
		    strcmp((const char *)n->name, "style") != 0) {
			if (strcmp((const char *)n->name, "br") != 0)
				buf_putc(&raw, ' ');
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL) {
			n = n->parent;
			if (n != top)
				buf_putc(&raw, ' ');
		}
		if (n != top)
			n = n->next;
	}
	if (raw.len > max)
		raw.len = max;
	/* do not cut a UTF-8 sequence in two */
	while (raw.len > 0 && ((unsigned char)raw.s[raw.len] & 0xC0) == 0x80)
		raw.len--;
	text_collapse(&out, raw.s ? raw.s : "", raw.len, COLLAPSE_WIDE);
	buf_free(&raw);
	if (out.len == 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

/* Collapsed copy of an attribute-like string, NULL when empty. */
static char *
clean_value(const char *s)
{
	struct buf b = BUF_INIT;
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > META_MAX)
		n = META_MAX;
	text_collapse(&b, s, n, COLLAPSE_WIDE);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Set *slot to a cleaned copy of v unless it is set already. */
static void
take(char **slot, const char *v)
{
	if (*slot == NULL)
		*slot = clean_value(v);
}

static char *
attr(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int
name_is(const char *v, const char *const *names)
{
	for (; *names != NULL; names++)
		if (ascii_casecmp(v, *names) == 0)
			return 1;
	return 0;
}

/* A <meta> element. */
static void
meta_tag(struct meta *m, xmlNode *n)
{
	static const char *const pubnames[] = {
		"article:published_time", "og:published_time",
		"datePublished", NULL
	};
	static const char *const othernames[] = {
		"date", "pubdate", "publishdate", "publish-date",
		"publish_date", "dc.date", "dc.date.issued", "dcterms.created",
		"sailthru.date", "parsely-pub-date", "article.published",
		"citation_publication_date", "og:updated_time",
		"article:modified_time", NULL
	};
	char *key, *content, *he;

	if ((content = attr(n, "content")) == NULL)
		return;
	key = attr(n, "property");
	if (key == NULL)
		key = attr(n, "name");
	if (key == NULL)
		key = attr(n, "itemprop");
	if (key != NULL) {
		if (ascii_casecmp(key, "og:title") == 0 ||
		    ascii_casecmp(key, "twitter:title") == 0)
			take(&m->og_title, content);
		else if (ascii_casecmp(key, "og:site_name") == 0)
			take(&m->site_og, content);
		else if (ascii_casecmp(key, "application-name") == 0)
			take(&m->site_app, content);
		else if (ascii_casecmp(key, "og:url") == 0)
			take(&m->og_url, content);
		else if (ascii_casecmp(key, "author") == 0 ||
		    ascii_casecmp(key, "article:author") == 0 ||
		    ascii_casecmp(key, "dc.creator") == 0 ||
		    ascii_casecmp(key, "parsely-author") == 0 ||
		    ascii_casecmp(key, "sailthru.author") == 0) {
			if (strncmp(content, "http", 4) != 0)
				take(&m->author_meta, content);
		} else if (name_is(key, pubnames))
			take(&m->pub_meta, content);
		else if (name_is(key, othernames))
			take(&m->pub_other, content);
		else if (ascii_casecmp(key, "og:locale") == 0 ||
		    ascii_casecmp(key, "language") == 0 ||
		    ascii_casecmp(key, "dc.language") == 0)
			take(&m->lang_meta, content);
	}
	if ((he = attr(n, "http-equiv")) != NULL &&
	    ascii_casecmp(he, "content-language") == 0)
		take(&m->lang_meta, content);
	xmlFree(he);
	xmlFree(key);
	xmlFree(content);
}

/* The text of a JSON-LD author: a string, {"name"}, or an array. */
static void
ld_author(struct buf *b, json_t *a, int depth)
{
	size_t i;
	json_t *v;
	const char *s;

	if (depth > 2)
		return;
	if (json_is_string(a)) {
		s = json_string_value(a);
		if (strncmp(s, "http", 4) == 0)
			return;
		if (b->len > 0)
			buf_puts(b, ", ");
		buf_puts(b, s);
	} else if (json_is_object(a))
		ld_author(b, json_object_get(a, "name"), depth + 1);
	else if (json_is_array(a))
		json_array_foreach(a, i, v)
			ld_author(b, v, depth + 1);
}

static int
ld_is_article(json_t *o)
{
	json_t *t = json_object_get(o, "@type"), *v;
	size_t i;
	const char *s;

	if (json_is_array(t)) {
		json_array_foreach(t, i, v)
			if (json_is_string(v) && (s = json_string_value(v)) &&
			    (strstr(s, "Article") || strstr(s, "Posting") ||
			    strstr(s, "Report")))
				return 1;
		return 0;
	}
	s = json_string_value(t);
	return s != NULL && (strstr(s, "Article") || strstr(s, "Posting") ||
	    strstr(s, "Report"));
}

/* Walk a JSON-LD value (depth capped). */
static void
ld_walk(struct meta *m, json_t *v, int depth)
{
	const char *key;
	json_t *x;
	size_t i;
	struct buf b = BUF_INIT;

	if (depth > LD_DEPTH)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			ld_walk(m, x, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if (ld_is_article(v)) {
		take(&m->ld_headline, json_string_value(json_object_get(v,
		    "headline")));
		take(&m->ld_date, json_string_value(json_object_get(v,
		    "datePublished")));
		if (m->ld_author == NULL) {
			ld_author(&b, json_object_get(v, "author"), 0);
			if (b.len > 0)
				take(&m->ld_author, b.s);
			buf_free(&b);
		}
		take(&m->site_ld, json_string_value(json_object_get(
		    json_object_get(v, "publisher"), "name")));
	}
	json_object_foreach(v, key, x)
		if (json_is_array(x) || (json_is_object(x) &&
		    strcmp(key, "author") != 0 && strcmp(key, "publisher") != 0))
			ld_walk(m, x, depth + 1);
}

static void
ld_script(struct meta *m, xmlNode *n)
{
	xmlChar *s;
	json_t *j;
	size_t len;

	if ((s = xmlNodeGetContent(n)) == NULL)
		return;
	len = strlen((char *)s);
	if (len <= LD_MAX && (j = json_loadb((char *)s, len, 0, NULL)) != NULL) {
		ld_walk(m, j, 0);
		json_decref(j);
	}
	xmlFree(s);
}

void
meta_element(struct meta *m, xmlNode *n)
{
	const char *name = (const char *)n->name;
	char *a, *b;

	switch (name[0]) {
	case 'b':
		if (strcmp(name, "base") == 0 && m->base_href == NULL) {
			a = attr(n, "href");
			take(&m->base_href, a);
			xmlFree(a);
		}
		break;
	case 'h':
		if (strcmp(name, "html") == 0) {
			a = attr(n, "lang");
			if (a == NULL)
				a = attr(n, "xml:lang");
			take(&m->lang_html, a);
			xmlFree(a);
		} else if (strcmp(name, "h1") == 0 && m->h1 == NULL)
			m->h1 = node_text(n, META_MAX);
		break;
	case 'l':
		if (strcmp(name, "link") == 0) {
			a = attr(n, "rel");
			b = attr(n, "href");
			if (a != NULL && b != NULL &&
			    ascii_casecmp(a, "canonical") == 0)
				take(&m->canonical, b);
			xmlFree(a);
			xmlFree(b);
		}
		break;
	case 'm':
		if (strcmp(name, "meta") == 0)
			meta_tag(m, n);
		break;
	case 's':
		if (strcmp(name, "script") == 0) {
			a = attr(n, "type");
			if (a != NULL && ascii_casecmp(a, "application/ld+json")
			    == 0)
				ld_script(m, n);
			xmlFree(a);
		}
		break;
	case 't':
		if (strcmp(name, "title") == 0 && m->title_tag == NULL)
			m->title_tag = node_text(n, META_MAX);
		else if (strcmp(name, "time") == 0 && m->time_dt == NULL) {
			a = attr(n, "datetime");
			take(&m->time_dt, a);
			xmlFree(a);
		}
		break;
	}
	/* itemprop="datePublished" on any element */
	if (m->pub_meta == NULL && n->properties != NULL &&
	    (a = attr(n, "itemprop")) != NULL) {
		if (ascii_casecmp(a, "datePublished") == 0) {
			b = attr(n, "datetime");
			if (b == NULL)
				b = attr(n, "content");
			take(&m->pub_meta, b);
			xmlFree(b);
		}
		xmlFree(a);
	}
}

void
meta_free(struct meta *m)
{
	char **f[] = {
		&m->og_title, &m->ld_headline, &m->title_tag, &m->h1,
		&m->author_meta, &m->ld_author, &m->byline_el, &m->pub_meta,
		&m->ld_date, &m->pub_other, &m->time_dt, &m->lang_html,
		&m->lang_meta, &m->site_og, &m->site_ld, &m->site_app,
		&m->canonical, &m->og_url, &m->base_href
	};
	size_t i;

	for (i = 0; i < NELEM(f); i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

/* Separators between a title and its site name. */
static const char *const title_seps[] = {
	" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " // ",
	" \xC2\xB7 ", " \xC2\xBB ", "\xEF\xBD\x9C", " \xEF\xBD\x9C ",
	" : ", NULL
};

static size_t
count_words(const char *s, size_t n)
{
	size_t i, w = 0;
	int in = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
		/* a CJK title has no spaces: count characters as words */
		if ((unsigned char)s[i] >= 0xE3 && (unsigned char)s[i] <= 0xE9)
			w++;
	}
	return w;
}

char *
title_clean(const char *t, const char *site)
{
	const char *const *sep;
	const char *p, *best = NULL;
	size_t sl = 0, n = strlen(t);

	/* the last separator splits off the site name; for "Site | Title"
	 * forms, the first */
	for (sep = title_seps; *sep != NULL; sep++) {
		const char *last = NULL;

		for (p = strstr(t, *sep); p != NULL; p = strstr(p + 1, *sep))
			last = p;
		if (last != NULL && (best == NULL || last > best)) {
			best = last;
			sl = strlen(*sep);
		}
	}
	if (best == NULL)
		return xstrdup(t);
	if (site != NULL && ascii_ncasecmp(t, site, strlen(site)) == 0 &&
	    strncmp(t + strlen(site), " ", 1) == 0) {
		/* "Site | Title" */
		for (sep = title_seps; *sep != NULL; sep++)
			if (strncmp(t + strlen(site), *sep, strlen(*sep)) == 0)
				return xstrdup(t + strlen(site) +
				    strlen(*sep));
	}
	if (count_words(t, (size_t)(best - t)) >= 3)
		return xstrndup(t, (size_t)(best - t));
	if (count_words(best + sl, n - (size_t)(best - t) - sl) >= 3 &&
	    site != NULL && ascii_ncasecmp(t, site, strlen(site)) == 0)
		return xstrdup(best + sl);
	return xstrdup(t);
}

int
ext_parse_date(const char *s, char out[21])
{
	long long t;

	/* before 1970, a page's date is a placeholder, not its publication */
	if (date_parse(s, &t) == -1 || t < 0)
		return -1;
	time_rfc3339(t, out);
	return 0;
}

const char *
ext_guess_lang(const char *s, size_t n)
{
	size_t i = 0, kana = 0, han = 0, hangul = 0, cyr = 0, latin = 0;
	size_t en = 0, words = 0;
	uint32_t cp;
	int k;

	if (n > 65536)
		n = 65536;
	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) < 0) {
			i++;
			continue;
		}
		if (cp >= 0x3040 && cp <= 0x30FF)
			kana++;
		else if (cp >= 0x4E00 && cp <= 0x9FFF)
			han++;
		else if (cp >= 0xAC00 && cp <= 0xD7AF)
			hangul++;
		else if (cp >= 0x0400 && cp <= 0x04FF)
			cyr++;
		else if (cp < 0x250 && ASCII_ISALPHA(cp))
			latin++;
		if (cp < 0x80 && ASCII_ISALPHA(cp) &&
		    (i == 0 || !ASCII_ISALPHA((unsigned char)s[i - 1]))) {
			static const char *const sw[] = {
				"the ", "and ", "of ", "to ", "in ", "is ",
				"that ", "for ", "with "
			};
			size_t j;

			words++;
			for (j = 0; j < NELEM(sw); j++)
				if (ascii_ncasecmp(s + i, sw[j],
				    strlen(sw[j])) == 0 && i + strlen(sw[j])
				    <= n) {
					en++;
					break;
				}
		}
		i += (size_t)k;
	}
	if (kana > 0 && (kana + han) * 4 >= kana + han + latin + cyr + hangul &&
	    kana * 20 >= han)
		return "ja";
	if (hangul * 4 >= hangul + latin + han + cyr && hangul > 0)
		return "ko";
	if (han * 4 >= han + latin + cyr && han > 0)
		return "zh";
	if (cyr * 2 >= cyr + latin && cyr > 0)
		return "ru";
	if (words >= 10 && en * 12 >= words)
		return "en";
	return NULL;
}
