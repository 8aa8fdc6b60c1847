/* extract.c: find the article in a parsed page and write it as text.
 *
 * The page is parsed once with libxml2's HTML parser.  Then:
 *  1. a walk counts the visible text under every element;
 *  2. a walk marks boilerplate (tags, roles, hidden elements, class and id
 *     words), counts the clean text, link text and punctuation under every
 *     element, scores every paragraph-like block (characters, not words,
 *     so languages without spaces work) and gives the score to its
 *     ancestors, less to the farther ones;
 *  3. the best-scored container (link-dense ones lose) is chosen, moved up
 *     to an ancestor that holds several strong candidates, and joined by
 *     the siblings that look like more of the article;
 *  4. a walk writes the chosen subtrees as text, leaving out boilerplate
 *     and link lists, and collects their links.
 * Every walk is iterative (parent pointers), so a deep tree costs no
 * stack, and each is linear in the size of the tree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "buf.h"
#include "extint.h"
#include "extract.h"
#include "hash.h"
#include "htmltext.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

/* per-element flags */
#define F_JUNK	0x01	/* boilerplate: never part of the text */
#define F_BLOCK	0x02	/* a block-level element */
#define F_POS	0x04	/* class/id says content */
#define F_NEG	0x08	/* class/id says boilerplate */
#define F_TOUCH	0x10	/* scored as a candidate */
#define F_KEEP	0x20	/* chosen as (part of) the article */

struct nstat {
	uint32_t tbytes;	/* visible text bytes, boilerplate included */
	uint32_t chars;		/* clean text: characters that are not space */
	uint32_t lchars;	/* of which inside links */
	uint32_t punct;		/* commas and sentence ends */
	uint32_t dchars, dlchars, dpunct;	/* direct text of a block */
	uint32_t nparas;	/* paragraphs scored below */
	uint32_t nlinks;	/* <a> elements below, itself included */
	float	 score;
	xmlNode	*node;
	int16_t	 weight;	/* class/id hint */
	uint8_t	 flags;
	xmlNode	*prevblk;	/* the enclosing block, restored on leaving */
};

struct ctx {
	struct nstat *st;
	size_t	 nst, capst;
	struct meta meta;
	const struct ext_opts *opts;
	struct ext_result *res;
	uint32_t total;		/* tbytes of the root */
	char	*base;		/* base URL for links (new) */
	struct strset lseen;	/* the links' URLs */
	size_t	 linkcap;	/* room in res->links */
	struct buf hidsel;	/* " .cls #id " hidden by the page's CSS */
	size_t	 nhidsel;
	char	 pagehost[256];	/* the page's host, for its sources */
};

#define ST(n) ((n)->_private != NULL ? \
	&c->st[(uintptr_t)(n)->_private - 1] : NULL)

static int
tag_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

static const char *const junk_tags[] = {
	"script", "style", "noscript", "template", "svg", "math", "canvas",
	"iframe", "object", "embed", "applet", "button", "input", "select",
	"textarea", "option", "nav", "aside", "footer", "figcaption",
	"dialog", "menu", "head", "title", "meta", "link", "img", "video",
	"audio", "picture", "source", "map", "label", "frameset", "frame",
	NULL
};

static const char *const block_tags[] = {
	"p", "div", "section", "article", "main", "blockquote", "pre", "li",
	"ul", "ol", "dl", "dd", "dt", "table", "tr", "td", "th", "tbody",
	"thead", "tfoot", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
	"header", "figure", "form", "fieldset", "address", "center",
	"details", "summary", "body", "html", "hr", "hgroup", "dir",
	"noframes", NULL
};

/* Words of class and id values (split at punctuation and camelCase, lower
 * case).  Strong ones remove the element, weak ones only lower its score,
 * positive ones raise it.  Most match the start of a word; a few long ones
 * that pages glue to others match anywhere. */
static const char *const neg_glued[] = {
	"comment", "sidebar", "related", "breadcrumb", "newsletter",
	"advert", "disqus", "outbrain", "taboola", "cookie", NULL
};
static const char *const neg_strong[] = {
	"subscri", "share", "sharing", "consent", "gdpr", "popup",
	"modal", "sponsor", "promo", "footer", "masthead", "recommend",
	"trending", "popular", "widget", "pagination", "pager", "signup",
	"navbar", "navigation", "menu", "skip", "byline", "author",
	"dateline", "timestamp", "caption", "credit", "tagcloud", "toolbar",
	"banner", "morestories", "readmore", "paywall", "login", "print",
	"rating", "follow", "jump", "teaser", "reply", "replies", NULL
};
static const char *const neg_token[] = {	/* whole words only */
	"ad", "ads", "adv", "nav", "tag", "tags", "meta", "hidden", "hide",
	"rss", "foot", "extra", "aside", "date", "time", "header", "contact",
	"links", "tools", "partner", "overlay", "survey", "more", NULL
};
static const char *const social_words[] = { "social", NULL };
static const char *const embed_words[] = {
	"embed", "tweet", "instagram", NULL
};
static const char *const pos_words[] = {
	"article", "body", "content", "entry", "hentry", "main", "post",
	"story", "text", "blog", "prose", "richtext", NULL
};

/* The words of class and id, lower case, each followed by a space. */
static void
classid(xmlNode *n, struct buf *b)
{
	xmlAttr *a;
	xmlNode *t;
	const unsigned char *v;
	int prevlow;

	buf_reset(b);
	buf_putc(b, ' ');
	for (a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, "class") != 0 &&
		    strcmp((const char *)a->name, "id") != 0)
			continue;
		for (t = a->children; t != NULL; t = t->next) {
			if (t->type != XML_TEXT_NODE || t->content == NULL)
				continue;
			prevlow = 0;
			for (v = t->content; *v; v++) {
				if (!ASCII_ISALNUM(*v)) {
					if (b->s[b->len - 1] != ' ')
						buf_putc(b, ' ');
					prevlow = 0;
					continue;
				}
				if (prevlow && (unsigned)*v - 'A' < 26)
					buf_putc(b, ' ');
				prevlow = (unsigned)*v - 'a' < 26 ||
				    ASCII_ISDIGIT(*v);
				buf_putc(b, ascii_lower(*v));
			}
			if (b->s[b->len - 1] != ' ')
				buf_putc(b, ' ');
		}
	}
}

/* Some word of s starts with one of words (anywhere in a word when
 * glued). */
static int
has_word(const char *s, const char *const *words, int glued)
{
	const char *p;
	size_t l;

	for (; *words != NULL; words++) {
		l = strlen(*words);
		for (p = strstr(s, *words); p != NULL;
		    p = strstr(p + 1, *words))
			if (glued || p[-1] == ' ')
				return 1;
		(void)l;
	}
	return 0;
}

/* Some word of s is one of words. */
static int
has_token(const char *s, const char *const *words)
{
	const char *p;
	size_t l;

	for (; *words != NULL; words++) {
		l = strlen(*words);
		for (p = strstr(s, *words); p != NULL;
		    p = strstr(p + 1, *words))
			if (p[-1] == ' ' && p[l] == ' ')
				return 1;
	}
	return 0;
}

static int
attr_is(xmlNode *n, const char *name, const char *val)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int r = v != NULL && (val == NULL ||
	    ascii_casecmp((const char *)v, val) == 0);

	xmlFree(v);
	return r;
}

