/* feed.c: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 with libxml2's
 * SAX2 push parser: the document is read in chunks and never held as a
 * tree, so memory stays flat whatever its size.
 *
 * The bytes pass three stages: the decoder (any encoding to valid UTF-8,
 * see decode.c), the reference fixer (HTML named references that XML does
 * not know become numeric ones, a stray '&' becomes "&amp;"), and libxml2
 * with external entities, DTD loading and network access off. */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "fetch.h"
#include "utf8.h"
#include "util.h"

#define NS_ATOM10	"http://www.w3.org/2005/Atom"
#define NS_ATOM03	"http://purl.org/atom/ns#"
#define NS_RDF		"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS	"http://purl.org/dc/terms/"
#define NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define NS_XML		"http://www.w3.org/XML/1998/namespace"
#define NS_ITUNES	"http://www.itunes.com/dtds/podcast-1.0.dtd"

#define LOOKAHEAD 40	/* bytes the reference fixer may need to look at */

enum kind {
	K_NONE, K_OTHER, K_RSS, K_RDF, K_FEED, K_CHANNEL, K_ITEM, K_AUTHOR,
	K_FIELD, K_ICAT
};

enum ctype { T_PLAIN, T_HTML, T_XHTML, T_BASE64 };

/* where a captured text goes */
enum target {
	C_NONE, C_TITLE, C_LINK, C_GUID, C_PUB, C_UPD, C_DESC, C_CONTENT,
	C_AUTHOR, C_AUTHOR_NAME, C_AUTHOR_EMAIL, C_CATEGORY, C_FEED_TITLE,
	C_FEED_LANG, C_DCTITLE, C_AUTHOR2, C_DESC2
};

struct frame {
	enum kind kind;
	char	*base;		/* owned when own_base */
	char	*lang;
	int	 own_base, own_lang;
};

struct field {
	struct buf raw;
	enum ctype type;
	int	 set;
};

struct feed_parser {
	xmlParserCtxtPtr ctxt;
	struct charset_decoder *dec;
	char	*url;
	char	*override;	/* encoding from the config */
	char	*http_charset;
	int	 sniffed;
	struct buf head;	/* bytes held until the encoding is known */
	struct buf dbuf;	/* decoded UTF-8, waiting for the fixer */
	struct buf xbuf;	/* fixed, for libxml2 */
	int	 fstate;	/* 0 text, 1 CDATA, 2 comment, 3 DTD */
	int	 dtd_depth, dtd_quote, subset;

	struct frame *fr;
	size_t	 depth, frcap;
	int	 isfeed, notfeed, atom, cdf;
	int	 fatal;		/* libxml2 gave up on a hostile document */
	char	 root[64];

	/* capture */
	enum target cap;
	enum ctype captype;
	size_t	 capdepth;
	struct buf cbuf;
	struct buf scratch;	/* for end_capture() */

	/* the item being read */
	struct field title, dctitle, desc, content, desc2;
	struct buf link, altlink, guid, author, author2, aname, aemail, cats;
	size_t	*catoff;
	size_t	 ncat, catcap;
	int	 alt_rank;	/* quality of altlink: 0 none .. 3 html */
	int	 permalink;
	char	*about;
	char	*itemlang;
	long long pub, upd;

	/* the feed */
	struct buf ftitle, flang;
	struct buf err;
	size_t	 nitems;
	unsigned long long nbytes;	/* bytes pushed */
	feed_item_fn fn;
	void	*ud;

	/* scratch for the item handed to the callback */
	struct buf o_title, o_summary, o_link, o_guid, o_author;
	const char **catv;
	size_t	 catvcap;
};

static xmlParserInputPtr
deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void
feed_global_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_loader);
}

void
feed_global_cleanup(void)
{
	xmlCleanupParser();
}

static int
nseq(const xmlChar *ns, const char *want)
{
	return ns != NULL && strcmp((const char *)ns, want) == 0;
}

/* The namespaces RSS elements live in: none, RSS 0.90, 1.0, Userland. */
static int
is_rss(const xmlChar *ns)
{
	return ns == NULL || *ns == '\0' ||
	    nseq(ns, "http://purl.org/rss/1.0/") ||
	    nseq(ns, "http://my.netscape.com/rdf/simple/0.9/") ||
	    nseq(ns, "http://backend.userland.com/rss2") ||
	    nseq(ns, "http://backend.userland.com/rss");
}

static int
is_itunes(const xmlChar *ns)
{
	/* feeds spell it with varying case; the length first, as a cheap
	 * filter for the namespaces of every item (dc:, content:) */
	return ns != NULL && strlen((const char *)ns) == sizeof(NS_ITUNES) -
	    1 && ascii_casecmp((const char *)ns, NS_ITUNES) == 0;
}

static int
is_media(const xmlChar *ns)
{
	return ns != NULL && strncmp((const char *)ns,
	    "http://search.yahoo.com/mrss", 28) == 0;
}

static int
is_atom(const xmlChar *ns)
{
	return nseq(ns, NS_ATOM10) || nseq(ns, NS_ATOM03);
}

static int
lname(const xmlChar *l, const char *want)
{
	return l[0] == (xmlChar)want[0] && strcmp((const char *)l, want) == 0;
}

/* Find attribute (ns may be NULL for "no namespace"); copies its value
 * into a new string or returns NULL. */
static char *
attr(const xmlChar **a, int n, const char *ns, const char *name)
{
	int i;

	for (i = 0; i < n; i++, a += 5) {
		if (strcmp((const char *)a[0], name) != 0)
			continue;
		if (ns == NULL ? a[2] != NULL : !nseq(a[2], ns))
			continue;
		return xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
	}
	return NULL;
}

static void
field_reset(struct field *f)
{
	buf_reset(&f->raw);
	f->set = 0;
	f->type = T_PLAIN;
}

