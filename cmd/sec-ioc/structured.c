/* structured.c: the indicators of STIX 2.1 bundles (the "indicator"
 * objects' patterns) and MISP events (their attributes, and those of
 * their objects), read as data, not scanned as prose.  Each value is
 * checked and made canonical by the scanner of common/ioc.c: it must be
 * one whole indicator of the type the document gives it. */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "date.h"
#include "defang.h"
#include "hash.h"
#include "ioc.h"
#include "record.h"
#include "structured.h"
#include "timeutil.h"
#include "url.h"
#include "util.h"

#define CONTEXT_MAX	300

#define M(t)		(1u << (t))
#define M_HASH		(M(IOC_MD5) | M(IOC_SHA1) | M(IOC_SHA256) | \
			    M(IOC_SHA512))
#define M_IP		(M(IOC_IPV4) | M(IOC_IPV6) | M(IOC_CIDR))

/* The document being read. */
struct sdoc {
	json_t	*arr;		/* the IOC objects so far */
	struct strset seen;	/* "type\tvalue" of each, its index */
	unsigned mask;		/* the types wanted */
	const char *origin;
	size_t	 nskip;
	/* the indicator or attribute being read (borrowed) */
	const char *context;
	const char *observed;	/* YYYY-MM-DD, or NULL */
	char	 obsbuf[16];
	struct buf key;
};

/* ---- STIX patterns ---- */

static int
pat_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
pat_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c == ':';
}

/* The string literal at *pp (its opening quote), escapes undone, into
 * out; *pp is moved past its closing quote.  0, or -1 when it does not
 * end. */
static int
pat_string(const char **pp, struct buf *out)
{
	const char *p = *pp + 1;

	buf_reset(out);
	for (; *p != '\0' && *p != '\''; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		buf_putc(out, *p);
	}
	if (*p != '\'')
		return -1;
	*pp = p + 1;
	buf_str(out);
	return 0;
}

/* The object path at *pp into out: words, list indexes ("[*]", "[0]")
 * and quoted parts after a dot ("hashes.'SHA-256'", kept quoted).  0,
 * or -1 when a quoted part does not end. */
static int
pat_path(const char **pp, struct buf *out)
{
	const char *p = *pp, *q;

	buf_reset(out);
	for (;;) {
		if (pat_word((unsigned char)*p)) {
			buf_putc(out, *p++);
		} else if (*p == '\'' && out->len > 0 &&
		    out->s[out->len - 1] == '.') {
			if ((q = strchr(p + 1, '\'')) == NULL)
				return -1;
			buf_put(out, p, (size_t)(q + 1 - p));
			p = q + 1;
		} else if (*p == '[' && out->len > 0 &&
		    (q = strchr(p, ']')) != NULL &&
		    strspn(p + 1, "*0123456789") == (size_t)(q - p - 1)) {
			buf_put(out, p, (size_t)(q + 1 - p));
			p = q + 1;
		} else
			break;
	}
	*pp = p;
	buf_str(out);
	return 0;
}

int
stix_pattern_each(const char *pat, stix_cmp_fn fn, void *arg)
{
	struct buf path = BUF_INIT, val = BUF_INIT, w = BUF_INIT;
	const char *p = pat;
	int n = 0, neg, rc = 0;

	while (*p != '\0') {
		if (pat_space((unsigned char)*p)) {
			p++;
			continue;
		}
		if (*p == '\'') {
			/* a literal on its own: t'...', an IN list */
			if (pat_string(&p, &val) == -1)
				goto bad;
			continue;
		}
		if (!pat_word((unsigned char)*p)) {
			p++;
			continue;
		}
		if (pat_path(&p, &path) == -1)
			goto bad;
		if (strchr(path.s, ':') == NULL)
			continue;	/* a keyword, a number, a prefix */
		/* a comparison: path [NOT] op value */
		while (pat_space((unsigned char)*p))
			p++;
		neg = 0;
		if (strncmp(p, "NOT", 3) == 0 &&
		    !pat_word((unsigned char)p[3])) {
			neg = 1;
			p += 3;
			while (pat_space((unsigned char)*p))
				p++;
		}
		if (p[0] != '=' || p[1] == '=') {
			/* another operator: its value is skipped as it
			 * comes */
			if (pat_word((unsigned char)*p)) {
				if (pat_path(&p, &w) == -1)
					goto bad;
			}
			continue;
		}
		p++;
		while (pat_space((unsigned char)*p))
			p++;
		if (*p != '\'')
			continue;
		if (pat_string(&p, &val) == -1)
			goto bad;
		if (!neg) {
			fn(path.s, val.s, arg);
			n++;
		}
	}
	rc = n;
	goto out;
bad:
	rc = -1;
out:
	buf_free(&path);
	buf_free(&val);
	buf_free(&w);
	return rc;
}

