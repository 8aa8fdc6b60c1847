/* conf.c: the feed list.
 *
 * Config format: one feed per line, "name URL [key=value ...]"; keys
 * section=, lang=, encoding=; '#' starts a comment (at the start of a
 * line or after white space).  OPML: every <outline> with an xmlUrl
 * attribute is a feed; its title (or text) is the name; section= from a
 * "section" or "category" attribute, or from the text of an enclosing
 * outline, when that names a report section. */
#include <err.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "conf.h"
#include "section.h"
#include "url.h"
#include "util.h"

int
conf_section_ok(const char *s)
{
	return section_find(s) != -1;
}

void
conf_add(struct feedlist *l, const char *name, const char *url,
    const char *section, const char *lang, const char *enc)
{
	struct feedconf *f;
	int k;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	f = &l->v[l->n++];
	/* the name goes into records: an OPML name may be the URL */
	f->name = url_redacted(name);
	f->url = xstrdup(url);
	/* a section is written as records name it: "JP-Incidents" is
	 * jp_incidents */
	if (section != NULL && (k = section_find(section)) != -1)
		section = report_sections[k].key;
	f->section = xstrdup(section ? section : "news");
	f->lang = lang ? xstrdup(lang) : NULL;
	f->encoding = enc ? xstrdup(enc) : NULL;
}

void
conf_free(struct feedlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].url);
		free(l->v[i].section);
		free(l->v[i].lang);
		free(l->v[i].encoding);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int
parse_line(struct feedlist *l, const char *path, size_t lineno, char *s)
{
	char *tok[32], *p, *k, *v;
	const char *section = NULL, *lang = NULL, *enc = NULL;
	int nt = 0, i;

	for (p = s; *p != '\0';) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#')
			break;
		if (nt == (int)NELEM(tok)) {
			warnx("%s:%zu: too many fields", path, lineno);
			return 1;
		}
		tok[nt++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	if (nt == 0)
		return 0;
	if (nt < 2) {
		warnx("%s:%zu: expected \"name URL [key=value ...]\"", path,
		    lineno);
		return 1;
	}
	if (!url_has_scheme(tok[1])) {
		warnx("%s:%zu: %s: not a URL", path, lineno, tok[1]);
		return 1;
	}
	for (i = 2; i < nt; i++) {
		k = tok[i];
		if ((v = strchr(k, '=')) == NULL || v[1] == '\0') {
			warnx("%s:%zu: %s: expected key=value", path, lineno,
			    k);
			return 1;
		}
		*v++ = '\0';
		if (strcmp(k, "section") == 0) {
			if (!conf_section_ok(v)) {
				warnx("%s:%zu: %s: unknown section", path,
				    lineno, v);
				return 1;
			}
			section = v;
		} else if (strcmp(k, "lang") == 0)
			lang = v;
		else if (strcmp(k, "encoding") == 0)
			enc = v;
		else {
			warnx("%s:%zu: %s: unknown key", path, lineno, k);
			return 1;
		}
	}
	conf_add(l, tok[0], tok[1], section, lang, enc);
	return 0;
}

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static void
opml_walk(struct feedlist *l, xmlNodePtr n, const char *insection)
{
	char *url, *name, *sec, *lang, *text;
	const char *use;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "outline") != 0) {
			opml_walk(l, n->children, insection);
			continue;
		}
		url = prop(n, "xmlUrl");
		text = prop(n, "text");
		if (url != NULL) {
			name = prop(n, "title");
			if (name == NULL && text != NULL)
				name = xstrdup(text);
			use = insection;
			if ((sec = prop(n, "section")) == NULL)
				sec = prop(n, "category");
			if (sec != NULL && conf_section_ok(sec))
				use = sec;
			lang = prop(n, "language");
			conf_add(l, name ? name : url, url, use, lang, NULL);
			free(name);
			free(sec);
			free(lang);
		} else {
			use = text != NULL && conf_section_ok(text) ? text :
			    insection;
			opml_walk(l, n->children, use);
		}
		free(url);
		free(text);
	}
}

static int
parse_opml(struct feedlist *l, const char *path, const char *text, size_t n)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	size_t before = l->n;

	doc = xmlReadMemory(text, (int)n, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		const xmlError *e = xmlGetLastError();

		warnx("%s:%d: not well-formed OPML", path, e ? e->line : 0);
		return 1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "opml") != 0) {
		warnx("%s: not an OPML document", path);
		xmlFreeDoc(doc);
		return 1;
	}
	opml_walk(l, root->children, "news");
	xmlFreeDoc(doc);
	if (l->n == before)
		warnx("%s: warning: no outline with an xmlUrl", path);
	return 0;
}

int
conf_parse(struct feedlist *l, const char *path, const char *text, size_t n)
{
	const char *s = text, *e, *end = text + n;
	size_t lineno = 0;
	char *line;
	int bad = 0;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < end && ASCII_ISSPACE(*s))
		s++;
	if (s < end && *s == '<')
		return parse_opml(l, path, text, n);
	for (s = text; s < end; s = e + 1) {
		lineno++;
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		line = xstrndup(s, (size_t)(e - s));
		if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
			memmove(line, line + 3, strlen(line + 3) + 1);
		bad += parse_line(l, path, lineno, line);
		free(line);
	}
	return bad;
}