static void
item_reset(struct feed_parser *p)
{
	field_reset(&p->title);
	field_reset(&p->dctitle);
	field_reset(&p->desc);
	field_reset(&p->content);
	field_reset(&p->desc2);
	buf_reset(&p->author2);
	buf_reset(&p->link);
	buf_reset(&p->altlink);
	buf_reset(&p->guid);
	buf_reset(&p->author);
	buf_reset(&p->aname);
	buf_reset(&p->aemail);
	buf_reset(&p->cats);
	p->ncat = 0;
	p->alt_rank = 0;
	p->permalink = 1;
	free(p->about);
	p->about = NULL;
	free(p->itemlang);
	p->itemlang = NULL;
	p->pub = p->upd = DATE_NONE;
}

/* The text type of an Atom (1.0 or 0.3) text construct. */
static enum ctype
atom_type(const xmlChar **a, int n, enum ctype dflt)
{
	char *t, *m;
	enum ctype r = dflt;

	t = attr(a, n, NULL, "type");
	m = attr(a, n, NULL, "mode");
	if (t != NULL && *t != '\0') {
		if (strcmp(t, "html") == 0 || strcmp(t, "text/html") == 0)
			r = T_HTML;
		else if (strcmp(t, "xhtml") == 0 ||
		    strcmp(t, "application/xhtml+xml") == 0)
			r = T_XHTML;
		else if (strcmp(t, "text") == 0 ||
		    strcmp(t, "text/plain") == 0)
			r = T_PLAIN;
		else if (strncmp(t, "text/", 5) != 0 &&
		    strstr(t, "xml") == NULL)
			r = T_BASE64;	/* Atom 1.0: other media types */
	}
	if (m != NULL) {
		if (strcmp(m, "escaped") == 0)
			r = r == T_PLAIN && t != NULL ? T_PLAIN : T_HTML;
		else if (strcmp(m, "xml") == 0)
			r = T_XHTML;
		else if (strcmp(m, "base64") == 0)
			r = T_BASE64;
	}
	free(t);
	free(m);
	return r;
}

static void add_category(struct feed_parser *, const char *, size_t);

static void
capture(struct feed_parser *p, enum target t, enum ctype ty)
{
	p->cap = t;
	p->captype = ty;
	p->capdepth = p->depth;
	buf_reset(&p->cbuf);
}

static void
atom_link(struct feed_parser *p, const xmlChar **a, int n)
{
	char *rel, *type, *href;
	int rank;

	rel = attr(a, n, NULL, "rel");
	type = attr(a, n, NULL, "type");
	href = attr(a, n, NULL, "href");
	if (href != NULL && (rel == NULL || strcmp(rel, "alternate") == 0)) {
		rank = 1;
		if (type == NULL)
			rank = 2;
		else if (strstr(type, "html") != NULL)
			rank = 3;
		if (rank > p->alt_rank) {
			buf_reset(&p->altlink);
			url_resolve_to(&p->altlink, p->fr[p->depth].base, href);
			p->alt_rank = rank;
		}
	}
	free(rel);
	free(type);
	free(href);
}