/* The types a STIX object path may hold: 0 when none of ours. */
static unsigned
path_types(const char *path)
{
	static const struct { const char *name; enum ioc_type t; } hashes[] = {
		{ "md5", IOC_MD5 }, { "sha-1", IOC_SHA1 }, { "sha1", IOC_SHA1 },
		{ "sha-256", IOC_SHA256 }, { "sha256", IOC_SHA256 },
		{ "sha-512", IOC_SHA512 }, { "sha512", IOC_SHA512 },
	};
	static const struct { const char *obj; unsigned m; } values[] = {
		{ "ipv4-addr", M(IOC_IPV4) | M(IOC_CIDR) },
		{ "ipv6-addr", M(IOC_IPV6) },
		{ "domain-name", M(IOC_DOMAIN) },
		{ "url", M(IOC_URL) },
		{ "email-addr", M(IOC_EMAIL) },
	};
	const char *prop = strchr(path, ':'), *h;
	size_t i, on, hn, pl;

	if (prop == NULL)
		return 0;
	on = (size_t)(prop - path);
	prop++;
	if ((h = strstr(prop, "hashes.")) != NULL) {
		h += 7;
		hn = strlen(h);
		if (hn >= 2 && h[0] == '\'' && h[hn - 1] == '\'') {
			h++;
			hn -= 2;
		}
		for (i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++)
			if (strlen(hashes[i].name) == hn &&
			    ascii_ncasecmp(h, hashes[i].name, hn) == 0)
				return M(hashes[i].t);
		return 0;
	}
	if (strcmp(prop, "value") == 0) {
		for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
			if (strlen(values[i].obj) == on &&
			    ascii_ncasecmp(path, values[i].obj, on) == 0)
				return values[i].m;
		return 0;
	}
	/* a reference's value: network-traffic:dst_ref.value,
	 * email-message:from_ref.value, ...:to_refs[*].value */
	pl = strlen(prop);
	if (pl > 6 && strcmp(prop + pl - 6, ".value") == 0 &&
	    strstr(prop, "_ref") != NULL)
		return M_IP | M(IOC_DOMAIN) | M(IOC_EMAIL);
	return 0;
}

/* ---- the values ---- */

struct whole {
	size_t	 len;
	enum ioc_type type;
	struct buf value;
	int	 found;
};

static int
whole_hit(const struct ioc_hit *h, const char *text, size_t len, void *arg)
{
	struct whole *w = arg;

	(void)text;
	if (h->off != 0 || h->len != w->len || len != w->len)
		return 0;
	w->type = h->type;
	buf_reset(&w->value);
	buf_put(&w->value, h->value, h->vlen);
	w->found = 1;
	return 1;
}

/* Add the indicator value[0..n), which the document says is one of
 * the types in types, to d: made canonical by the scanner, or counted
 * as unreadable. */
static void
add_value(struct sdoc *d, const char *value, size_t n, unsigned types)
{
	struct whole w;
	const char *tn;
	json_t *o, *c;
	size_t idx, i;
	int isnew;

	while (n > 0 && (*value == ' ' || *value == '\t'))
		value++, n--;
	while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\t'))
		n--;
	/* a domain written absolute, "example.com." */
	if ((types & M(IOC_DOMAIN)) && n > 1 && value[n - 1] == '.')
		n--;
	if ((types & d->mask) == 0 || n == 0)
		return;
	memset(&w, 0, sizeof(w));
	buf_init(&w.value);
	w.len = n;
	(void)ioc_scan(value, n, types & d->mask, whole_hit, &w);
	if (!w.found && (types & d->mask & M(IOC_URL)) && url_is_http(value) &&
	    n <= IOC_MAX_LEN && memchr(value, ' ', n) == NULL &&
	    memchr(value, '\n', n) == NULL) {
		/* a URL the scanner cuts short (a path it does not take
		 * whole): the document's own value */
		w.found = 1;
		w.type = IOC_URL;
		buf_put(&w.value, value, n);
	}
	if (!w.found) {
		d->nskip++;
		buf_free(&w.value);
		return;
	}
	tn = ioc_type_name(w.type);
	buf_reset(&d->key);
	buf_puts(&d->key, tn);
	buf_putc(&d->key, '\t');
	buf_put(&d->key, w.value.s, w.value.len);
	idx = strset_add(&d->seen, d->key.s, d->key.len, &isnew);
	if (!isnew) {
		o = json_array_get(d->arr, idx);
		c = json_object_get(o, "count");
		rec_set_new(o, "count",
		    json_integer(json_integer_value(c) + 1));
		if (json_object_get(o, "observed") == NULL &&
		    d->observed != NULL)
			rec_set_str(o, "observed", d->observed);
		buf_free(&w.value);
		return;
	}
	if ((o = json_object()) == NULL)
		errx(1, "out of memory");
	rec_set_str(o, "type", tn);
	rec_set_strn(o, "value", w.value.s, w.value.len);
	buf_reset(&d->key);
	defang(&d->key, buf_str(&w.value), tn);
	rec_set_str(o, "defanged", buf_str(&d->key));
	rec_set_new(o, "count", json_integer(1));
	if (d->context != NULL) {
		/* cut at a character boundary */
		n = strlen(d->context);
		if (n > CONTEXT_MAX) {
			for (i = CONTEXT_MAX; i > 0 &&
			    ((unsigned char)d->context[i] & 0xC0) == 0x80; i--)
				;
			n = i;
		}
		rec_set_new(o, "context", json_string_safe(d->context, n));
	}
	if ((tn = ioc_scope(w.type, w.value.s)) != NULL)
		rec_set_str(o, "scope", tn);
	rec_set_new(o, "known", json_boolean(ioc_known(w.type, w.value.s)));
	rec_set_new(o, "linked", json_false());
	if (d->observed != NULL)
		rec_set_str(o, "observed", d->observed);
	rec_set_str(o, "origin", d->origin);
	arr_append_new(d->arr, o);
	buf_free(&w.value);
}