/* Nonzero when the compacted style s sets prop to a zero ("font-size:0",
 * "opacity:0px"; not "opacity:0.5"). */
static int
style_zero(const char *s, const char *prop)
{
	size_t n = strlen(prop);

	while ((s = strstr(s, prop)) != NULL) {
		s += n;
		while (*s == '0')
			s++;
		if (s[-1] == '0' && *s != '.' && !(*s >= '1' && *s <= '9'))
			return 1;
	}
	return 0;
}

/* Does a declaration block (compacted: no white space, lower case) hide
 * its element? */
static int
decl_hides(const char *buf)
{
	return strstr(buf, "display:none") != NULL ||
	    strstr(buf, "visibility:hidden") != NULL ||
	    style_zero(buf, "font-size:") || style_zero(buf, "opacity:");
}

/* s[0..n) without white space, in lower case (new). */
static char *
compact(const char *s, size_t n)
{
	char *buf = xmalloc(n + 1);
	size_t i, k;

	for (i = k = 0; i < n && s[i] != '\0'; i++)
		if (!ASCII_ISSPACE(s[i]))
			buf[k++] = (char)ascii_lower((unsigned char)s[i]);
	buf[k] = '\0';
	return buf;
}

#define MAX_HIDSEL	256

/* Note the simple selectors (".cls", "#id", "tag.cls", "tag#id") of the
 * rules in one <style> text whose declarations hide: a page can hide
 * text from readers with a class as well as with an inline style.  Rules
 * inside @media and other at-rules are left alone (they hide only on
 * some screens), and so are selectors with combinators or pseudo-classes. */
static void
style_rules(struct ctx *c, const char *css)
{
	const char *p = css, *sel, *sel_end, *body, *q, *e, *rend;
	char *decl;
	int depth;

	while (*p != '\0' && c->nhidsel < MAX_HIDSEL) {
		while (ASCII_ISSPACE(*p) || *p == '}' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		if (p[0] == '/' && p[1] == '*') {
			q = strstr(p + 2, "*/");
			p = q != NULL ? q + 2 : p + strlen(p);
			continue;
		}
		sel = p;
		if ((body = strchr(p, '{')) == NULL)
			break;
		if (*sel == '@') {	/* skip the at-rule's whole block */
			for (depth = 0, q = body; *q != '\0'; q++)
				if (*q == '{')
					depth++;
				else if (*q == '}' && --depth == 0)
					break;
			p = *q != '\0' ? q + 1 : q;
			continue;
		}
		sel_end = body++;
		if ((rend = strchr(body, '}')) == NULL)
			rend = body + strlen(body);
		decl = compact(body, (size_t)(rend - body));
		if (decl_hides(decl)) {
			for (; sel < sel_end; sel = e + 1) {
				while (sel < sel_end && ASCII_ISSPACE(*sel))
					sel++;
				for (e = sel; e < sel_end && *e != ','; e++)
					;
				/* the part from the first . or # */
				for (q = sel; q < e && ASCII_ISALNUM(*q); q++)
					;
				if (q < e && (*q == '.' || *q == '#')) {
					const char *r = q + 1;

					while (r < e && (ASCII_ISALNUM(*r) ||
					    *r == '-' || *r == '_'))
						r++;
					while (r < e && ASCII_ISSPACE(*r))
						r++;
					if (r == e && r - q > 1 &&
					    c->nhidsel < MAX_HIDSEL) {
						buf_putc(&c->hidsel, ' ');
						while (q < e &&
						    !ASCII_ISSPACE(*q))
							buf_putc(&c->hidsel,
							    *q++);
						c->nhidsel++;
					}
				}
			}
		}
		free(decl);
		p = *rend != '\0' ? rend + 1 : rend;
	}
}

/* Gather the hiding selectors of every <style> element of the page (from
 * the HTML text: the parse sees the style bodies emptied). */
static void
collect_hidden(struct ctx *c, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *q, *g;
	char *css;

	buf_puts(&c->hidsel, " ");
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) < 7 ||
		    ascii_ncasecmp(p, "<style", 6) != 0 ||
		    (p[6] != '>' && !ASCII_ISSPACE(p[6]))) {
			p++;
			continue;
		}
		if ((q = memchr(p, '>', (size_t)(end - p))) == NULL)
			break;
		q++;
		for (g = q; g < end; g++)
			if (*g == '<' && (size_t)(end - g) >= 8 &&
			    ascii_ncasecmp(g, "</style", 7) == 0)
				break;
		css = xstrndup(q, (size_t)(g - q));
		style_rules(c, css);
		free(css);
		p = g;
	}
	buf_putc(&c->hidsel, ' ');
}

/* Is one of the element's classes or its id hidden by the page's CSS? */
static int
css_hidden(const struct ctx *c, xmlNode *n)
{
	static const char *const attrs[] = { "class", "id" };
	char tok[130];
	xmlChar *v;
	const char *p, *e;
	size_t i, k;
	int r = 0;

	if (c->nhidsel == 0)
		return 0;
	for (i = 0; i < 2 && !r; i++) {
		if ((v = xmlGetProp(n, (const xmlChar *)attrs[i])) == NULL)
			continue;
		for (p = (const char *)v; *p != '\0' && !r; p = e) {
			while (ASCII_ISSPACE(*p))
				p++;
			for (e = p; *e != '\0' && !ASCII_ISSPACE(*e); e++)
				;
			if (e == p || (size_t)(e - p) > sizeof(tok) - 4)
				continue;
			/* " .cls " or " #id ", and with any tag before it */
			tok[0] = i == 0 ? '.' : '#';
			for (k = 0; p + k < e; k++)
				tok[k + 1] = (char)ascii_lower(
				    (unsigned char)p[k]);
			tok[k + 1] = ' ';
			tok[k + 2] = '\0';
			{
				const char *h = buf_str(&c->hidsel);

				while ((h = strstr(h, tok)) != NULL) {
					if (h[-1] == ' ' ||
					    ASCII_ISALNUM(h[-1])) {
						const char *b = h;

						while (ASCII_ISALNUM(b[-1]))
							b--;
						if (b[-1] == ' ') {
							r = 1;
							break;
						}
					}
					h++;
				}
			}
		}
		xmlFree(v);
	}
	return r;
}

/* Hidden by attribute, inline style (the whole style: a long one must
 * not push display:none out of sight) or the page's own CSS. */
static int
is_hidden(const struct ctx *c, xmlNode *n)
{
	xmlChar *v;
	char *buf;
	int r = 0;

	if (n->properties == NULL)
		return 0;
	if (attr_is(n, "hidden", NULL) || attr_is(n, "aria-hidden", "true"))
		return 1;
	if (css_hidden(c, n))
		return 1;
	if ((v = xmlGetProp(n, (const xmlChar *)"style")) == NULL)
		return 0;
	buf = compact((const char *)v, strlen((const char *)v));
	r = decl_hides(buf);
	free(buf);
	xmlFree(v);
	return r;
}

static int
bad_role(xmlNode *n)
{
	static const char *const roles[] = {
		"navigation", "complementary", "banner", "contentinfo",
		"dialog", "alertdialog", "menu", "menubar", "search", NULL
	};
	xmlChar *v;
	int r;

	if (n->properties == NULL ||
	    (v = xmlGetProp(n, (const xmlChar *)"role")) == NULL)
		return 0;
	r = tag_in((const char *)v, roles);
	xmlFree(v);
	return r;
}