/* Decide what an element is from its name and its parent. */
static void
classify(struct feed_parser *p, const xmlChar *l, const xmlChar *ns,
    const xmlChar **a, int na)
{
	struct frame *f = &p->fr[p->depth];
	enum kind parent = p->fr[p->depth - 1].kind;
	char *v;

	f->kind = K_OTHER;
	if (p->depth == 1) {
		if (lname(l, "rss") && is_rss(ns))
			f->kind = K_RSS;
		else if (lname(l, "RDF") && (nseq(ns, NS_RDF) || ns == NULL))
			f->kind = K_RDF;
		else if (lname(l, "feed") && (is_atom(ns) || ns == NULL)) {
			f->kind = K_FEED;
			p->atom = 1;
		} else if (lname(l, "channel") && is_rss(ns))
			f->kind = K_CHANNEL;
		else if (lname(l, "CHANNEL") && ns == NULL) {
			/* Microsoft's Channel Definition Format */
			f->kind = K_CHANNEL;
			p->cdf = 1;
		}
		snprintf(p->root, sizeof(p->root), "%s", (const char *)l);
		if (f->kind == K_OTHER) {
			p->notfeed = 1;
			xmlStopParser(p->ctxt);
		} else
			p->isfeed = 1;
		return;
	}
	switch (parent) {
	case K_RSS:
	case K_RDF:
		if (lname(l, "channel") && is_rss(ns))
			f->kind = K_CHANNEL;
		else if (lname(l, "item") && is_rss(ns))
			f->kind = K_ITEM;
		break;
	case K_FEED:
		if (lname(l, "entry") && (is_atom(ns) || ns == NULL))
			f->kind = K_ITEM;
		else if (lname(l, "title") && (is_atom(ns) || ns == NULL)) {
			f->kind = K_FIELD;
			capture(p, C_FEED_TITLE, atom_type(a, na, T_PLAIN));
		}
		break;
	case K_CHANNEL:
		if (p->cdf && ns == NULL) {
			if (lname(l, "ITEM"))
				f->kind = K_ITEM;
			else if (lname(l, "TITLE")) {
				f->kind = K_FIELD;
				capture(p, C_FEED_TITLE, T_HTML);
			}
		} else if (lname(l, "item") && is_rss(ns))
			f->kind = K_ITEM;
		else if (lname(l, "title") && is_rss(ns)) {
			f->kind = K_FIELD;
			capture(p, C_FEED_TITLE, T_HTML);
		} else if ((lname(l, "language") && is_rss(ns)) ||
		    (lname(l, "language") && nseq(ns, NS_DC))) {
			f->kind = K_FIELD;
			capture(p, C_FEED_LANG, T_PLAIN);
		}
		break;
	case K_ICAT:
		if (lname(l, "category") && is_itunes(ns)) {
			f->kind = K_ICAT;
			if ((v = attr(a, na, NULL, "text")) != NULL) {
				add_category(p, v, strlen(v));
				free(v);
			}
		}
		break;
	case K_AUTHOR:
		if (lname(l, "name") && (is_atom(ns) || ns == NULL)) {
			f->kind = K_FIELD;
			capture(p, C_AUTHOR_NAME, T_PLAIN);
		} else if (lname(l, "email") && (is_atom(ns) || ns == NULL)) {
			f->kind = K_FIELD;
			capture(p, C_AUTHOR_EMAIL, T_PLAIN);
		}
		break;
	case K_ITEM:
		f->kind = K_FIELD;
		if (p->cdf && ns == NULL) {
			if (lname(l, "TITLE"))
				capture(p, C_TITLE, T_HTML);
			else if (lname(l, "ABSTRACT"))
				capture(p, C_DESC, T_HTML);
			else
				f->kind = K_OTHER;
		} else if (is_atom(ns) || (p->atom && ns == NULL)) {
			if (lname(l, "title"))
				capture(p, C_TITLE, atom_type(a, na,
				    T_PLAIN));
			else if (lname(l, "link")) {
				char *h = attr(a, na, NULL, "href");
				char *rel = attr(a, na, NULL, "rel");

				f->kind = K_OTHER;
				if (h != NULL)
					atom_link(p, a, na);
				else if (rel == NULL ||
				    strcmp(rel, "alternate") == 0) {
					/* no href: the URL as text, as
					 * some feeds have it */
					f->kind = K_FIELD;
					capture(p, C_LINK, T_PLAIN);
				}
				free(h);
				free(rel);
			} else if (lname(l, "id"))
				capture(p, C_GUID, T_PLAIN);
			else if (lname(l, "published") ||
			    lname(l, "issued") || lname(l, "created"))
				capture(p, C_PUB, T_PLAIN);
			else if (lname(l, "updated") || lname(l, "modified"))
				capture(p, C_UPD, T_PLAIN);
			else if (lname(l, "summary"))
				capture(p, C_DESC, atom_type(a, na,
				    T_PLAIN));
			else if (lname(l, "content"))
				capture(p, C_CONTENT, atom_type(a, na,
				    T_PLAIN));
			else if (lname(l, "author")) {
				f->kind = K_AUTHOR;
				buf_reset(&p->aname);
				buf_reset(&p->aemail);
			} else if (lname(l, "category")) {
				if ((v = attr(a, na, NULL, "term")) == NULL ||
				    *v == '\0') {
					free(v);
					v = attr(a, na, NULL, "label");
				}
				if (v != NULL) {
					capture(p, C_CATEGORY, T_PLAIN);
					buf_puts(&p->cbuf, v);
					free(v);
				}
			} else
				f->kind = K_OTHER;
		} else if (is_rss(ns)) {
			if (lname(l, "title"))
				capture(p, C_TITLE, T_HTML);
			else if (lname(l, "link"))
				capture(p, C_LINK, T_PLAIN);
			else if (lname(l, "guid")) {
				v = attr(a, na, NULL, "isPermaLink");
				p->permalink = v == NULL ||
				    ascii_casecmp(v, "false") != 0;
				free(v);
				capture(p, C_GUID, T_PLAIN);
			} else if (lname(l, "pubDate"))
				capture(p, C_PUB, T_PLAIN);
			else if (lname(l, "description"))
				capture(p, C_DESC, T_HTML);
			else if (lname(l, "author"))
				capture(p, C_AUTHOR, T_HTML);
			else if (lname(l, "category"))
				capture(p, C_CATEGORY, T_HTML);
			else
				f->kind = K_OTHER;
		} else if (is_itunes(ns)) {
			if (lname(l, "author"))
				capture(p, C_AUTHOR2, T_PLAIN);
			else if (lname(l, "summary"))
				capture(p, C_DESC2, T_PLAIN);
			else if (lname(l, "category")) {
				f->kind = K_ICAT;
				if ((v = attr(a, na, NULL, "text")) != NULL) {
					add_category(p, v, strlen(v));
					free(v);
				}
			} else
				f->kind = K_OTHER;
		} else if (is_media(ns)) {
			if (lname(l, "title"))
				capture(p, C_DCTITLE, atom_type(a, na,
				    T_PLAIN));
			else if (lname(l, "description"))
				capture(p, C_DESC2, atom_type(a, na,
				    T_PLAIN));
			else if (lname(l, "category"))
				capture(p, C_CATEGORY, T_PLAIN);
			else
				f->kind = K_OTHER;
		} else if (nseq(ns, NS_DC)) {
			if (lname(l, "date"))
				capture(p, C_UPD, T_PLAIN);
			else if (lname(l, "creator") || lname(l, "author"))
				capture(p, C_AUTHOR, T_HTML);
			else if (lname(l, "subject"))
				capture(p, C_CATEGORY, T_HTML);
			else if (lname(l, "title"))
				capture(p, C_DCTITLE, T_HTML);
			else if (lname(l, "description"))
				capture(p, C_DESC, T_HTML);
			else
				f->kind = K_OTHER;
		} else if (nseq(ns, NS_DCTERMS)) {
			if (lname(l, "issued") || lname(l, "created"))
				capture(p, C_PUB, T_PLAIN);
			else if (lname(l, "modified"))
				capture(p, C_UPD, T_PLAIN);
			else
				f->kind = K_OTHER;
		} else if (nseq(ns, NS_CONTENT) && lname(l, "encoded"))
			capture(p, C_CONTENT, T_HTML);
		else
			f->kind = K_OTHER;
		break;
	default:
		break;
	}
	if (f->kind == K_ITEM) {
		item_reset(p);
		if ((v = attr(a, na, NS_RDF, "about")) != NULL)
			p->about = v;
		if (p->cdf && (v = attr(a, na, NULL, "HREF")) != NULL) {
			url_resolve_to(&p->link, f->base, v);
			free(v);
		}
		if (p->cdf && (v = attr(a, na, NULL, "LASTMOD")) != NULL) {
			long long t;

			if (date_parse(v, &t) == 0)
				p->upd = t;
			free(v);
		}
		if (f->lang != NULL)
			p->itemlang = xstrdup(f->lang);
	}
}