/* Set d->observed from a date (RFC 3339, a day, or seconds since the
 * epoch as a number or a string of digits); left NULL when it is none. */
static void
set_observed(struct sdoc *d, const json_t *v)
{
	char tb[RFC3339_LEN + 8];
	long long t;
	const char *s;

	if (d->observed != NULL || v == NULL)
		return;
	if (json_is_integer(v))
		t = json_integer_value(v);
	else if (!json_is_string(v))
		return;
	else {
		s = json_string_value(v);
		if (*s == '\0')
			return;
		if (strspn(s, "0123456789") == strlen(s)) {
			if (strtonum_ok(s, 0, 253402300799LL, &t) == -1)
				return;
		} else if (date_parse(s, &t) == -1)
			return;
	}
	if (t < 0 || t > 253402300799LL)
		return;
	time_rfc3339(t, tb);
	memcpy(d->obsbuf, tb, 10);
	d->obsbuf[10] = '\0';
	d->observed = d->obsbuf;
}

/* ---- STIX ---- */

static void
on_cmp(const char *path, const char *value, void *arg)
{
	struct sdoc *d = arg;
	unsigned t;

	if ((t = path_types(path)) != 0)
		add_value(d, value, strlen(value), t);
}

static int
stix_bundle(struct sdoc *d, const json_t *doc, const char **why)
{
	const json_t *objs, *o, *v;
	const char *pt;
	size_t i;

	if (!json_is_object(doc) ||
	    (pt = rec_str(doc, "type")) == NULL || strcmp(pt, "bundle") != 0) {
		*why = "not a STIX bundle";
		return -1;
	}
	objs = json_object_get(doc, "objects");
	if (objs != NULL && !json_is_array(objs)) {
		*why = "a STIX bundle whose objects are not an array";
		return -1;
	}
	json_array_foreach(objs, i, o) {
		if (!json_is_object(o) || (pt = rec_str(o, "type")) == NULL ||
		    strcmp(pt, "indicator") != 0 ||
		    json_is_true(json_object_get(o, "revoked")))
			continue;
		if ((pt = rec_str(o, "pattern_type")) != NULL &&
		    strcmp(pt, "stix") != 0)
			continue;	/* sigma, yara, snort... */
		if ((pt = rec_str(o, "pattern")) == NULL)
			continue;
		d->context = rec_str(o, "name");
		if (d->context == NULL)
			d->context = rec_str(o, "description");
		if (d->context == NULL)
			d->context = pt;
		d->observed = NULL;
		if ((v = json_object_get(o, "first_seen")) == NULL)
			v = json_object_get(o, "valid_from");
		set_observed(d, v);
		if (stix_pattern_each(pt, on_cmp, d) == -1)
			d->nskip++;
	}
	return 0;
}

/* ---- MISP ---- */

/* The IOC types of one MISP attribute type (one part of a composite
 * "filename|sha256"): 0 when none of ours. */