/* Characters that are not white space in s[0..n), and punctuation. */
static void
count_text(const char *s, size_t n, uint32_t *chars, uint32_t *punct)
{
	size_t i = 0, k;
	unsigned char ch;

	*chars = *punct = 0;
	while (i < n) {
		if ((k = text_ws_len(s, n, i, COLLAPSE_WIDE)) > 0) {
			i += k;
			continue;
		}
		ch = (unsigned char)s[i];
		if (ch == ',' || ch == '.' || ch == ';' || ch == '?' ||
		    ch == '!')
			(*punct)++;
		else if (ch == 0xE3 && i + 2 < n &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x81 ||
		    (unsigned char)s[i + 2] == 0x82))
			(*punct)++;	/* 、 。 */
		(*chars)++;
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
}

static struct nstat *
stat_new(struct ctx *c, xmlNode *n)
{
	if (c->nst == c->capst) {
		c->capst = c->capst ? c->capst * 2 : 1024;
		c->st = xreallocarray(c->st, c->capst, sizeof(*c->st));
	}
	memset(&c->st[c->nst], 0, sizeof(c->st[0]));
	c->st[c->nst].node = n;
	n->_private = (void *)(uintptr_t)(++c->nst);
	return &c->st[c->nst - 1];
}

static int
is_textnode(xmlNode *n)
{
	return (n->type == XML_TEXT_NODE ||
	    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL;
}

/* The next node in document order after n (descending into its children
 * when desc), never leaving top; NULL at the end.  *up counts the
 * elements left on the way, calling leave() for each. */
#define WALK_NEXT(n, top, desc, leave) do {				\
	if ((desc) && (n)->children != NULL &&				\
	    (n)->type == XML_ELEMENT_NODE) {				\
		(n) = (n)->children;					\
		break;							\
	}								\
	if ((n) == (top)) {						\
		if ((n)->type == XML_ELEMENT_NODE && (desc))		\
			leave(c, (n));					\
		(n) = NULL;						\
		break;							\
	}								\
	if ((n)->type == XML_ELEMENT_NODE && (desc))			\
		leave(c, (n));						\
	while ((n)->next == NULL) {					\
		(n) = (n)->parent;					\
		if ((n) == NULL)					\
			break;						\
		leave(c, (n));						\
		if ((n) == (top)) {					\
			(n) = NULL;					\
			break;						\
		}							\
	}								\
	if ((n) != NULL)						\
		(n) = (n)->next;					\
} while (0)

/* Walk 1: visible text bytes under every element. */
static void
leave1(struct ctx *c, xmlNode *n)
{
	struct nstat *s = ST(n), *p;

	if (s != NULL && n->parent != NULL && (p = ST(n->parent)) != NULL &&
	    p->tbytes <= UINT32_MAX - s->tbytes)
		p->tbytes += s->tbytes;
}

static void
walk1(struct ctx *c, xmlNode *root)
{
	xmlNode *n = root;
	struct nstat *s;
	uint32_t ch, pu;
	int desc;

	while (n != NULL) {
		desc = 0;
		if (n->type == XML_ELEMENT_NODE) {
			s = stat_new(c, n);
			desc = !tag_in((const char *)n->name, junk_tags) ||
			    strcmp((const char *)n->name, "head") == 0;
			if (!desc)
				s->flags |= F_JUNK;
		} else if (is_textnode(n) && n->parent != NULL &&
		    (s = ST(n->parent)) != NULL) {
			count_text((const char *)n->content,
			    strlen((const char *)n->content), &ch, &pu);
			if (s->tbytes <= UINT32_MAX - ch)
				s->tbytes += ch;
		}
		WALK_NEXT(n, root, desc, leave1);
	}
}

/* Score of a paragraph: 1, its punctuation, up to 3 for its length. */
static float
para_score(uint32_t chars, uint32_t lchars, uint32_t punct)
{
	float len = chars / 100.0f, sc;

	if (len > 3)
		len = 3;
	sc = 1 + (punct > 30 ? 30 : punct) + len;
	if (chars > 0)
		sc *= 1.0f - (float)lchars / chars;
	return sc;
}

static void
add_up(struct ctx *c, xmlNode *from, uint32_t chars, uint32_t lchars,
    uint32_t punct)
{
	xmlNode *a;
	struct nstat *s;
	float sc = para_score(chars, lchars, punct);
	int lvl;

	for (a = from, lvl = 0; a != NULL && a->type == XML_ELEMENT_NODE &&
	    lvl < 5; a = a->parent, lvl++) {
		if ((s = ST(a)) == NULL)
			break;
		s->flags |= F_TOUCH;
		s->nparas++;
		s->score += sc / (lvl == 0 ? 1 : lvl == 1 ? 2 : lvl * 3);
	}
}

static uint32_t
min_para(void)
{
	return 25;
}

/* Walk 2, leaving an element: pass counts up, score paragraphs. */
static void
leave2(struct ctx *c, xmlNode *n)
{
	struct nstat *s = ST(n), *p;

	if (s == NULL || (s->flags & F_JUNK))
		return;
	/* an inline run of many links (a hover card, a tag list inside a
	 * paragraph) is a widget: it must not make its paragraph look like
	 * a link list */
	if (!(s->flags & F_BLOCK) && s->chars >= 80 && s->nlinks >= 3 &&
	    s->lchars * 2 > s->chars) {
		s->flags |= F_JUNK;
		return;
	}
	if (n->parent != NULL && (p = ST(n->parent)) != NULL) {
		p->chars += s->chars;
		p->lchars += s->lchars;
		p->punct += s->punct;
		p->nlinks += s->nlinks;
	}
	if (s->flags & F_BLOCK) {
		if (s->dchars >= min_para() && s->dlchars * 2 < s->dchars)
			add_up(c, strcmp((const char *)n->name, "li") == 0 ||
			    strcmp((const char *)n->name, "td") == 0 ?
			    n : n->parent, s->dchars, s->dlchars, s->dpunct);
	}
}

/* Print n's path and stats on stderr (SEC_EXTRACT_DEBUG). */
static void
debug_node(xmlNode *n, struct nstat *s)
{
	xmlNode *a;
	xmlChar *cl;

	fprintf(stderr, "score %.1f chars %u links %u paras %u:", s->score,
	    s->chars, s->lchars, s->nparas);
	for (a = n; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent) {
		cl = xmlGetProp(a, (const xmlChar *)"class");
		fprintf(stderr, " <%s.%s", a->name, cl ? (char *)cl : "");
		xmlFree(cl);
	}
	fputc('\n', stderr);
}

static const char *const byline_words[] = { "byline", "author", NULL };

/* A byline element's text, when it is short enough to be a name. */
static void
take_byline(struct ctx *c, xmlNode *n)
{
	char *t = node_text(n, 256), *p;

	if (t == NULL)
		return;
	p = t;
	if (ascii_ncasecmp(p, "by ", 3) == 0)
		p += 3;
	if (strlen(p) >= 2 && strlen(p) <= 80) {
		c->meta.byline_el = xstrdup(p);
		/* "Jane Doe · May 10, 2024": keep the name */
		if ((p = strstr(c->meta.byline_el, " \xC2\xB7 ")) != NULL ||
		    (p = strstr(c->meta.byline_el, " | ")) != NULL)
			*p = '\0';
	}
	free(t);
}