static void
on_start(void *ud, const xmlChar *l, const xmlChar *prefix,
    const xmlChar *ns, int nns, const xmlChar **nsdecl, int na, int ndef,
    const xmlChar **a)
{
	struct feed_parser *p = ((xmlParserCtxtPtr)ud)->_private;
	struct frame *f;
	char *v;
	int i;

	(void)nns;
	(void)nsdecl;
	(void)ndef;
	if (p->depth + 1 >= p->frcap) {
		p->frcap = p->frcap ? p->frcap * 2 : 32;
		p->fr = xreallocarray(p->fr, p->frcap, sizeof(*p->fr));
	}
	p->depth++;
	f = &p->fr[p->depth];
	f->base = p->fr[p->depth - 1].base;
	f->lang = p->fr[p->depth - 1].lang;
	f->own_base = f->own_lang = 0;
	for (i = 0; i < na; i++) {
		const xmlChar **at = a + i * 5;

		if (!nseq(at[2], NS_XML))
			continue;
		v = xstrndup((const char *)at[3], (size_t)(at[4] - at[3]));
		if (strcmp((const char *)at[0], "base") == 0) {
			/* a repeated attribute (recovery mode) replaces */
			char *nb = url_resolve(f->base, v);

			if (f->own_base)
				free(f->base);
			f->base = nb;
			f->own_base = 1;
			free(v);
		} else if (strcmp((const char *)at[0], "lang") == 0) {
			if (f->own_lang)
				free(f->lang);
			f->lang = v;
			f->own_lang = 1;
		} else
			free(v);
	}
	if (p->cap != C_NONE) {
		/* markup inside a captured element */
		f->kind = K_OTHER;
		if (p->captype != T_PLAIN) {
			buf_putc(&p->cbuf, '<');
			if (prefix != NULL && !nseq(ns,
			    "http://www.w3.org/1999/xhtml"))
				buf_printf(&p->cbuf, "%s:", prefix);
			buf_puts(&p->cbuf, (const char *)l);
			buf_putc(&p->cbuf, '>');
		}
		return;
	}
	if (p->depth > 1 && (p->fr[p->depth - 1].kind == K_OTHER ||
	    p->fr[p->depth - 1].kind == K_FIELD)) {
		f->kind = K_OTHER;
		return;
	}
	classify(p, l, ns, a, na);
	(void)prefix;
}

static void
add_category(struct feed_parser *p, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (p->ncat == p->catcap) {
		p->catcap = p->catcap ? p->catcap * 2 : 8;
		p->catoff = xreallocarray(p->catoff, p->catcap,
		    sizeof(*p->catoff));
	}
	p->catoff[p->ncat++] = p->cats.len;
	buf_put(&p->cats, s, n);
	buf_putc(&p->cats, '\0');
}

/* The text of a captured construct, converted. */
static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Decode base64 s[0..n) into out, skipping white space; the result is
 * made valid UTF-8. */
static void
base64_decode(struct buf *out, const char *s, size_t n)
{
	struct buf raw = BUF_INIT;
	unsigned long acc = 0;
	int bits = 0, v;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((v = b64val((unsigned char)s[i])) < 0)
			continue;
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(&raw, (int)((acc >> bits) & 0xFF));
		}
	}
	utf8_repair(out, buf_str(&raw), raw.len);
	buf_free(&raw);
}

static void
convert(struct buf *out, const char *s, size_t n, enum ctype t, int oneline)
{
	if (t == T_BASE64) {
		struct buf d = BUF_INIT;

		base64_decode(&d, s, n);
		html_to_text(out, buf_str(&d), d.len,
		    oneline ? HTML_ONELINE : 0);
		buf_free(&d);
	} else if (t == T_PLAIN)
		text_collapse(out, s, n, oneline ? 0 : COLLAPSE_LINES);
	else
		html_to_text(out, s, n, oneline ? HTML_ONELINE : 0);
}

/* Keep the captured text b as f (the first one wins); the buffers are
 * swapped, not copied. */
static void
set_field(struct field *f, struct buf *b, enum ctype t)
{
	struct buf tmp;

	if (f->set)
		return;
	tmp = f->raw;
	f->raw = *b;
	*b = tmp;
	buf_reset(b);
	f->type = t;
	f->set = 1;
}