static unsigned
misp_types(const char *t, size_t n)
{
	static const struct { const char *name; unsigned m; } map[] = {
		{ "ip-dst", M_IP }, { "ip-src", M_IP }, { "ip", M_IP },
		{ "domain", M(IOC_DOMAIN) }, { "hostname", M(IOC_DOMAIN) },
		{ "url", M(IOC_URL) },
		{ "md5", M(IOC_MD5) }, { "sha1", M(IOC_SHA1) },
		{ "sha256", M(IOC_SHA256) }, { "sha512", M(IOC_SHA512) },
		{ "email", M(IOC_EMAIL) }, { "email-src", M(IOC_EMAIL) },
		{ "email-dst", M(IOC_EMAIL) },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strlen(map[i].name) == n && memcmp(map[i].name, t, n) == 0)
			return map[i].m;
	return 0;
}

static void
misp_attribute(struct sdoc *d, const json_t *a, const char *info,
    const json_t *edate)
{
	const char *type, *value, *tp, *vp, *te, *ve;
	const json_t *v;

	if (!json_is_object(a) || (type = rec_str(a, "type")) == NULL ||
	    (value = rec_str(a, "value")) == NULL)
		return;
	v = json_object_get(a, "to_ids");
	if (json_is_false(v) || (json_is_string(v) &&
	    strcmp(json_string_value(v), "0") == 0))
		return;		/* not meant for detection */
	if (json_is_true(json_object_get(a, "deleted")))
		return;
	d->context = rec_str(a, "comment");
	if (d->context == NULL || *d->context == '\0')
		d->context = info;
	d->observed = NULL;
	set_observed(d, json_object_get(a, "first_seen"));
	set_observed(d, json_object_get(a, "timestamp"));
	set_observed(d, edate);
	/* "domain|ip": type parts and value parts go together */
	for (tp = type, vp = value;; tp = te + 1, vp = ve + 1) {
		te = strchr(tp, '|');
		ve = strchr(vp, '|');
		if (te == NULL)
			te = tp + strlen(tp);
		if (ve == NULL || *te == '\0')
			ve = vp + strlen(vp);
		add_value(d, vp, (size_t)(ve - vp),
		    misp_types(tp, (size_t)(te - tp)));
		if (*te == '\0' || *ve == '\0')
			break;
	}
}

static void
misp_event(struct sdoc *d, const json_t *ev)
{
	const json_t *attrs, *objs, *o, *a, *edate;
	const char *info;
	size_t i, j;

	info = rec_str(ev, "info");
	edate = json_object_get(ev, "date");
	attrs = json_object_get(ev, "Attribute");
	json_array_foreach(attrs, i, a)
		misp_attribute(d, a, info, edate);
	objs = json_object_get(ev, "Object");
	json_array_foreach(objs, i, o) {
		attrs = json_object_get(o, "Attribute");
		json_array_foreach(attrs, j, a)
			misp_attribute(d, a, info, edate);
	}
}

/* The events of doc: {"Event": {...}}, a list of those, or the REST
 * API's {"response": [...]}. */
static int
misp_doc(struct sdoc *d, const json_t *doc, const char **why)
{
	const json_t *list, *e, *ev;
	size_t i, n = 0;

	if (json_is_object(doc) && (ev = json_object_get(doc, "Event")) !=
	    NULL) {
		if (!json_is_object(ev)) {
			*why = "a MISP Event that is not an object";
			return -1;
		}
		misp_event(d, ev);
		return 0;
	}
	list = json_is_array(doc) ? doc : json_is_object(doc) ?
	    json_object_get(doc, "response") : NULL;
	json_array_foreach(list, i, e) {
		ev = json_object_get(e, "Event");
		if (json_is_object(ev)) {
			misp_event(d, ev);
			n++;
		}
	}
	if (n == 0) {
		*why = "no MISP Event in it";
		return -1;
	}
	return 0;
}

json_t *
structured_iocs(const char *s, size_t n, const char *format, unsigned mask,
    size_t *nskip, const char **why)
{
	struct sdoc d;
	json_error_t jerr;
	json_t *doc;
	int rc;

	*nskip = 0;
	if ((doc = json_loadb(s, n, 0, &jerr)) == NULL) {
		*why = "not JSON";
		return NULL;
	}
	memset(&d, 0, sizeof(d));
	if ((d.arr = json_array()) == NULL)
		errx(1, "out of memory");
	d.mask = mask;
	buf_init(&d.key);
	if (strcmp(format, "stix") == 0) {
		d.origin = "stix";
		rc = stix_bundle(&d, doc, why);
	} else {
		d.origin = "misp";
		rc = misp_doc(&d, doc, why);
	}
	json_decref(doc);
	buf_free(&d.key);
	strset_free(&d.seen);
	*nskip = d.nskip;
	if (rc == -1) {
		json_decref(d.arr);
		return NULL;
	}
	return d.arr;
}