/* Walk 2: mark boilerplate, count clean text, score. */
static void
walk2(struct ctx *c, xmlNode *root)
{
	struct buf cls = BUF_INIT;
	xmlNode *n = root, *blk = NULL, *a;
	struct nstat *s, *b;
	const char *name;
	uint32_t ch, pu;
	int desc, inlink = 0;

	while (n != NULL) {
		desc = 0;
		if (n->type == XML_ELEMENT_NODE && (s = ST(n)) != NULL) {
			name = (const char *)n->name;
			meta_element(&c->meta, n);
			desc = !(s->flags & F_JUNK);
			if (desc && strcmp(name, "head") == 0) {
				/* only metadata in here */
				for (a = n->children; a != NULL; a = a->next)
					if (a->type == XML_ELEMENT_NODE)
						meta_element(&c->meta, a);
				s->flags |= F_JUNK;
				desc = 0;
			}
			if (desc && (is_hidden(c, n) || bad_role(n))) {
				s->flags |= F_JUNK;
				desc = 0;
			}
			if (desc && n->properties != NULL) {
				int pos, neg, strong, social;

				classid(n, &cls);
				pos = has_word(cls.s, pos_words, 0);
				/* social media embeds (quoted tweets) are
				 * content, social buttons are not */
				social = has_word(cls.s, social_words, 0) &&
				    !has_word(cls.s, embed_words, 0);
				strong = has_word(cls.s, neg_strong, 0) ||
				    has_word(cls.s, neg_glued, 1) || social;
				neg = strong || has_token(cls.s, neg_token);
				if (pos)
					s->weight += 25, s->flags |= F_POS;
				if (neg)
					s->weight -= 25, s->flags |= F_NEG;
				if (s->tbytes < 200 && strcmp(name, "a") != 0 &&
				    has_word(cls.s, byline_words, 0)) {
					/* a byline, whatever else its class
					 * says */
					if (c->meta.byline_el == NULL)
						take_byline(c, n);
					s->flags |= F_JUNK;
					desc = 0;
				} else if (strong && strcmp(name, "body") != 0 &&
				    strcmp(name, "html") != 0 &&
				    strcmp(name, "article") != 0 &&
				    strcmp(name, "main") != 0 &&
				    ((uint64_t)s->tbytes * (pos ? 7 : 2) <
				    c->total)) {
					if (getenv("SEC_EXTRACT_DEBUG"))
						debug_node(n, s);
					s->flags |= F_JUNK;
					desc = 0;
				}
			}
			if (desc && name[0] == 'a' && name[1] == '\0') {
				inlink++;
				s->nlinks = 1;
			}
			if (desc && tag_in(name, block_tags)) {
				s->flags |= F_BLOCK;
				s->prevblk = blk;
				blk = n;
			}
		} else if (is_textnode(n) && n->parent != NULL &&
		    (s = ST(n->parent)) != NULL) {
			count_text((const char *)n->content,
			    strlen((const char *)n->content), &ch, &pu);
			s->chars += ch;
			s->punct += pu;
			if (inlink)
				s->lchars += ch;
			if (blk != NULL && (b = ST(blk)) != NULL) {
				b->dchars += ch;
				b->dpunct += pu;
				if (inlink)
					b->dlchars += ch;
			}
		}
		/* leaving blocks restores the enclosing one */
#define LEAVE2(c, x) do {						\
	struct nstat *s_ = ST(x);					\
	leave2((c), (x));						\
	if (s_ != NULL && (s_->flags & F_BLOCK) && (x) == blk)		\
		blk = s_->prevblk;					\
	if ((x)->name[0] == 'a' && (x)->name[1] == '\0' && inlink > 0) \
		inlink--;						\
} while (0)
		WALK_NEXT(n, root, desc, LEAVE2);
#undef LEAVE2
	}
	buf_free(&cls);
}

/* The score a container starts with, by tag. */
static float
tag_base(const char *name)
{
	static const char *const plus5[] = { "div", "article", "main", NULL };
	static const char *const plus3[] = {
		"pre", "td", "blockquote", "section", NULL
	};
	static const char *const minus3[] = {
		"address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL
	};
	static const char *const minus5[] = {
		"h1", "h2", "h3", "h4", "h5", "h6", "th", NULL
	};

	if (tag_in(name, plus5))
		return 5;
	if (tag_in(name, plus3))
		return 3;
	if (tag_in(name, minus3))
		return -3;
	if (tag_in(name, minus5))
		return -5;
	return 0;
}

static float
link_density(const struct nstat *s)
{
	return s->chars > 0 ? (float)s->lchars / s->chars : 0;
}