static void
emit_item(struct feed_parser *p)
{
	struct feed_item it;
	const char *link = NULL;
	size_t i;

	memset(&it, 0, sizeof(it));
	buf_reset(&p->o_title);
	if (p->title.set)
		convert(&p->o_title, p->title.raw.s, p->title.raw.len,
		    p->title.type, 1);
	if (p->o_title.len == 0 && p->dctitle.set)
		convert(&p->o_title, p->dctitle.raw.s, p->dctitle.raw.len,
		    p->dctitle.type, 1);
	if (p->o_title.len > 0)
		it.field[F_TITLE] = p->o_title.s;
	buf_reset(&p->o_summary);
	if (p->desc.set)
		convert(&p->o_summary, p->desc.raw.s, p->desc.raw.len,
		    p->desc.type, 0);
	if (p->o_summary.len == 0 && p->content.set)
		convert(&p->o_summary, p->content.raw.s, p->content.raw.len,
		    p->content.type, 0);
	if (p->o_summary.len == 0 && p->desc2.set)
		convert(&p->o_summary, p->desc2.raw.s, p->desc2.raw.len,
		    p->desc2.type, 0);
	if (p->o_summary.len > 0)
		it.field[F_SUMMARY] = p->o_summary.s;
	if (p->altlink.len > 0)
		link = p->altlink.s;
	else if (p->link.len > 0)
		link = p->link.s;
	else if (p->guid.len > 0 && p->permalink && url_is_http(p->guid.s))
		link = p->guid.s;
	else if (p->about != NULL && url_is_http(p->about))
		link = p->about;
	it.field[F_LINK] = link;
	if (p->guid.len > 0)
		it.field[F_GUID] = p->guid.s;
	else if (p->about != NULL && *p->about != '\0')
		it.field[F_GUID] = p->about;
	if (p->author.len > 0)
		it.field[F_AUTHOR] = p->author.s;
	else if (p->author2.len > 0)
		it.field[F_AUTHOR] = p->author2.s;
	it.field[F_LANG] = p->itemlang != NULL && *p->itemlang != '\0' ?
	    p->itemlang : p->flang.len > 0 ? p->flang.s :
	    p->fr[1].lang;
	it.published = p->pub;
	it.updated = p->upd;
	if (p->ncat + 1 > p->catvcap) {
		p->catvcap = p->catcap + 1;
		p->catv = xreallocarray(p->catv, p->catvcap,
		    sizeof(*p->catv));
	}
	for (i = 0; i < p->ncat; i++)
		p->catv[i] = p->cats.s + p->catoff[i];
	it.categories = p->catv;
	it.ncat = p->ncat;
	p->nitems++;
	p->fn(&it, p->ud);
}

/* The end of a captured element: store its text. */
static void
end_capture(struct feed_parser *p)
{
	struct buf *tmp = &p->scratch;
	long long t;
	enum target c = p->cap;

	buf_reset(tmp);
	p->cap = C_NONE;
	switch (c) {
	case C_TITLE:
		set_field(&p->title, &p->cbuf, p->captype);
		break;
	case C_DCTITLE:
		set_field(&p->dctitle, &p->cbuf, p->captype);
		break;
	case C_DESC:
		set_field(&p->desc, &p->cbuf, p->captype);
		break;
	case C_CONTENT:
		set_field(&p->content, &p->cbuf, p->captype);
		break;
	case C_DESC2:
		set_field(&p->desc2, &p->cbuf, p->captype);
		break;
	case C_AUTHOR2:
		if (p->author2.len == 0)
			text_collapse(&p->author2, p->cbuf.s, p->cbuf.len, 0);
		break;
	case C_LINK:
		text_collapse(tmp, p->cbuf.s, p->cbuf.len, 0);
		if (p->link.len == 0 && tmp->len > 0)
			url_resolve_to(&p->link, p->fr[p->depth].base, tmp->s);
		break;
	case C_GUID:
		if (p->guid.len == 0)
			text_collapse(&p->guid, p->cbuf.s, p->cbuf.len, 0);
		break;
	case C_PUB:
	case C_UPD:
		text_collapse(tmp, p->cbuf.s, p->cbuf.len, 0);
		if (date_parse(buf_str(tmp), &t) == 0) {
			/* a later element of the same kind wins, as in
			 * feedparser */
			if (c == C_PUB)
				p->pub = t;
			else
				p->upd = t;
		}
		break;
	case C_AUTHOR:
		convert(tmp, p->cbuf.s, p->cbuf.len, p->captype, 1);
		if (tmp->len > 0) {
			if (p->author.len > 0)
				buf_puts(&p->author, ", ");
			buf_put(&p->author, tmp->s, tmp->len);
		}
		break;
	case C_AUTHOR_NAME:
		if (p->aname.len == 0)
			text_collapse(&p->aname, p->cbuf.s, p->cbuf.len, 0);
		break;
	case C_AUTHOR_EMAIL:
		if (p->aemail.len == 0)
			text_collapse(&p->aemail, p->cbuf.s, p->cbuf.len, 0);
		break;
	case C_CATEGORY:
		convert(tmp, p->cbuf.s, p->cbuf.len, p->captype, 1);
		add_category(p, buf_str(tmp), tmp->len);
		break;
	case C_FEED_TITLE:
		if (p->ftitle.len == 0)
			convert(&p->ftitle, p->cbuf.s, p->cbuf.len,
			    p->captype, 1);
		break;
	case C_FEED_LANG:
		if (p->flang.len == 0)
			text_collapse(&p->flang, p->cbuf.s, p->cbuf.len, 0);
		break;
	default:
		break;
	}
}

static void
on_end(void *ud, const xmlChar *l, const xmlChar *prefix, const xmlChar *ns)
{
	struct feed_parser *p = ((xmlParserCtxtPtr)ud)->_private;
	struct frame *f;

	(void)ns;
	if (p->depth == 0)
		return;
	f = &p->fr[p->depth];
	if (p->cap != C_NONE && p->depth > p->capdepth) {
		if (p->captype != T_PLAIN) {
			buf_puts(&p->cbuf, "</");
			if (prefix != NULL && !nseq(ns,
			    "http://www.w3.org/1999/xhtml"))
				buf_printf(&p->cbuf, "%s:", prefix);
			buf_puts(&p->cbuf, (const char *)l);
			buf_putc(&p->cbuf, '>');
		}
	} else if (p->cap != C_NONE && p->depth == p->capdepth)
		end_capture(p);
	else if (f->kind == K_AUTHOR) {
		struct buf *a = &p->author;

		if (p->aname.len > 0 || p->aemail.len > 0) {
			if (a->len > 0)
				buf_puts(a, ", ");
			if (p->aname.len > 0 && p->aemail.len > 0)
				buf_printf(a, "%s (%s)", p->aname.s,
				    p->aemail.s);
			else
				buf_put(a, p->aname.len ? p->aname.s :
				    p->aemail.s, p->aname.len ? p->aname.len :
				    p->aemail.len);
		}
	} else if (f->kind == K_ITEM)
		emit_item(p);
	if (f->own_base)
		free(f->base);
	if (f->own_lang)
		free(f->lang);
	p->depth--;
}

static void
on_text(void *ud, const xmlChar *s, int n)
{
	struct feed_parser *p = ((xmlParserCtxtPtr)ud)->_private;
	int i, j;

	if (p->cap == C_NONE || n <= 0)
		return;
	if (p->captype == T_PLAIN || (p->captype == T_HTML &&
	    p->depth == p->capdepth)) {
		buf_put(&p->cbuf, s, (size_t)n);
		return;
	}
	/* text inside markup: escape it for the HTML converter */
	for (i = j = 0; i < n; i++) {
		const char *e = NULL;

		if (s[i] == '&')
			e = "&amp;";
		else if (s[i] == '<')
			e = "&lt;";
		else if (s[i] == '>')
			e = "&gt;";
		if (e != NULL) {
			buf_put(&p->cbuf, s + j, (size_t)(i - j));
			buf_puts(&p->cbuf, e);
			j = i + 1;
		}
	}
	buf_put(&p->cbuf, s + j, (size_t)(n - j));
}

static void
on_error(void *ud, xmlErrorPtr e)
{
	struct feed_parser *p = ((xmlParserCtxtPtr)ud)->_private;
	size_t n;

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	/* An entity loop or amplification (the billion laughs) stops the
	 * parse: whatever follows is lost, so the feed failed. */
	if (e->code == XML_ERR_ENTITY_LOOP && !p->fatal) {
		p->fatal = 1;
		buf_reset(&p->err);
	} else if (p->err.len > 0)
		return;
	buf_printf(&p->err, "line %d: %s", e->line,
	    e->message ? e->message : "XML error");
	n = p->err.len;
	while (n > 0 && (p->err.s[n - 1] == '\n' || p->err.s[n - 1] == ' '))
		n--;
	p->err.len = n;
	p->err.s[n] = '\0';
}

struct feed_parser *
feed_new(const char *url, const char *encoding, const char *http_charset,
    feed_item_fn fn, void *ud)
{
	struct feed_parser *p;

	p = xcalloc(1, sizeof(*p));
	p->url = url ? xstrdup(url) : NULL;
	p->override = encoding && *encoding ? xstrdup(encoding) : NULL;
	p->http_charset = http_charset && *http_charset ?
	    xstrdup(http_charset) : NULL;
	p->fn = fn;
	p->ud = ud;
	p->frcap = 32;
	p->fr = xcalloc(p->frcap, sizeof(*p->fr));
	p->fr[0].base = p->url;
	p->pub = p->upd = DATE_NONE;
	p->permalink = 1;
	return p;
}

static int
start_parser(struct feed_parser *p)
{
	static xmlSAXHandler sax;
	static int init;

	if (!init) {
		xmlSAXVersion(&sax, 2);
		sax.startElementNs = on_start;
		sax.endElementNs = on_end;
		sax.characters = on_text;
		sax.cdataBlock = on_text;
		sax.ignorableWhitespace = on_text;
		sax.comment = NULL;
		sax.processingInstruction = NULL;
		sax.externalSubset = NULL;
		sax.error = NULL;
		sax.warning = NULL;
		sax.serror = on_error;
		init = 1;
	}
	/* userData stays the context: libxml2's own SAX2 callbacks (the
	 * document, the internal subset, entities) need it */
	p->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, p->url);
	if (p->ctxt == NULL)
		return -1;
	p->ctxt->_private = p;
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_NOENT | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
	    XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
	p->ctxt->sax->serror = on_error;
	xmlSwitchEncoding(p->ctxt, XML_CHAR_ENCODING_UTF8);
	return 0;
}

/* What the first bytes say about UTF-8: 1 when they hold valid
 * multi-byte sequences and no invalid ones, -1 when they hold invalid
 * ones and no valid ones, 0 otherwise (ASCII, or a mixture). */
static int
utf8_evidence(const char *s, size_t n)
{
	size_t good, bad;

	/* an invalid byte near the end may be a sequence cut short */
	utf8_tally(s, n, 4, &good, &bad);
	if (good > 0 && bad == 0)
		return 1;
	if (bad > 0 && good == 0)
		return -1;
	return 0;
}

/* Is this label an ASCII-compatible single-byte Latin encoding? */
static int
latin_label(const char *e)
{
	const char *a = charset_alias(e);

	return ascii_casecmp(a, "WINDOWS-1252") == 0;
}

/* Pick the encoding from the first bytes and set up the decoder: the
 * config's encoding= wins, then a BOM, then the server's charset, then
 * the XML declaration, then UTF-8.  A declared (not served) Latin-1 that
 * is plainly UTF-8, or an assumed UTF-8 that is plainly not, is
 * corrected from the bytes. */
static void
sniff(struct feed_parser *p, const char *s, size_t n, size_t *skip)
{
	char enc[64];
	const char *use = NULL;
	size_t bl = 0;
	int declared = 0, ev;

	*skip = 0;
	if (charset_sniff_xml(s, n, enc, sizeof(enc), &bl) == 0) {
		*skip = bl;
		use = enc;
		declared = bl == 0;
	}
	if (p->http_charset != NULL && bl == 0) {
		use = p->http_charset;
		declared = 0;
	}
	if (p->override == NULL && bl == 0 && (use == NULL || declared)) {
		ev = utf8_evidence(s, n);
		if (use != NULL && latin_label(use) && ev == 1)
			use = "UTF-8";
		else if ((use == NULL || ascii_casecmp(charset_alias(use),
		    "UTF-8") == 0) && ev == -1)
			use = "windows-1252";
	}
	if (p->override != NULL)
		use = p->override;
	if ((p->dec = charset_decoder_new(use)) == NULL) {
		if (p->err.len == 0)
			buf_printf(&p->err, "unknown encoding %s, read as "
			    "UTF-8", use);
		p->dec = charset_decoder_new(NULL);
	}
	p->sniffed = 1;
}