static int
is_ancestor(xmlNode *a, xmlNode *n)
{
	for (; n != NULL; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

static int
same_class(xmlNode *a, xmlNode *b)
{
	xmlChar *x = xmlGetProp(a, (const xmlChar *)"class");
	xmlChar *y = xmlGetProp(b, (const xmlChar *)"class");
	int r = x != NULL && y != NULL && *x != '\0' &&
	    strcmp((char *)x, (char *)y) == 0;

	xmlFree(x);
	xmlFree(y);
	return r;
}

/* Nonzero when the text ends like a sentence. */
static int
ends_sentence(xmlNode *n)
{
	char *t = node_text(n, 4096);
	size_t l;
	int r = 0;

	if (t == NULL)
		return 0;
	l = strlen(t);
	if (l > 0 && strchr(".!?\"", t[l - 1]) != NULL)
		r = 1;
	if (l >= 3 && strcmp(t + l - 3, "\xE3\x80\x82") == 0)
		r = 1;
	if (strstr(t, ". ") != NULL)
		r = 1;
	free(t);
	return r;
}

/* Pick the article: returns the container; marks it and the siblings
 * that join it F_KEEP. */
static xmlNode *
choose(struct ctx *c, xmlNode *body)
{
	struct nstat *s, *top[5] = { NULL };
	xmlNode *best, *first, *p, *sib;
	float bestsc, thr, last, ld;
	size_t i, j, k, nalt;
	int cnt;

	for (i = 0; i < c->nst; i++) {
		s = &c->st[i];
		if (!(s->flags & F_TOUCH) || (s->flags & F_JUNK))
			continue;
		s->score = (s->score + tag_base((const char *)s->node->name) +
		    s->weight) * (1 - link_density(s));
		for (j = 0; j < 5; j++)
			if (top[j] == NULL || s->score > top[j]->score) {
				for (k = 4; k > j; k--)
					top[k] = top[k - 1];
				top[j] = s;
				break;
			}
	}
	if (getenv("SEC_EXTRACT_DEBUG") != NULL)
		for (j = 0; j < 5 && top[j] != NULL; j++)
			debug_node(top[j]->node, top[j]);
	if (top[0] == NULL)
		return body;
	first = best = top[0]->node;
	bestsc = top[0]->score;
	/* an ancestor holding three strong candidates is the article */
	for (nalt = 0, i = 1; i < 5; i++)
		if (top[i] != NULL && top[i]->score >= bestsc * 0.75f)
			nalt++;
	if (nalt >= 2) {
		for (p = best->parent; p != NULL && p != body->parent &&
		    p->type == XML_ELEMENT_NODE && ST(p) != NULL;
		    p = p->parent) {
			for (cnt = 0, i = 1; i < 5; i++)
				if (top[i] != NULL &&
				    top[i]->score >= bestsc * 0.75f &&
				    is_ancestor(p, top[i]->node))
					cnt++;
			if (cnt >= 2) {
				best = p;
				break;
			}
		}
	}
	/* climb while the parent scores better, as long as it is close */
	if ((s = ST(best)) == NULL)
		return body;
	last = s->flags & F_TOUCH ? s->score : 0;
	thr = last / 3;
	for (p = best->parent; p != NULL && p != body &&
	    p->type == XML_ELEMENT_NODE; p = p->parent) {
		s = ST(p);
		if (s == NULL || !(s->flags & F_TOUCH))
			continue;
		if (s->score < thr)
			break;
		if (s->score > last) {
			best = p;
			break;
		}
		last = s->score;
	}
	/* an only child stands for its parent */
	for (p = best->parent; p != NULL && p != body &&
	    p->type == XML_ELEMENT_NODE && ST(p) != NULL; p = p->parent) {
		for (cnt = 0, sib = p->children; sib != NULL; sib = sib->next)
			if (sib->type == XML_ELEMENT_NODE ||
			    (is_textnode(sib) && ST(p) != NULL &&
			    xmlIsBlankNode(sib) == 0))
				cnt++;
		if (cnt != 1)
			break;
		best = p;
	}
	if ((s = ST(best)) == NULL)
		return body;
	s->flags |= F_KEEP;
	if (best == body || best->parent == NULL)
		return best;
	/* siblings that look like more of the article */
	bestsc = s->flags & F_TOUCH ? s->score : 0;
	thr = bestsc * 0.2f;
	if (thr < 10)
		thr = 10;
	for (sib = best->parent->children; sib != NULL; sib = sib->next) {
		struct nstat *t;
		float bonus = 0;

		if (sib == best || sib->type != XML_ELEMENT_NODE ||
		    (t = ST(sib)) == NULL || (t->flags & F_JUNK))
			continue;
		if (same_class(sib, best))
			bonus = bestsc * 0.2f;
		if ((t->flags & F_TOUCH) && t->score + bonus >= thr) {
			t->flags |= F_KEEP;
			continue;
		}
		if (strcmp((const char *)sib->name, "p") != 0 &&
		    strcmp((const char *)sib->name, "blockquote") != 0)
			continue;
		ld = link_density(t);
		if ((t->chars > 80 && ld < 0.25f) ||
		    (t->chars > 0 && ld == 0 && ends_sentence(sib)))
			t->flags |= F_KEEP;
	}
	/* an article cut in parts by figures or ads: elsewhere, blocks of
	 * the same tag and class that score well are more of it */
	for (i = 0; i < c->nst; i++) {
		struct nstat *t = &c->st[i];

		if (!(t->flags & F_TOUCH) || (t->flags & (F_JUNK | F_KEEP)) ||
		    t->score < thr || link_density(t) > 0.3f ||
		    is_ancestor(best, t->node) || is_ancestor(t->node, best))
			continue;
		if (!(strcmp((const char *)t->node->name,
		    (const char *)best->name) == 0 &&
		    same_class(t->node, best)) &&
		    !(strcmp((const char *)t->node->name,
		    (const char *)first->name) == 0 &&
		    same_class(t->node, first)))
			continue;
		t->flags |= F_KEEP;
	}
	return best;
}

/* The text writer. */
struct tw {
	struct buf *out;
	int	 pend;		/* 0, 1 space, 2 newline, 3 blank line, 4 tab */
	int	 pre;		/* inside <pre> */
	int	 prestart;	/* no text yet in this <pre> */
	int	 cells;	/* cells begun in the current table row */
	size_t	 linkstart;	/* SIZE_MAX: no open link or no text yet */
	int	 inlink;
};

#define P_SPACE	1
#define P_LINE	2
#define P_PARA	3
#define P_TAB	4

static void
tw_sep(struct tw *w, int p)
{
	if (p == P_TAB) {
		if (w->pend < P_LINE)
			w->pend = P_TAB;
	} else if (w->pend == P_TAB) {
		if (p >= P_LINE)
			w->pend = p;
	} else if (p > w->pend)
		w->pend = p;
}

static void
tw_flush(struct tw *w)
{
	if (w->out->len > 0)
		switch (w->pend) {
		case P_SPACE:
			buf_putc(w->out, ' ');
			break;
		case P_LINE:
			buf_putc(w->out, '\n');
			break;
		case P_PARA:
			buf_puts(w->out, "\n\n");
			break;
		case P_TAB:
			buf_putc(w->out, '\t');
			break;
		}
	w->pend = 0;
	if (w->inlink && w->linkstart == SIZE_MAX)
		w->linkstart = w->out->len;
}

static void
tw_text(struct tw *w, const char *s, size_t n)
{
	size_t i = 0, k, j;

	if (w->pre) {
		/* a newline right after <pre> is not content */
		if (w->prestart && n > 0 && s[0] == '\n') {
			s++;
			n--;
		} else if (w->prestart && n > 1 && s[0] == '\r' &&
		    s[1] == '\n') {
			s += 2;
			n -= 2;
		}
		for (j = 0; j < n; j++)
			if (s[j] != '\r')
				break;
		if (j == n)
			return;
		w->prestart = 0;
		tw_flush(w);
		for (; i < n; i++)
			if (s[i] != '\r')
				buf_putc(w->out, s[i]);
		return;
	}
	while (i < n) {
		if ((k = text_ws_len(s, n, i, COLLAPSE_WIDE)) > 0) {
			tw_sep(w, P_SPACE);
			i += k;
			continue;
		}
		for (j = i; j < n && text_ws_len(s, n, j, COLLAPSE_WIDE) == 0;
		    j++)
			;
		tw_flush(w);
		buf_put(w->out, s + i, j - i);
		i = j;
	}
}

static int
sep_of(const char *name)
{
	static const char *const line[] = {
		"li", "tr", "dt", "dd", "br", "caption", "summary", "thead",
		"tbody", "tfoot", NULL
	};

	if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		return P_TAB;
	if (tag_in(name, line))
		return P_LINE;
	return P_PARA;
}

static int holds_citation(struct ctx *, xmlNode *);

/* Phrases that are a whole block of boilerplate. */
static int
boiler_text(xmlNode *n, const struct nstat *s)
{
	static const char *const phrases[] = {
		"advertisement", "advertisements", "ad", "advert", "sponsored",
		"this slideshow requires javascript.", "comments",
		"story continues below advertisement", "continue reading",
		"read more", "share this article", "share this", "share",
		"related", "related articles", "related stories",
		"recommended", "more from", "click here to subscribe", NULL
	};
	char *t;
	int r = 0;

	if (s->chars > 40)
		return 0;
	if ((t = node_text(n, 64)) == NULL)
		return 0;
	for (char *p = t; *p; p++)
		*p = (char)ascii_lower((unsigned char)*p);
	r = tag_in(t, phrases);
	free(t);
	return r;
}

/* Should the writer leave out element n inside the article? */
static int
skip_in_article(struct ctx *c, xmlNode *n, const struct nstat *s)
{
	static const char *const cond[] = {
		"div", "section", "ul", "ol", "dl", "table", "p", "header",
		"form", "span", "blockquote", "figure", "center", NULL
	};
	const char *name = (const char *)n->name;

	if (s->flags & F_JUNK)
		return 1;
	if (name[0] == 'h' && name[1] == '1' && name[2] == '\0' &&
	    !c->opts->keep_title)
		return 1;
	if (!tag_in(name, cond))
		return 0;
	if (strcmp(name, "span") != 0 && s->chars == 0 &&
	    strcmp(name, "p") != 0)
		return 1;
	if ((s->flags & F_NEG) && !(s->flags & F_POS) && s->chars < 1000)
		return 1;
	/* a span of links is a widget when long (a hover card), not when
	 * it is the text of one link */
	if ((strcmp(name, "span") != 0 || (s->chars >= 80 &&
	    s->nlinks >= 3)) &&
	    link_density(s) > 0.5f && s->chars < 2000 &&
	    !(strcmp(name, "p") == 0 && s->chars - s->lchars >= 20 &&
	    ends_sentence(n)) && !(strcmp(name, "p") == 0 &&
	    holds_citation(c, n)))
		return 1;
	if (boiler_text(n, s))
		return 1;
	return 0;
}

static void
add_link(struct ctx *c, xmlNode *a, struct buf *out, size_t start,
    size_t **offs)
{
	struct ext_result *r = c->res;
	xmlChar *href, *abs = NULL;
	struct buf t = BUF_INIT;
	int isnew;

	if ((href = xmlGetProp(a, (const xmlChar *)"href")) == NULL)
		return;
	if (href[0] != '#') {
		if (c->base != NULL)
			abs = xmlBuildURI(href, (const xmlChar *)c->base);
		else
			abs = xmlStrdup(href);
	}
	xmlFree(href);
	if (abs == NULL)
		return;
	if (!url_is_http((char *)abs))
		goto out;
	(void)strset_add(&c->lseen, abs, strlen((char *)abs), &isnew);
	if (!isnew)
		goto out;
	if (start != SIZE_MAX && start <= out->len)
		text_collapse(&t, out->s + start, out->len - start,
		    COLLAPSE_WIDE);
	if (r->nlinks == c->linkcap) {
		c->linkcap = c->linkcap ? c->linkcap * 2 : 16;
		r->links = xreallocarray(r->links, c->linkcap,
		    sizeof(*r->links));
		*offs = xreallocarray(*offs, 2 * c->linkcap, sizeof(**offs));
	}
	(*offs)[2 * r->nlinks] = start == SIZE_MAX ? out->len : start;
	(*offs)[2 * r->nlinks + 1] = out->len;
	r->links[r->nlinks].url = xstrdup((char *)abs);
	r->links[r->nlinks].text = t.s != NULL ? buf_detach(&t) : xstrdup("");
	r->links[r->nlinks].primary = 0;
	r->nlinks++;
out:
	buf_free(&t);
	xmlFree(abs);
}

/* Walk 3: write the subtree top as text. */
static void
emit(struct ctx *c, xmlNode *top, struct tw *w, size_t **offs)
{
	xmlNode *n = top, *a = NULL;
	struct nstat *s;
	const char *name;
	int desc;

#define LEAVE3(c, x) do {						\
	const char *nm_ = (const char *)(x)->name;			\
	if (strcmp(nm_, "pre") == 0 && w->pre > 0) {			\
		w->pre--;						\
		while (w->out->len > 0 &&				\
		    (w->out->s[w->out->len - 1] == '\n' ||		\
		    w->out->s[w->out->len - 1] == ' '))			\
			w->out->s[--w->out->len] = '\0';		\
	}								\
	else if ((x) == a) {						\
		add_link((c), a, w->out, w->linkstart, offs);		\
		a = NULL;						\
		w->inlink = 0;						\
	}								\
	if (ST(x) != NULL && (ST(x)->flags & F_BLOCK) &&		\
	    sep_of(nm_) != P_TAB)					\
		tw_sep(w, sep_of(nm_));					\
} while (0)
	while (n != NULL) {
		desc = 0;
		if (n->type == XML_ELEMENT_NODE && (s = ST(n)) != NULL) {
			name = (const char *)n->name;
			if (n != top && skip_in_article(c, n, s)) {
				tw_sep(w, (s->flags & F_BLOCK) ? P_PARA :
				    P_SPACE);
			} else {
				desc = 1;
				if (strcmp(name, "br") == 0)
					tw_sep(w, P_LINE);
				else if (strcmp(name, "pre") == 0) {
					tw_sep(w, P_PARA);
					w->pre++;
					w->prestart = 1;
				} else if (strcmp(name, "tr") == 0) {
					tw_sep(w, P_LINE);
					w->cells = 0;
				} else if (sep_of(name) == P_TAB) {
					/* empty cells keep their place */
					if (w->cells++ > 0) {
						if (w->pend == P_SPACE ||
						    w->pend == P_TAB)
							w->pend = 0;
						tw_flush(w);
						buf_putc(w->out, '\t');
					}
				} else if (s->flags & F_BLOCK)
					tw_sep(w, sep_of(name));
				else if (strcmp(name, "a") == 0 && a == NULL &&
				    n->properties != NULL) {
					a = n;
					w->inlink = 1;
					w->linkstart = SIZE_MAX;
				}
			}
		} else if (is_textnode(n))
			tw_text(w, (const char *)n->content,
			    strlen((const char *)n->content));
		WALK_NEXT(n, top, desc, LEAVE3);
	}
#undef LEAVE3
	if (a != NULL) {
		add_link(c, a, w->out, w->linkstart, offs);
		w->inlink = 0;
	}
}

/* The host of an absolute URL, in h[size] (lower case, without
 * "www."). */
static void
site_host(const char *u, char *h, size_t size)
{
	const char *p;
	size_t n, k = 0;

	h[0] = '\0';
	if ((p = url_host(u != NULL ? u : "", &n)) == NULL)
		return;
	if (n >= 4 && ascii_ncasecmp(p, "www.", 4) == 0) {
		p += 4;
		n -= 4;
	}
	while (k < n && k + 1 < size) {
		h[k] = (char)ascii_lower((unsigned char)p[k]);
		k++;
	}
	h[k] = '\0';
}

/* Nonzero when host is dom or a subdomain of it. */
static int
host_is(const char *host, const char *dom)
{
	size_t hl = strlen(host), dl = strlen(dom);

	return hl >= dl && strcmp(host + hl - dl, dom) == 0 &&
	    (hl == dl || host[hl - dl - 1] == '.');
}

static int
has_cue(const char *s, size_t n)
{
	static const char *const cues[] = {
		"according to", "report", "blog post", "blogpost",
		"research", "advisory", "analysis", "write-up", "writeup",
		"published", "disclosed", "discovered by", "in a post",
		"bulletin", "whitepaper", "white paper", "findings",
		"technical details", "said in", "security alert", "detailed",
		"documented", "observed by", "uncovered", "warned",
		"\xE3\x81\xAB\xE3\x82\x88\xE3\x82\x8B\xE3\x81\xA8", /* によると */
		"\xE3\x81\xAB\xE3\x82\x88\xE3\x82\x8C\xE3\x81\xB0", /* によれば */
		"\xE5\xA0\xB1\xE5\x91\x8A",	/* 報告 */
		"\xE3\x83\xAC\xE3\x83\x9D\xE3\x83\xBC\xE3\x83\x88", /* レポート */
		"\xE3\x83\x96\xE3\x83\xAD\xE3\x82\xB0",	/* ブログ */
		"\xE7\x99\xBA\xE8\xA1\xA8",	/* 発表 */
		"\xE5\x85\xAC\xE9\x96\x8B",	/* 公開 */
		"\xE6\xB3\xA8\xE6\x84\x8F\xE5\x96\x9A\xE8\xB5\xB7", /* 注意喚起 */
		NULL
	};
	const char *const *cp;
	size_t i, l;

	for (cp = cues; *cp != NULL; cp++) {
		l = strlen(*cp);
		for (i = 0; i + l <= n; i++)
			if (ascii_ncasecmp(s + i, *cp, l) == 0)
				return 1;
	}
	return 0;
}

/* Whether a link to url cites the page as its source: an external page
 * (ph is the page's host; not a social network, not a site's front
 * page) with a cue such as "according to a report" in ctx[0..n), the
 * text just before the link and its own. */
static int
cites(const char *ph, const char *url, const char *ctx, size_t n)
{
	static const char *const social[] = {
		"twitter.com", "x.com", "t.co", "facebook.com", "linkedin.com",
		"reddit.com", "instagram.com", "youtube.com", "youtu.be",
		"wikipedia.org", "pinterest.com", "whatsapp.com", "t.me",
		"mastodon.social", "bsky.app", "tiktok.com", "google.com",
		"apple.com", NULL
	};
	const char *const *sp, *path;
	char lh[256];

	site_host(url, lh, sizeof(lh));
	if (lh[0] == '\0' || (ph[0] != '\0' && (host_is(lh, ph) ||
	    host_is(ph, lh))))
		return 0;
	for (sp = social; *sp != NULL; sp++)
		if (host_is(lh, *sp))
			return 0;
	path = url_authority(url);
	path += url_authority_len(path);
	if (strlen(path) <= 1)
		return 0;
	return has_cue(ctx, n);
}

/* The text of n's children after t (hidden ones left out), until a link
 * that cites() the page's source: then 1. */
static int
cite_walk(struct ctx *c, xmlNode *n, struct buf *t, int depth)
{
	struct buf ctx = BUF_INIT;
	struct nstat *s;
	xmlNode *x;
	xmlChar *href, *abs;
	size_t start;
	int r;

	for (x = n->children; x != NULL; x = x->next) {
		if (is_textnode(x)) {
			buf_puts(t, (const char *)x->content);
			continue;
		}
		if (x->type != XML_ELEMENT_NODE || (s = ST(x)) == NULL ||
		    (s->flags & F_JUNK) || depth > 64)
			continue;
		start = t->len;
		if (cite_walk(c, x, t, depth + 1))
			return 1;
		if (strcmp((const char *)x->name, "a") != 0 ||
		    (href = xmlGetProp(x, (const xmlChar *)"href")) == NULL)
			continue;
		abs = c->base != NULL ? xmlBuildURI(href,
		    (const xmlChar *)c->base) : xmlStrdup(href);
		xmlFree(href);
		if (abs == NULL)
			continue;
		/* as mark_primary() reads the text: at most 200 bytes back */
		start = start > 200 ? start - 200 : 0;
		text_collapse(&ctx, t->s + start, t->len - start,
		    COLLAPSE_WIDE);
		r = url_is_http((char *)abs) && cites(c->pagehost,
		    (char *)abs, buf_str(&ctx), ctx.len);
		buf_free(&ctx);
		xmlFree(abs);
		if (r)
			return 1;
	}
	return 0;
}

/* Whether element n holds a link mark_primary() will mark: a paragraph
 * that cites the article's source is kept, however short and full of
 * its link ("詳細は<a>JPCERT/CCの注意喚起</a>を参照してください。"). */
static int
holds_citation(struct ctx *c, xmlNode *n)
{
	struct buf t = BUF_INIT;
	int r;

	r = cite_walk(c, n, &t, 0);
	buf_free(&t);
	return r;
}

/* Mark the links the text cites as its source (cites()). */
static void
mark_primary(struct ctx *c, const char *text, size_t tlen, size_t *offs)
{
	size_t i, b, e, ps;

	for (i = 0; i < c->res->nlinks; i++) {
		struct ext_link *l = &c->res->links[i];

		b = offs[2 * i];
		e = offs[2 * i + 1];
		if (b > tlen || e > tlen || b > e)
			continue;
		/* from the start of its paragraph, at most 200 bytes back */
		for (ps = b; ps > 0 && text[ps - 1] != '\n' && b - ps < 200;
		    ps--)
			;
		if (cites(c->pagehost, l->url, text + ps, e - ps))
			l->primary = 1;
	}
}

static char *
first(char *a, char *b, char *c)
{
	return a != NULL ? a : b != NULL ? b : c;
}

static char *
date_of(const char *s)
{
	char out[21];

	if (s != NULL && ext_parse_date(s, out) == 0)
		return xstrdup(out);
	return NULL;
}

/* Fill the result's metadata from what the walk met. */
static void
finish_meta(struct ctx *c)
{
	struct meta *m = &c->meta;
	struct ext_result *r = c->res;
	const char *t, *site;
	char *u;
	size_t i;

	r->site_name = first(m->site_og, m->site_ld, m->site_app);
	if (r->site_name != NULL)
		r->site_name = xstrdup(r->site_name);
	site = r->site_name;
	t = first(m->og_title, m->ld_headline, m->title_tag);
	if (t != NULL)
		r->title = title_clean(t, site);
	else if (m->h1 != NULL)
		r->title = xstrdup(m->h1);
	t = first(m->author_meta, m->ld_author, m->byline_el);
	if (t != NULL) {
		if (ascii_ncasecmp(t, "by ", 3) == 0)
			t += 3;
		r->byline = xstrdup(t);
	}
	if ((r->published = date_of(m->pub_meta)) == NULL &&
	    (r->published = date_of(m->ld_date)) == NULL &&
	    (r->published = date_of(m->pub_other)) == NULL)
		r->published = date_of(m->time_dt);
	t = first(m->lang_html, m->lang_meta, NULL);
	if (t != NULL && strlen(t) < 36) {
		r->lang = xstrdup(t);
		for (i = 0; r->lang[i] != '\0'; i++)
			if (r->lang[i] == '_')
				r->lang[i] = '-';
	} else if ((t = ext_guess_lang(r->text, r->textlen)) != NULL)
		r->lang = xstrdup(t);
	t = first(m->canonical, m->og_url, NULL);
	if (t != NULL) {
		u = c->base != NULL ? (char *)xmlBuildURI((const xmlChar *)t,
		    (const xmlChar *)c->base) : NULL;
		if (u == NULL)
			u = (char *)xmlStrdup((const xmlChar *)t);
		if (u != NULL && url_is_http(u))
			r->canonical = xstrdup(u);
		xmlFree(u);
	}
}

static void
add_error(struct ext_result *r, const char *msg)
{
	if (r->nerrors < EXT_MAXERR)
		r->errors[r->nerrors++] = xstrdup(msg);
}

/* The base for relative links: <base href> against the page URL, the
 * page URL, or the page's canonical URL. */
static char *
base_url(struct ctx *c)
{
	const char *u = c->opts->url;
	xmlChar *b;

	if (u != NULL && *u == '\0')
		u = NULL;
	if (c->meta.base_href != NULL) {
		b = u != NULL ? xmlBuildURI((const xmlChar *)c->meta.base_href,
		    (const xmlChar *)u) : xmlStrdup((const xmlChar *)
		    c->meta.base_href);
		if (b != NULL && (ascii_ncasecmp((char *)b, "http", 4) == 0)) {
			char *r = xstrdup((char *)b);

			xmlFree(b);
			return r;
		}
		xmlFree(b);
	}
	if (u == NULL)
		u = first(c->meta.canonical, c->meta.og_url, NULL);
	return u != NULL ? xstrdup(u) : NULL;
}

/* Find needle (lower-case ASCII, starting with '<') in s[0..n) ignoring
 * case; NULL if absent. */
static char *
find_ci(char *s, size_t n, const char *needle)
{
	size_t l = strlen(needle), i;
	char *p;

	for (i = 0; i + l <= n; i++) {
		p = memchr(s + i, needle[0], n - i);
		if (p == NULL)
			return NULL;
		i = (size_t)(p - s);
		if (i + l <= n && ascii_ncasecmp(p, needle, l) == 0)
			return p;
	}
	return NULL;
}

/* Empty the bodies of <script> and <style> elements in place (JSON-LD
 * scripts are kept): they are never text, and libxml2 builds their text
 * nodes slowly.  Returns the new length. */
static size_t
strip_scripts(char *s, size_t n)
{
	size_t r = 0, w = 0, k;
	char *p, *gt, *end;
	const char *close;
	int keep;

	while (r < n) {
		p = memchr(s + r, '<', n - r);
		if (p == NULL)
			break;
		k = (size_t)(p - s);
		close = NULL;
		if (n - k > 7 && ascii_ncasecmp(p, "<script", 7) == 0 &&
		    !ASCII_ISALNUM((unsigned char)p[7]))
			close = "</script";
		else if (n - k > 6 && ascii_ncasecmp(p, "<style", 6) == 0 &&
		    !ASCII_ISALNUM((unsigned char)p[6]))
			close = "</style";
		if (close == NULL) {
			memmove(s + w, s + r, k + 1 - r);
			w += k + 1 - r;
			r = k + 1;
			continue;
		}
		if ((gt = memchr(p, '>', n - k)) == NULL)
			break;
		keep = 0;
		if (close[2] == 's' && close[3] == 'c')
			for (end = p; end + 7 <= gt && !keep; end++)
				keep = ascii_ncasecmp(end, "ld+json", 7) == 0;
		/* copy up to and including the '>' */
		memmove(s + w, s + r, (size_t)(gt - s) + 1 - r);
		w += (size_t)(gt - s) + 1 - r;
		r = (size_t)(gt - s) + 1;
		end = find_ci(s + r, n - r, close);
		if (end == NULL)
			end = s + n;
		if (keep) {
			memmove(s + w, s + r, (size_t)(end - s) - r);
			w += (size_t)(end - s) - r;
		}
		r = (size_t)(end - s);
	}
	memmove(s + w, s + r, n - r);
	w += n - r;
	s[w] = '\0';
	return w;
}

static void
silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void
extract_page(const char *page, size_t len, const struct ext_opts *o,
    struct ext_result *r)
{
	struct ctx cx, *c = &cx;
	struct buf text = BUF_INIT, clean = BUF_INIT;
	struct tw w;
	htmlParserCtxtPtr pc;
	htmlDocPtr doc = NULL;
	xmlNode *root, *body, *top, *n;
	size_t *offs = NULL, i;
	char *u8;
	size_t u8len;
	int depth_err = 0;

	memset(r, 0, sizeof(*r));
	memset(c, 0, sizeof(*c));
	c->opts = o;
	c->res = r;
	if (o->maxpage > 0 && len > o->maxpage) {
		len = o->maxpage;
		add_error(r, "page truncated to its first bytes "
		    "(see --max-page)");
	}
	if (o->raw)
		u8 = ext_to_utf8(page, len, &u8len, NULL);
	else {
		utf8_repair(&clean, page, len);
		u8len = clean.len;
		u8 = clean.s != NULL ? buf_detach(&clean) : xstrdup("");
	}
	collect_hidden(c, u8, u8len);
	u8len = strip_scripts(u8, u8len);
	xmlSetGenericErrorFunc(NULL, silent);
	if (u8len > 0 && u8len <= INT32_MAX &&
	    (pc = htmlNewParserCtxt()) != NULL) {
		doc = htmlCtxtReadMemory(pc, u8, (int)u8len,
		    o->url != NULL ? o->url : "", "UTF-8",
		    HTML_PARSE_RECOVER | HTML_PARSE_NONET |
		    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		    HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
		if (pc->errNo == XML_ERR_INTERNAL_ERROR ||
		    pc->errNo == XML_ERR_NO_MEMORY)
			depth_err = 1;
		htmlFreeParserCtxt(pc);
	}
	free(u8);
	if (depth_err)
		add_error(r, "HTML nested too deeply or too large: "
		    "the text after that point is lost");
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL) {
		r->text = xstrdup("");
		if (r->nerrors == 0)
			add_error(r, len == 0 ? "empty page" :
			    "no HTML content");
		goto done;
	}
	walk1(c, root);
	c->total = ST(root)->tbytes;
	walk2(c, root);
	for (body = root->children; body != NULL; body = body->next)
		if (body->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)body->name, "body") == 0)
			break;
	if (body == NULL || ST(body) == NULL)
		body = root;
	c->base = base_url(c);
	site_host(o->url != NULL && *o->url ? o->url : c->base, c->pagehost,
	    sizeof(c->pagehost));
	top = choose(c, body);
	if (ST(top) != NULL)
		ST(top)->flags |= F_KEEP;
	memset(&w, 0, sizeof(w));
	w.out = &text;
	w.linkstart = SIZE_MAX;
	/* the kept subtrees in document order */
	for (n = root; n != NULL; ) {
		struct nstat *s = ST(n);
		int desc = 1;

		if (n->type != XML_ELEMENT_NODE || s == NULL ||
		    (s->flags & F_JUNK))
			desc = 0;
		else if (s->flags & F_KEEP) {
			tw_sep(&w, P_PARA);
			emit(c, n, &w, &offs);
			desc = 0;
		}
#define NOLEAVE(c, x) do { } while (0)
		WALK_NEXT(n, root, desc, NOLEAVE);
#undef NOLEAVE
	}
	(void)top;
	buf_rtrim(&text);
	r->textlen = text.len;
	r->text = text.s != NULL ? buf_detach(&text) : xstrdup("");
	mark_primary(c, r->text, r->textlen, offs);
	finish_meta(c);
	if (r->textlen == 0 && r->nerrors == 0)
		add_error(r, "no article text found");
done:
	free(offs);
	free(c->st);
	free(c->base);
	strset_free(&c->lseen);
	buf_free(&c->hidsel);
	meta_free(&c->meta);
	if (doc != NULL)
		xmlFreeDoc(doc);
	(void)i;
}

void
ext_result_free(struct ext_result *r)
{
	size_t i;
	int k;

	free(r->text);
	free(r->title);
	free(r->byline);
	free(r->published);
	free(r->lang);
	free(r->site_name);
	free(r->canonical);
	for (i = 0; i < r->nlinks; i++) {
		free(r->links[i].url);
		free(r->links[i].text);
	}
	free(r->links);
	for (k = 0; k < r->nerrors; k++)
		free(r->errors[k]);
	memset(r, 0, sizeof(*r));
}