/* Is name[0..n) one of XML's own five references? */
static int
xml_ref(const char *s, size_t n)
{
	return (n == 3 && memcmp(s, "amp", 3) == 0) ||
	    (n == 2 && (memcmp(s, "lt", 2) == 0 || memcmp(s, "gt", 2) == 0)) ||
	    (n == 4 && (memcmp(s, "quot", 4) == 0 ||
	    memcmp(s, "apos", 4) == 0));
}

static int
xml_char_ok(unsigned long v)
{
	return v == 9 || v == 10 || v == 13 || (v >= 0x20 && v < 0xD800) ||
	    (v >= 0xE000 && v < 0xFFFE) || (v >= 0x10000 && v <= 0x10FFFF);
}

/* Handle the '&' at s[0]; n bytes are available.  Appends the fixed form
 * to out and returns the bytes consumed. */
static size_t
fix_ref(struct feed_parser *p, const char *s, size_t n, struct buf *out)
{
	size_t i;
	uint32_t cp;

	if (n > 1 && s[1] == '#') {
		unsigned long v = 0;
		int hex = 0, nd = 0;

		i = 2;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		for (; i < n && nd < 10; i++, nd++) {
			if (ASCII_ISDIGIT(s[i]))
				v = v * (hex ? 16 : 10) + (unsigned long)(s[i] -
				    '0');
			else if (hex && ASCII_ISXDIGIT(s[i]))
				v = v * 16 + (unsigned long)((s[i] | 32) -
				    'a' + 10);
			else
				break;
		}
		if (nd > 0 && i < n && s[i] == ';') {
			if (v >= 0x80 && v < 0xA0)
				buf_printf(out, "&#%u;", (unsigned)c1_remap(
				    (uint32_t)v));
			else if (xml_char_ok(v))
				buf_put(out, s, i + 1);
			else
				buf_puts(out, "&#65533;");
			return i + 1;
		}
		buf_puts(out, "&amp;");
		return 1;
	}
	for (i = 1; i < n && i < 33 && (ASCII_ISALNUM(s[i]) || s[i] == '_' ||
	    s[i] == '-' || s[i] == '.'); i++)
		;
	if (i > 1 && i < n && s[i] == ';') {
		if (xml_ref(s + 1, i - 1)) {
			buf_put(out, s, i + 1);
			return i + 1;
		}
		if ((cp = entity_lookup(s + 1, i - 1)) != 0) {
			buf_printf(out, "&#%u;", (unsigned)cp);
			return i + 1;
		}
		if (p->subset) {
			/* perhaps declared in the internal subset */
			buf_put(out, s, i + 1);
			return i + 1;
		}
	}
	buf_puts(out, "&amp;");
	return 1;
}

/* The first '&', or '<' of a "<!", in s[i..lim), or lim; s[lim] may be
 * read (the '!' of a "<!" that starts at lim - 1).  A word is skipped
 * when it holds no '&' and the word one byte on holds no '!'. */
static size_t
plain_end(const char *s, size_t i, size_t lim)
{
	size_t end;

	for (;;) {
		while (i + 8 <= lim && !(swar_has(swar_load(s + i), '&') |
		    swar_has(swar_load(s + i + 1), '!')))
			i += 8;
		end = i + 8 < lim ? i + 8 : lim;
		for (; i < end; i++)
			if (s[i] == '&' || (s[i] == '<' && s[i + 1] == '!'))
				return i;
		if (i >= lim)
			return lim;
	}
}

/* Run the reference fixer over dbuf into xbuf; keeps the last LOOKAHEAD
 * bytes back unless final. */
static void
fixer(struct feed_parser *p, int final)
{
	const char *s = p->dbuf.s;
	size_t n = p->dbuf.len, lim, i = 0, j;

	if (n == 0)
		return;
	lim = final ? n : n > LOOKAHEAD ? n - LOOKAHEAD : 0;
	buf_grow(&p->xbuf, n);
	while (i < lim) {
		switch (p->fstate) {
		case 0:
			/* copy up to a reference or a "<!" construct */
			j = plain_end(s, i, lim);
			buf_put(&p->xbuf, s + i, j - i);
			i = j;
			if (i >= lim)
				break;
			if (s[i] == '&') {
				i += fix_ref(p, s + i, n - i, &p->xbuf);
				break;
			}
			if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
				buf_put(&p->xbuf, s + i, 9);
				i += 9;
				p->fstate = 1;
			} else if (n - i >= 4 && memcmp(s + i, "<!--", 4) ==
			    0) {
				buf_put(&p->xbuf, s + i, 4);
				i += 4;
				p->fstate = 2;
			} else if (n - i >= 9 && memcmp(s + i, "<!DOCTYPE",
			    9) == 0) {
				buf_put(&p->xbuf, s + i, 9);
				i += 9;
				p->fstate = 3;
				p->dtd_depth = 0;
				p->dtd_quote = 0;
			} else {
				buf_putc(&p->xbuf, '<');
				i++;
			}
			break;
		case 1:
		case 2: {
			const char *end = p->fstate == 1 ? "]]>" : "-->";

			for (j = i; j < lim; j++) {
				const char *e = memchr(s + j, end[0], lim - j);

				if (e == NULL) {
					j = lim;
					break;
				}
				j = (size_t)(e - s);
				if (n - j >= 3 && memcmp(s + j, end, 3) == 0)
					break;
			}
			if (j < lim) {
				buf_put(&p->xbuf, s + i, j + 3 - i);
				i = j + 3;
				p->fstate = 0;
			} else {
				buf_put(&p->xbuf, s + i, j - i);
				i = j;
			}
			break;
		}
		case 3:
			if (p->dtd_quote) {
				if (s[i] == p->dtd_quote)
					p->dtd_quote = 0;
			} else if (s[i] == '"' || s[i] == '\'')
				p->dtd_quote = s[i];
			else if (s[i] == '[') {
				p->dtd_depth++;
				p->subset = 1;
			} else if (s[i] == ']')
				p->dtd_depth--;
			else if (s[i] == '>' && p->dtd_depth <= 0)
				p->fstate = 0;
			buf_putc(&p->xbuf, s[i]);
			i++;
			break;
		}
	}
	/* keep the unprocessed tail */
	memmove(p->dbuf.s, p->dbuf.s + i, n - i);
	p->dbuf.len = n - i;
	p->dbuf.s[p->dbuf.len] = '\0';
}

static int
parse_xbuf(struct feed_parser *p, int final)
{
	int r = 0;

	if (p->ctxt == NULL)
		return -1;
	if (p->xbuf.len > 0 || final) {
		if (!p->notfeed)
			r = xmlParseChunk(p->ctxt, p->xbuf.s ? p->xbuf.s : "",
			    (int)p->xbuf.len, final);
		buf_reset(&p->xbuf);
	}
	return p->notfeed ? -1 : r;
}

int
feed_push(struct feed_parser *p, const char *s, size_t n)
{
	struct buf head = BUF_INIT;
	size_t skip, k;
	int r = 0;

	p->nbytes += n;
	if (!p->sniffed) {
		/* wait for enough bytes to see the XML declaration */
		buf_put(&p->head, s, n);
		if (p->head.len < 512 && n > 0)
			return 0;
		sniff(p, buf_str(&p->head), p->head.len, &skip);
		if (start_parser(p) == -1)
			return -1;
		head = p->head;
		buf_init(&p->head);
		s = buf_str(&head) + skip;
		n = head.len - skip;
	}
	/* big inputs go in pieces, so the buffers stay small */
	while (n > 0 && r == 0) {
		k = n > 16384 ? 16384 : n;
		charset_decoder_feed(p->dec, s, k, &p->dbuf, 0);
		fixer(p, 0);
		if (parse_xbuf(p, 0) != 0 && p->notfeed)
			r = -1;
		s += k;
		n -= k;
	}
	buf_free(&head);
	return r;
}

int
feed_end(struct feed_parser *p)
{
	if (!p->sniffed)
		feed_push(p, "", 0);
	if (p->dec != NULL && p->ctxt != NULL) {
		charset_decoder_feed(p->dec, "", 0, &p->dbuf, 1);
		fixer(p, 1);
		parse_xbuf(p, 1);
	}
	if (p->isfeed && !p->fatal)
		return 0;
	if (p->fatal)
		;	/* the message says why */
	else if (p->notfeed) {
		buf_reset(&p->err);
		buf_printf(&p->err, "not an RSS or Atom feed (root element "
		    "<%s>)", p->root);
	} else if (p->nbytes == 0) {
		buf_reset(&p->err);
		buf_puts(&p->err, "empty document");
	} else if (p->err.len == 0)
		buf_puts(&p->err, "no XML document");
	return -1;
}

const char *
feed_title(const struct feed_parser *p)
{
	return p->ftitle.len > 0 ? p->ftitle.s : NULL;
}

const char *
feed_lang(const struct feed_parser *p)
{
	return p->flang.len > 0 ? p->flang.s : NULL;
}

const char *
feed_error(const struct feed_parser *p)
{
	return p->err.len > 0 ? p->err.s : NULL;
}

size_t
feed_nitems(const struct feed_parser *p)
{
	return p->nitems;
}

static void
field_free(struct field *f)
{
	buf_free(&f->raw);
}

void
feed_free(struct feed_parser *p)
{
	if (p == NULL)
		return;
	if (p->ctxt != NULL) {
		while (p->depth > 0) {
			if (p->fr[p->depth].own_base)
				free(p->fr[p->depth].base);
			if (p->fr[p->depth].own_lang)
				free(p->fr[p->depth].lang);
			p->depth--;
		}
		if (p->ctxt->myDoc != NULL)
			xmlFreeDoc(p->ctxt->myDoc);
		xmlFreeParserCtxt(p->ctxt);
	}
	charset_decoder_free(p->dec);
	free(p->url);
	free(p->override);
	free(p->http_charset);
	buf_free(&p->head);
	buf_free(&p->dbuf);
	buf_free(&p->xbuf);
	free(p->fr);
	buf_free(&p->cbuf);
	buf_free(&p->scratch);
	field_free(&p->title);
	field_free(&p->dctitle);
	field_free(&p->desc);
	field_free(&p->content);
	field_free(&p->desc2);
	buf_free(&p->author2);
	buf_free(&p->link);
	buf_free(&p->altlink);
	buf_free(&p->guid);
	buf_free(&p->author);
	buf_free(&p->aname);
	buf_free(&p->aemail);
	buf_free(&p->cats);
	free(p->catoff);
	free(p->about);
	free(p->itemlang);
	buf_free(&p->ftitle);
	buf_free(&p->flang);
	buf_free(&p->err);
	buf_free(&p->o_title);
	buf_free(&p->o_summary);
	buf_free(&p->o_link);
	buf_free(&p->o_guid);
	buf_free(&p->o_author);
	free(p->catv);
	free(p);
}

int
feed_parse_mem(const char *s, size_t n, const char *url, const char *enc,
    const char *http_charset, feed_item_fn fn, void *ud,
    struct feed_parser **out)
{
	struct feed_parser *p;
	int r;

	/* *out is set first: the callback may ask for the feed title */
	p = feed_new(url, enc, http_charset, fn, ud);
	*out = p;
	feed_push(p, s, n);
	r = feed_end(p);
	return r;
}
