/* validate.c: a model's answer is untrusted data.  Check it against the
 * digest schema, clean and trim it, keep only IOCs the record itself has,
 * and warn about CVE ids and numbers the article does not contain. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "defang.h"
#include "ioc.h"
#include "record.h"
#include "summarize.h"
#include "taxonomy.h"
#include "utf8.h"
#include "util.h"

#define MAX_ITEM_CP	300

void
digest_warn(json_t *digest, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	json_t *w, *v;
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	w = json_object_get(digest, "warnings");
	if (!json_is_array(w)) {
		w = json_array();
		rec_set_new(digest, "warnings", w);
	}
	json_array_foreach(w, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v),
		    buf_str(&b)) == 0) {
			buf_free(&b);
			return;
		}
	arr_append_new(w, json_string_safe(b.s, b.len));
	buf_free(&b);
}

/* Copy s[0..n) without the commas that stand right before a closing
 * bracket (outside strings): the commonest error of hand-written JSON. */
static void
drop_trailing_commas(struct buf *out, const char *s, size_t n)
{
	size_t i, k;
	int str = 0;

	for (i = 0; i < n; i++) {
		if (str) {
			if (s[i] == '\\' && i + 1 < n)
				buf_putc(out, s[i++]);
			else if (s[i] == '"')
				str = 0;
		} else if (s[i] == '"')
			str = 1;
		else if (s[i] == ',') {
			for (k = i + 1; k < n &&
			    ASCII_ISSPACE((unsigned char)s[k]); k++)
				;
			if (k < n && (s[k] == '}' || s[k] == ']'))
				continue;
		}
		buf_putc(out, s[i]);
	}
}

/* The end (one past) of the balanced {...} that starts at s[0], or 0
 * when it is not closed. */
static size_t
balanced_end(const char *s, size_t n)
{
	size_t i, depth = 0;
	int str = 0;

	for (i = 0; i < n; i++) {
		if (str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				str = 0;
		} else if (s[i] == '"')
			str = 1;
		else if (s[i] == '{' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
			return i + 1;
	}
	return 0;
}

/* Parse s[0..n) as an object, with trailing commas forgiven (new or
 * NULL). */
static json_t *
load_object(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	json_t *j;

	if ((j = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL)) == NULL) {
		drop_trailing_commas(&b, s, n);
		j = json_loadb(buf_str(&b), b.len, JSON_REJECT_DUPLICATES,
		    NULL);
		buf_free(&b);
	}
	if (j != NULL && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

json_t *
answer_from_text(const char *s, size_t n)
{
	json_t *j;
	size_t a, e;
	int tries;

	while (n > 0 && ASCII_ISSPACE((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && ASCII_ISSPACE((unsigned char)s[n - 1]))
		n--;
	if ((j = load_object(s, n)) != NULL)
		return j;
	/* fences and prose around it: the first balanced object that
	 * parses, then the outermost braces */
	for (a = 0, tries = 0; a < n && tries < 8; a++) {
		if (s[a] != '{')
			continue;
		tries++;
		if ((e = balanced_end(s + a, n - a)) == 0)
			break;	/* not closed: nor is any later one */
		if ((j = load_object(s + a, e)) != NULL)
			return j;
		a += e - 1;
	}
	for (a = 0; a < n && s[a] != '{'; a++)
		;
	for (e = n; e > a && s[e - 1] != '}'; e--)
		;
	if (a >= n || e <= a)
		return NULL;
	return load_object(s + a, e - a);
}

#define SALVAGE_DEPTH	64

json_t *
answer_salvage(const char *s, size_t n)
{
	char stack[SALVAGE_DEPTH], kept[SALVAGE_DEPTH];
	size_t i, a, depth = 0, kdepth = 0, safe = 0;
	struct buf b = BUF_INIT;
	json_t *j;
	int str = 0, key = 0;

	if ((j = answer_from_text(s, n)) != NULL)
		return j;
	for (a = 0; a < n && s[a] != '{'; a++)
		;
	/* safe: the end of the last complete member, kept: the brackets
	 * open there */
	for (i = a; i < n; i++) {
		if (str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"') {
				str = 0;
				if (!key) {
					safe = i + 1;
					kdepth = depth;
					memcpy(kept, stack, depth);
				}
			}
			continue;
		}
		switch (s[i]) {
		case '"':
			str = 1;
			key = 0;
			/* in an object, a string not after a ':' is a key */
			if (depth > 0 && stack[depth - 1] == '{') {
				size_t k = i;

				while (k > a && ASCII_ISSPACE(
				    (unsigned char)s[k - 1]))
					k--;
				key = k > a && s[k - 1] != ':';
			}
			break;
		case '{':
		case '[':
			if (depth == SALVAGE_DEPTH)
				return NULL;
			stack[depth++] = s[i];
			break;
		case '}':
		case ']':
			if (depth == 0)
				return NULL;
			depth--;
			safe = i + 1;
			kdepth = depth;
			memcpy(kept, stack, depth);
			break;
		case ',':
			safe = i;
			kdepth = depth;
			memcpy(kept, stack, depth);
			break;
		}
	}
	if (safe <= a || kdepth == 0)
		return NULL;
	buf_put(&b, s + a, safe - a);
	while (kdepth > 0)
		buf_putc(&b, kept[--kdepth] == '{' ? '}' : ']');
	j = load_object(b.s, b.len);
	buf_free(&b);
	return j;
}

/* A cleaned one-line copy of a model string, at most MAX_ITEM_CP code
 * points (new string; "" when nothing is left). */
static char *
clean_item(const char *s, size_t n)
{
	struct buf c = BUF_INIT, o = BUF_INIT;
	size_t keep;

	clean_text(&c, s, n);
	text_collapse(&o, buf_str(&c), c.len, COLLAPSE_WIDE);
	buf_free(&c);
	if (utf8_len(buf_str(&o), o.len) > MAX_ITEM_CP) {
		keep = cp_prefix(o.s, o.len, MAX_ITEM_CP - 1);
		o.len = keep;
		buf_puts(&o, "\xe2\x80\xa6");
	}
	if (o.s == NULL)
		return xstrdup("");
	return buf_detach(&o);
}

/* The refanged, lower-case form of an indicator, for comparison. */
static void
refang(struct buf *out, const char *s)
{
	size_t i;

	ioc_refang(out, s, strlen(s));
	buf_rtrim(out);
	for (i = 0; i < out->len; i++)
		out->s[i] = (char)ascii_lower((unsigned char)out->s[i]);
	while (out->len > 0 && (out->s[out->len - 1] == '/' ||
	    out->s[out->len - 1] == '.'))
		out->s[--out->len] = '\0';
	for (i = 0; i < out->len && ASCII_ISSPACE((unsigned char)out->s[i]);
	    i++)
		;
	if (i > 0) {
		memmove(out->s, out->s + i, out->len - i + 1);
		out->len -= i;
	}
}

/* The record's IOC whose value matches v, or NULL (borrowed). */
static const json_t *
find_ioc(const json_t *iocs, const char *v)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	const json_t *found = NULL;
	json_t *io;
	size_t i;

	refang(&a, v);
	json_array_foreach(iocs, i, io) {
		const char *x = rec_str(io, "value");

		if (x == NULL)
			continue;
		buf_reset(&b);
		refang(&b, x);
		if (a.len > 0 && strcmp(buf_str(&a), buf_str(&b)) == 0) {
			found = io;
			break;
		}
	}
	buf_free(&a);
	buf_free(&b);
	return found;
}

/* Does the URL u occur in the article or its links? */
static int
url_in_source(const struct source *src, const char *u)
{
	json_t *l;
	size_t i;
	const char *x;

	if (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0)
		return 0;
	if (strstr(src->text, u) != NULL)
		return 1;
	json_array_foreach(src->links, i, l)
		if ((x = rec_str(l, "url")) != NULL && strcmp(x, u) == 0)
			return 1;
	return src->primary != NULL && strcmp(src->primary, u) == 0;
}

static void
set_why(char *why, size_t n, const char *s)
{
	if (n > 0) {
		strncpy(why, s, n - 1);
		why[n - 1] = '\0';
	}
}

/* A model's text as one cleaned line: a string, or the strings of an
 * array joined (new string, or NULL when v is neither). */
static char *
as_text(const json_t *v)
{
	struct buf b = BUF_INIT;
	json_t *x;
	size_t i;
	char *c;

	if (json_is_string(v))
		return clean_item(json_string_value(v), json_string_length(v));
	if (!json_is_array(v))
		return NULL;
	json_array_foreach(v, i, x)
		if (json_is_string(x)) {
			if (b.len > 0)
				buf_putc(&b, ' ');
			buf_put(&b, json_string_value(x),
			    json_string_length(x));
		}
	c = clean_item(buf_str(&b), b.len);
	buf_free(&b);
	return c;
}

/* The length of the list marker ("- ", "* ", "・", "1. ", "(2) ") that
 * starts s, or 0. */
static size_t
bullet_len(const char *s)
{
	static const char *marks[] = { "- ", "* ", "\xe2\x80\xa2",
	    "\xe3\x83\xbb", "\xe2\x97\x8f", "\xe2\x80\x93 " };
	size_t i, k;

	for (i = 0; i < NELEM(marks); i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return strlen(marks[i]);
	k = s[0] == '(' ? 1 : 0;
	for (i = k; ASCII_ISDIGIT((unsigned char)s[i]) && i < k + 2; i++)
		;
	if (i > k && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
		return i + 2;
	return 0;
}

/* Split a model's string into list items, one a line, markers off. */
static void
split_items(json_t *out, const char *s)
{
	const char *p, *e;
	char *line;

	for (p = s; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		while (p < e && ASCII_ISSPACE((unsigned char)*p))
			p++;
		line = xstrndup(p, (size_t)(e - p));
		p = line + bullet_len(line);
		if (*p != '\0')
			arr_append_new(out, json_string(p));
		free(line);
	}
}

/* The answer's list field name as a new array of at most max cleaned
 * items, repaired: a string is split into items, an array's strings are
 * taken and the rest dropped, extra items cut off, each with a warning.
 * Items that read like instructions to a model are dropped and counted in
 * *inj.  *missing is set when the answer has no such field. */
static json_t *
take_list(json_t *d, const json_t *ans, const char *name, size_t max,
    int *inj, int *missing)
{
	json_t *a = json_object_get(ans, name), *in, *out, *v;
	size_t i, n = 0, nonstr = 0;
	char *s;

	*missing = a == NULL;
	out = json_array();
	if (a == NULL || json_is_null(a))
		return out;
	if (json_is_string(a)) {
		in = json_array();
		split_items(in, json_string_value(a));
	} else if (json_is_array(a))
		in = json_incref(a);
	else {
		digest_warn(d, "%s is not a list: dropped", name);
		return out;
	}
	json_array_foreach(in, i, v) {
		if (!json_is_string(v)) {
			nonstr++;
			continue;
		}
		s = clean_item(json_string_value(v), json_string_length(v));
		if (looks_like_instruction(s, strlen(s)))
			(*inj)++;
		else if (s[0] != '\0' && n++ < max)
			arr_append_new(out, json_string_safe(s, strlen(s)));
		free(s);
	}
	if (n > max)
		digest_warn(d, "%s: %zu items, the first %zu kept", name, n,
		    max);
	if (nonstr > 0)
		digest_warn(d, "%s: %zu items that are not text dropped", name,
		    nonstr);
	json_decref(in);
	return out;
}

/* The canonical member of the closed set that s names (case and '_', '-',
 * ' ' ignored), or NULL. */
static const char *
closed_value(const char *const *set, const char *s)
{
	size_t i, k;

	for (; *set != NULL; set++) {
		for (i = k = 0; s[i] != '\0' && (*set)[k] != '\0'; i++, k++) {
			int a = ascii_lower((unsigned char)s[i]);
			int b = ascii_lower((unsigned char)(*set)[k]);

			if (a == ' ' || a == '-')
				a = '_';
			if (b == ' ' || b == '-')
				b = '_';
			if (a != b)
				break;
		}
		if (s[i] == '\0' && (*set)[k] == '\0')
			return *set;
	}
	return NULL;
}

/* Is s a way of saying "not stated"? */
static int
unstated(const char *s)
{
	static const char *none[] = { "", "unknown", "n/a", "na", "none",
	    "null", "not stated", "not_applicable", SUM_UNKNOWN, "なし" };
	size_t i;

	for (i = 0; i < NELEM(none); i++)
		if (ascii_casecmp(s, none[i]) == 0)
			return 1;
	return 0;
}

/* Set d's key to the closed value the answer's name holds; a value
 * outside the set is dropped with a warning.  Returns the value set. */
static const char *
take_closed(json_t *d, const json_t *ans, const char *name,
    const char *const *set, const char *key)
{
	const json_t *v = json_object_get(ans, name);
	const char *c;
	char *s;

	if (json_is_boolean(v) && set == vocab_followups)
		c = json_is_true(v) ? "yes" : "no";
	else if ((s = as_text(v)) == NULL)
		return NULL;
	else {
		if ((c = closed_value(set, s)) == NULL && !unstated(s))
			digest_warn(d, "%s \"%s\" is not one of its values: "
			    "dropped", name, s);
		free(s);
	}
	if (c != NULL)
		rec_set_str(d, key, c);
	return c;
}

/* A boolean of the answer: true, false, "true", "false" or -1. */
static int
take_bool(const json_t *v)
{
	const char *s = json_string_value(v);

	if (json_is_boolean(v))
		return json_is_true(v);
	if (s != NULL && (ascii_casecmp(s, "true") == 0 ||
	    ascii_casecmp(s, "yes") == 0))
		return 1;
	if (s != NULL && (ascii_casecmp(s, "false") == 0 ||
	    ascii_casecmp(s, "no") == 0))
		return 0;
	return -1;
}

/* Is s a date YYYY-MM-DD? */
static int
is_date(const char *s)
{
	size_t i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !ASCII_ISDIGIT((unsigned char)s[i]))
			return 0;
	return s[10] == '\0' && (s[5] - '0') * 10 + (s[6] - '0') >= 1 &&
	    (s[5] - '0') * 10 + (s[6] - '0') <= 12 &&
	    (s[8] - '0') * 10 + (s[9] - '0') >= 1 &&
	    (s[8] - '0') * 10 + (s[9] - '0') <= 31;
}

/* The candidate index an id names ("i7", "I7", "7"), or -1. */
static long
cand_id(const char *s, size_t n, size_t ncand)
{
	long long v;
	char *t;
	int ok;

	while (n > 0 && ASCII_ISSPACE((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && ASCII_ISSPACE((unsigned char)s[n - 1]))
		n--;
	if (n > 0 && (*s == 'i' || *s == 'I' || *s == '#')) {
		s++;
		n--;
	}
	if (n == 0 || n > 6)
		return -1;
	t = xstrndup(s, n);
	ok = strtonum_ok(t, 1, (long long)ncand, &v) == 0;
	free(t);
	return ok ? (long)v - 1 : -1;
}

/* What an IOC item of the answer says about its candidates. */
struct ioc_item {
	int	 keep;		/* -1 unsaid */
	int	 known;
	const char *category;
	char	*context;	/* new, or NULL */
	const char *observed;
};

/* Record item for the candidates a reference names: an id, a range of
 * ids ("i3-i7"), several ids ("i1, i2") or a value as the article writes
 * it, defanged or not.  Returns 0, or -1 when it names none of them. */
static int
mark_ref(const struct source *src, const char *ref, long *who, long item,
    json_t *dropped)
{
	size_t nc = json_array_size(src->cands), len = strlen(ref), k;
	const char *dash, *p;
	const json_t *io;
	long a, b, i;
	int hit = 0;

	if ((io = find_ioc(src->cands, ref)) == NULL &&
	    (strchr(ref, ',') != NULL || strchr(ref, ' ') != NULL)) {
		/* a list in one string */
		char *t = xstrdup(ref), *tok, *save = NULL;

		for (tok = strtok_r(t, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save))
			if (mark_ref(src, tok, who, item, dropped) == 0)
				hit = 1;
		free(t);
		return hit ? 0 : -1;
	}
	dash = strstr(ref, "\xe2\x80\x93");
	p = dash != NULL ? dash + 3 : (dash = strchr(ref, '-')) != NULL ?
	    dash + 1 : NULL;
	if (p != NULL && (a = cand_id(ref, (size_t)(dash - ref), nc)) >= 0 &&
	    (b = cand_id(p, strlen(p), nc)) >= a) {
		for (i = a; i <= b; i++)
			if (who[i] < 0)
				who[i] = item;
		return 0;
	}
	if ((a = cand_id(ref, len, nc)) >= 0) {
		if (who[a] < 0)
			who[a] = item;
		return 0;
	}
	/* a value: the candidate it refangs to */
	if ((io = find_ioc(src->cands, ref)) != NULL) {
		for (k = 0; k < nc; k++)
			if (json_array_get(src->cands, k) == io && who[k] < 0)
				who[k] = item;
		return 0;
	}
	if (find_ioc(src->iocs, ref) != NULL)
		return 0;	/* one of the record's, not offered */
	if (json_array_size(dropped) < 10) {
		struct buf d = BUF_INIT;
		char *c = clean_item(ref, len);

		defang(&d, c, NULL);
		arr_append_new(dropped, json_string_safe(d.s, d.len));
		free(c);
		buf_free(&d);
	}
	return -1;
}

/* Read one IOC item of the answer into it; its references go to who. */
static void
read_item(json_t *d, const struct source *src, const json_t *v, long item,
    long *who, struct ioc_item *it, json_t *dropped, int *inj)
{
	const json_t *ids, *x;
	const char *s;
	char *c;
	size_t i;
	int b;

	memset(it, 0, sizeof(*it));
	it->keep = -1;
	if (json_is_string(v)) {
		mark_ref(src, json_string_value(v), who, item, dropped);
		return;
	}
	if (!json_is_object(v))
		return;
	ids = json_object_get(v, "ids");
	if (ids == NULL)
		ids = json_object_get(v, "id");
	if (ids == NULL)
		ids = json_object_get(v, "value");
	if (json_is_string(ids))
		mark_ref(src, json_string_value(ids), who, item, dropped);
	json_array_foreach(ids, i, x)
		if (json_is_string(x))
			mark_ref(src, json_string_value(x), who, item, dropped);
	it->keep = take_bool(json_object_get(v, "keep"));
	b = take_bool(json_object_get(v, "known"));
	it->known = b == 1;
	if ((c = as_text(json_object_get(v, "category"))) != NULL) {
		if ((it->category = closed_value(vocab_categories, c)) == NULL)
			digest_warn(d, "IOC category \"%s\" is not one of its "
			    "values: dropped", c);
		free(c);
	}
	if ((c = as_text(json_object_get(v, "context"))) != NULL) {
		if (looks_like_instruction(c, strlen(c))) {
			(*inj)++;
			c[0] = '\0';
		}
		if (c[0] == '\0') {
			free(c);
			c = NULL;
		}
		it->context = c;
	}
	if ((s = json_string_value(json_object_get(v, "observed"))) != NULL &&
	    !unstated(s)) {
		if (is_date(s))
			it->observed = s;
		else
			digest_warn(d, "IOC observation date \"%.40s\" is not "
			    "YYYY-MM-DD: dropped", s);
	}
}

/* The digest's entry for candidate io and what the answer said of it
 * (new). */
static json_t *
ioc_entry(const json_t *io, const struct ioc_item *it)
{
	const char *ctx = it != NULL ? it->context : NULL, *s;
	int lk = json_is_true(json_object_get(io, "known"));
	int mk = it != NULL && it->known;
	json_t *o = json_object();
	char *c;

	rec_set_str(o, "value", rec_str(io, "value"));
	rec_set_str(o, "type", rec_str(io, "type") ? rec_str(io, "type") :
	    "unknown");
	rec_set_new(o, "known", json_boolean(lk || mk));
	if (ctx == NULL && (s = rec_str(io, "context")) != NULL) {
		c = clean_item(s, strlen(s));
		rec_set_str(o, "context", c[0] != '\0' &&
		    !looks_like_instruction(c, strlen(c)) ? c : SUM_UNKNOWN);
		free(c);
	} else
		rec_set_str(o, "context", ctx ? ctx : SUM_UNKNOWN);
	rec_set_str(o, "scope", rec_str(io, "scope") ? rec_str(io, "scope") :
	    "NA");
	rec_set_new(o, "keep", json_boolean(it == NULL || it->keep != 0));
	if (it != NULL && it->category != NULL)
		rec_set_str(o, "category", it->category);
	rec_set_new(o, "model_known", json_boolean(mk));
	rec_set_new(o, "list_known", json_boolean(lk));
	if (it != NULL && it->observed != NULL)
		rec_set_str(o, "observed", it->observed);
	else if ((s = rec_str(io, "observed")) != NULL)
		rec_set_str(o, "observed", s);
	if ((s = rec_str(io, "found_in")) != NULL)
		rec_set_str(o, "found_in", s);
	return o;
}

/* Warn about the values of list a (defanged, the first ten). */
static void
warn_values(json_t *d, const char *what, const json_t *a, size_t n)
{
	struct buf b = BUF_INIT, v = BUF_INIT;
	json_t *x;
	size_t i;

	json_array_foreach(a, i, x) {
		if (i == 10) {
			buf_puts(&b, ", ...");
			break;
		}
		buf_reset(&v);
		defang(&v, json_string_value(x), NULL);
		buf_printf(&b, "%s%s", i ? ", " : "", buf_str(&v));
	}
	digest_warn(d, "%zu %s: %s", n, what, buf_str(&b));
	buf_free(&b);
	buf_free(&v);
}

/* The digest's iocs and omitted from the answer's iocs: each candidate
 * the answer names by id or value, in the order of the candidates; the
 * record's other reportable indicators and the candidates it does not
 * name are omitted. */
static void
take_iocs(json_t *d, const json_t *ans, const struct source *src, int *inj)
{
	const json_t *a = json_object_get(ans, "iocs");
	json_t *tmp = NULL;
	size_t nc = json_array_size(src->cands), na, i, k;
	json_t *out, *omitted, *dropped, *v;
	struct ioc_item *items;
	long *who;

	if (json_is_object(a))
		a = NULL;	/* not a list */
	if (json_is_string(a))
		a = tmp = json_pack("[O]", a);	/* "i1, i2" */
	na = json_is_array(a) ? json_array_size(a) : 0;
	items = xcalloc(na + 1, sizeof(*items));
	who = xcalloc(nc + 1, sizeof(*who));
	for (k = 0; k < nc; k++)
		who[k] = -1;
	dropped = json_array();
	json_array_foreach(a, i, v)
		read_item(d, src, v, (long)i, who, &items[i], dropped, inj);
	out = json_array();
	omitted = json_array();
	for (k = 0; k < nc; k++) {
		const json_t *io = json_array_get(src->cands, k);

		if (who[k] >= 0)
			arr_append_new(out, ioc_entry(io, &items[who[k]]));
		else
			arr_append_new(omitted, json_string(rec_str(io,
			    "value")));
	}
	if (json_array_size(dropped) > 0) {
		struct buf b = BUF_INIT;

		json_array_foreach(dropped, i, v)
			buf_printf(&b, "%s%s", i ? ", " : "",
			    json_string_value(v));
		digest_warn(d, "IOCs not in the article dropped: %s",
		    buf_str(&b));
		buf_free(&b);
	}
	if (json_array_size(omitted) > 0)
		warn_values(d, "IOC candidates not in the answer", omitted,
		    json_array_size(omitted));
	/* the reportable indicators beyond the limit of the prompt */
	k = json_array_size(omitted);
	json_array_foreach(src->iocs, i, v)
		if (rec_str(v, "value") != NULL &&
		    ioc_reportable(rec_str(v, "type")) &&
		    find_ioc(src->cands, rec_str(v, "value")) == NULL)
			arr_append_new(omitted, json_string(rec_str(v,
			    "value")));
	if (json_array_size(omitted) > k)
		digest_warn(d, "%zu IOC candidates over the limit of %d were "
		    "not sent to the model", json_array_size(omitted) - k,
		    SUM_MAX_IOCS);
	rec_set_new(d, "iocs", out);
	if (json_array_size(omitted) > 0)
		rec_set_new(d, "omitted", omitted);
	else
		json_decref(omitted);
	json_decref(dropped);
	for (i = 0; i < na; i++)
		free(items[i].context);
	free(items);
	free(who);
	json_decref(tmp);
}

/* The URL a primary source reference names: a link id ("l3") or one of
 * the article's URLs (borrowed), else NULL. */
static const char *
link_ref(const struct source *src, const char *ref)
{
	long long v;

	if ((ref[0] == 'l' || ref[0] == 'L') &&
	    strtonum_ok(ref + 1, 1, (long long)json_array_size(src->clinks),
	    &v) == 0)
		return rec_str(json_array_get(src->clinks, (size_t)v - 1),
		    "url");
	return url_in_source(src, ref) ? ref : NULL;
}

/* primary_sources (link ids) and primary_source, the first of them. */
static void
take_sources(json_t *d, const json_t *ans, const struct source *src,
    int *missing)
{
	json_t *a = json_object_get(ans, "primary_sources"), *out, *v, *x;
	const char *u;
	size_t i, j, bad = 0;
	int dup;

	*missing = a == NULL;
	if (a == NULL)
		a = json_object_get(ans, "primary_source");
	if (json_is_string(a) || json_is_null(a))
		a = json_pack("[O]", a);
	else
		json_incref(a);
	out = json_array();
	json_array_foreach(a, i, v) {
		if (!json_is_string(v) || json_string_length(v) == 0)
			continue;
		if ((u = link_ref(src, json_string_value(v))) == NULL) {
			bad++;
			continue;
		}
		dup = 0;
		json_array_foreach(out, j, x)
			if (strcmp(json_string_value(x), u) == 0)
				dup = 1;
		if (!dup && json_array_size(out) < 5)
			arr_append_new(out, json_string(u));
	}
	json_decref(a);
	if (bad > 0)
		digest_warn(d, "primary source dropped: the URL is not in the "
		    "article");
	if (json_array_size(out) == 0 && *missing && src->primary != NULL)
		arr_append_new(out, json_string(src->primary));
	if (json_array_size(out) > 0) {
		rec_set_str(d, "primary_source",
		    json_string_value(json_array_get(out, 0)));
		rec_set_new(d, "primary_sources", out);
	} else
		json_decref(out);
}

/* Drop the advice lines that name an indicator, with a warning. */
static void
drop_ioc_advice(json_t *d, json_t *recs, const struct source *src)
{
	size_t i = 0, n = 0;

	while (i < json_array_size(recs))
		if (line_names_ioc(json_string_value(json_array_get(recs, i)),
		    src)) {
			json_array_remove(recs, i);
			n++;
		} else
			i++;
	if (n > 0)
		digest_warn(d, "%zu recommendation%s naming an indicator "
		    "dropped", n, n == 1 ? "" : "s");
}

/* The names of list a (strings) that occur in the article, as a new
 * array; the others are warned about as what. */
static json_t *
grounded_names(json_t *d, const json_t *a, const struct source *src,
    const char *what, size_t max)
{
	json_t *out = json_array(), *v;
	size_t i;
	char *s;

	if (json_is_string(a))
		a = json_pack("[O]", a);
	else
		json_incref((json_t *)a);
	json_array_foreach(a, i, v) {
		if ((s = as_text(v)) == NULL)
			continue;
		if (unstated(s))
			;
		else if (!name_in_text(s, src))
			digest_warn(d, "%s \"%s\" is not in the article: "
			    "dropped", what, s);
		else if (json_array_size(out) < max)
			arr_append_new(out, json_string_safe(s, strlen(s)));
		free(s);
	}
	json_decref((json_t *)a);
	return out;
}

/* actor: objects {name, aliases, confidence} (or bare names) whose name
 * occurs in the article; aliases not in it are dropped. */
static void
take_actors(json_t *d, const json_t *ans, const struct source *src)
{
	json_t *a = json_object_get(ans, "actor"), *out, *v, *o, *al;
	size_t i;
	char *name, *c;
	const char *lv;

	if (a == NULL || json_is_null(a))
		return;
	if (!json_is_array(a))
		a = json_pack("[O]", a);
	else
		json_incref(a);
	out = json_array();
	json_array_foreach(a, i, v) {
		name = json_is_object(v) ? as_text(json_object_get(v, "name")) :
		    as_text(v);
		if (name == NULL || unstated(name)) {
			free(name);
			continue;
		}
		if (!name_in_text(name, src)) {
			digest_warn(d, "actor \"%s\" is not in the article: "
			    "dropped", name);
			free(name);
			continue;
		}
		if (json_array_size(out) >= SUM_MAX_ACTORS) {
			free(name);
			continue;
		}
		o = json_object();
		rec_set_str(o, "name", name);
		al = json_object_get(v, "aliases");
		if (json_is_string(al)) {
			json_t *t = json_array();

			split_items(t, json_string_value(al));
			al = t;
		} else
			json_incref(al);
		rec_set_new(o, "aliases", grounded_names(d, al, src,
		    "actor alias", 10));
		json_decref(al);
		c = as_text(json_object_get(v, "confidence"));
		if (c != NULL && (lv = closed_value(vocab_levels, c)) != NULL)
			rec_set_str(o, "confidence", lv);
		free(c);
		arr_append_new(out, o);
		free(name);
	}
	json_decref(a);
	rec_set_new(d, "actor", out);
}

/* actor_attribute: one of the attribution values, "(suspected)" or "(low
 * confidence)" kept. */
static void
take_attribute(json_t *d, const json_t *ans)
{
	static const char *const attr[] = { "china", "russia", "north-korea",
	    "south-korea", "iran", "belarus", "pakistan", "india", "vietnam",
	    "israel", "turkey", "nation-state", "cybercrime", "hacktivist",
	    "insider", "hack-for-hire", NULL };
	static const char *hedge[] = { " (suspected)", " (low confidence)" };
	struct buf b = BUF_INIT;
	const char *base;
	char *s, *p;
	size_t i;

	if ((s = as_text(json_object_get(ans, "actor_attribute"))) == NULL)
		return;
	for (i = 0; s[i] != '\0'; i++)
		s[i] = (char)ascii_lower((unsigned char)s[i]);
	p = strchr(s, '(');
	buf_put(&b, s, p != NULL ? (size_t)(p - s) : strlen(s));
	buf_rtrim(&b);
	if (unstated(buf_str(&b)))
		;
	else if ((base = closed_value(attr, buf_str(&b))) == NULL)
		digest_warn(d, "actor_attribute \"%s\" is not one of its "
		    "values: dropped", s);
	else {
		buf_reset(&b);
		buf_puts(&b, base);
		for (i = 0; p != NULL && i < NELEM(hedge); i++)
			if (strcmp(p - 1 >= s ? p - 1 : p, hedge[i]) == 0 ||
			    strcmp(p, hedge[i] + 1) == 0)
				buf_puts(&b, hedge[i]);
		rec_set_str(d, "actor_attribute", b.s);
	}
	free(s);
	buf_free(&b);
}

const struct taxonomy *sum_taxonomy;

/* The actor of d named raw: its aliases as "Aliases: a, b" (new) or
 * NULL. */
static char *
alias_note(const json_t *d, const char *raw)
{
	struct buf b = BUF_INIT;
	json_t *a, *x;
	size_t i, j;

	json_array_foreach(json_object_get(d, "actor"), i, a) {
		if (ascii_casecmp(rec_str(a, "name"), raw) != 0 ||
		    json_array_size(json_object_get(a, "aliases")) == 0)
			continue;
		buf_puts(&b, "Aliases: ");
		json_array_foreach(json_object_get(a, "aliases"), j, x)
			buf_printf(&b, "%s%s", j ? ", " : "",
			    json_string_value(x));
		return buf_detach(&b);
	}
	return NULL;
}

/* One tag of the answer checked against the taxonomy: a new object, or
 * NULL with a warning. */
static json_t *
tag_entry(json_t *d, const struct source *src, const char *dim,
    const json_t *val, const json_t *raw)
{
	const struct taxonomy *tax = sum_taxonomy ? sum_taxonomy :
	    taxonomy_builtin();
	const struct tax_dim *td = taxonomy_dim(tax, dim);
	char *v = as_text(val), *r = as_text(raw), *snake, *note;
	json_t *o = NULL;
	size_t i;

	if (v == NULL && r == NULL)
		goto out;
	if (td == NULL) {
		digest_warn(d, "tag dimension \"%s\" is not in the taxonomy: "
		    "dropped", dim);
		goto out;
	}
	if (td->dynamic) {
		if (r == NULL || r[0] == '\0') {
			free(r);
			r = xstrdup(v);
		}
		if (taxonomy_accepts(tax, dim, r) && unstated(r))
			snake = xstrdup(r);
		else if (!name_in_text(r, src)) {
			digest_warn(d, "%s tag \"%s\" is not in the article: "
			    "dropped", dim, r);
			goto out;
		} else if ((snake = tax_snake(r)) == NULL) {
			digest_warn(d, "%s tag \"%s\" has no snake_case form: "
			    "dropped", dim, r);
			goto out;
		}
	} else {
		snake = xstrdup(v != NULL ? v : r);
		for (i = 0; snake[i] != '\0'; i++)
			snake[i] = snake[i] == '-' || snake[i] == ' ' ? '_' :
			    (char)ascii_lower((unsigned char)snake[i]);
	}
	if (!taxonomy_accepts(tax, dim, snake)) {
		digest_warn(d, "%s tag \"%s\" is not one of its values: "
		    "dropped", dim, snake);
		free(snake);
		goto out;
	}
	o = json_object();
	rec_set_str(o, "dimension", td->name);
	rec_set_str(o, "value", snake);
	rec_set_str(o, "raw", r != NULL && r[0] != '\0' ? r : snake);
	if (strcmp(dim, "actor") == 0 && r != NULL &&
	    (note = alias_note(d, r)) != NULL) {
		rec_set_str(o, "note", note);
		free(note);
	}
	free(snake);
out:
	free(v);
	free(r);
	return o;
}

/* tags: a list of {dimension, value, raw}, or an object of dimension:
 * value(s); unique on dimension and value. */
static void
take_tags(json_t *d, const json_t *ans, const struct source *src)
{
	const json_t *a = json_object_get(ans, "tags"), *v, *x;
	json_t *out = json_array(), *t, *y;
	const char *k;
	size_t i, j;
	int dup;

	if (a == NULL || json_is_null(a)) {
		json_decref(out);
		return;
	}
	json_array_foreach(a, i, v) {
		if (!json_is_object(v) ||
		    rec_str(v, "dimension") == NULL)
			continue;
		t = tag_entry(d, src, rec_str(v, "dimension"),
		    json_object_get(v, "value"), json_object_get(v, "raw"));
		if (t != NULL)
			arr_append_new(out, t);
	}
	if (json_is_object(a))
		json_object_foreach((json_t *)a, k, v) {
			if (!json_is_array(v)) {
				if ((t = tag_entry(d, src, k, v, NULL)) != NULL)
					arr_append_new(out, t);
				continue;
			}
			json_array_foreach(v, j, x)
				if ((t = tag_entry(d, src, k, x, NULL)) != NULL)
					arr_append_new(out, t);
		}
	/* unique on (dimension, value), at most SUM_MAX_TAGS */
	for (i = 0; i < json_array_size(out); ) {
		t = json_array_get(out, i);
		dup = i >= SUM_MAX_TAGS;
		for (j = 0; j < i && !dup; j++) {
			y = json_array_get(out, j);
			dup = strcmp(rec_str(t, "dimension"),
			    rec_str(y, "dimension")) == 0 &&
			    strcmp(rec_str(t, "value"), rec_str(y, "value")) == 0;
		}
		if (dup)
			json_array_remove(out, i);
		else
			i++;
	}
	rec_set_new(d, "tags", out);
}

/* Does s hold kana or kanji? */
static int
has_japanese(const char *s)
{
	size_t i = 0, n = strlen(s);
	uint32_t c;
	int l;

	while (i < n) {
		if ((l = utf8_decode(s + i, n - i, &c)) < 1)
			l = 1;
		i += (size_t)l;
		if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 &&
		    c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
			return 1;
	}
	return 0;
}

const char *sum_lang = "ja";

json_t *
validate_answer(const json_t *ans, const struct source *src, char *why,
    size_t whylen)
{
	static const char *opt[] = { "title", "recommendations", "other",
	    "action", "primary_sources", "event_type", "actor",
	    "actor_attribute", "malware", "malware_type", "tags",
	    "confidence", "needs_review", "followup", "iocs" };
	json_t *d, *sum, *recs, *other, *v;
	struct buf miss = BUF_INIT;
	size_t i, ja = 0;
	int inj = 0, m, b;
	char *c;

	if (!json_is_object(ans)) {
		set_why(why, whylen, "The answer is not a JSON object; answer "
		    "with one JSON object that follows the schema.");
		return NULL;
	}
	d = json_object();
	sum = take_list(d, ans, "summary", SUM_MAX_SUMMARY, &inj, &m);
	json_array_foreach(sum, i, v)
		ja += has_japanese(json_string_value(v));
	if (json_array_size(sum) == 0 || (ja == 0 &&
	    strcmp(sum_lang, "ja") == 0)) {
		set_why(why, whylen, json_array_size(sum) == 0 ? "The answer "
		    "has no summary; give summary as a list of up to 5 short "
		    "items." : "The summary is not in Japanese; write the "
		    "title and the summary in Japanese.");
		json_decref(sum);
		json_decref(d);
		return NULL;
	}
	c = as_text(json_object_get(ans, "title"));
	if (c == NULL || c[0] == '\0' || looks_like_instruction(c,
	    strlen(c))) {
		free(c);
		c = xstrdup(src->title[0] ? src->title : SUM_UNKNOWN);
	}
	rec_set_str(d, "title", c);
	free(c);
	rec_set_new(d, "summary", sum);
	take_iocs(d, ans, src, &inj);
	recs = take_list(d, ans, "recommendations", SUM_MAX_RECS, &inj, &m);
	drop_ioc_advice(d, recs, src);
	rec_set_new(d, "recommendations", recs);
	other = take_list(d, ans, "other", SUM_MAX_OTHER, &inj, &m);
	rec_set_new(d, "other", other);
	take_sources(d, ans, src, &m);
	c = as_text(json_object_get(ans, "action"));
	if (c == NULL)
		c = xstrdup("");
	if (looks_like_instruction(c, strlen(c))) {
		inj++;
		c[0] = '\0';
	} else if (line_names_ioc(c, src)) {
		digest_warn(d, "the action names an indicator: dropped");
		c[0] = '\0';
	}
	rec_set_str(d, "action", c[0] ? c : SUM_NO_REC);
	free(c);
	take_closed(d, ans, "event_type", vocab_event_types, "event_type");
	take_actors(d, ans, src);
	take_attribute(d, ans);
	v = json_object_get(ans, "malware");
	if (v != NULL && !json_is_null(v))
		rec_set_new(d, "malware", grounded_names(d, v, src, "malware",
		    SUM_MAX_MALWARE));
	take_closed(d, ans, "malware_type", sum_malware_types,
	    "malware_type");
	take_tags(d, ans, src);
	take_closed(d, ans, "confidence", vocab_levels, "confidence");
	if ((b = take_bool(json_object_get(ans, "needs_review"))) >= 0)
		rec_set_new(d, "needs_review", json_boolean(b));
	take_closed(d, ans, "followup", vocab_followups, "followup");
	/* the optional fields the answer lacks, in one warning */
	for (i = 0; i < NELEM(opt); i++)
		if (json_object_get(ans, opt[i]) == NULL && !(strcmp(opt[i],
		    "iocs") == 0 && json_array_size(src->cands) == 0) &&
		    !(strcmp(opt[i], "primary_sources") == 0 &&
		    json_object_get(ans, "primary_source") != NULL))
			buf_printf(&miss, "%s%s", miss.len ? ", " : "", opt[i]);
	if (miss.len > 0)
		digest_warn(d, "the answer lacks %s", miss.s);
	buf_free(&miss);
	if (inj > 0)
		digest_warn(d, "%d instruction-like line%s of the answer "
		    "dropped", inj, inj == 1 ? "" : "s");
	/* the warnings go last */
	v = json_incref(json_object_get(d, "warnings"));
	json_object_del(d, "warnings");
	rec_set_new(d, "warnings", v ? v : json_array());
	ground_numbers(d, src);
	return d;
}

/* Append s with full-width digits made ASCII and thousands separators
 * between digits removed. */
static void
norm_digits(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i + 3 <= n && (unsigned char)s[i] == 0xEF &&
		    (unsigned char)s[i + 1] == 0xBC &&
		    (unsigned char)s[i + 2] >= 0x90 &&
		    (unsigned char)s[i + 2] <= 0x99) {
			buf_putc(out, '0' + ((unsigned char)s[i + 2] - 0x90));
			i += 2;
			continue;
		}
		if (s[i] == ',' && out->len > 0 &&
		    ASCII_ISDIGIT((unsigned char)out->s[out->len - 1]) &&
		    i + 1 < n && ASCII_ISDIGIT((unsigned char)s[i + 1]))
			continue;
		buf_putc(out, s[i]);
	}
}

/* Does s[0..n) occur in hay, ignoring ASCII case? */
static int
ci_find_n(const struct buf *hay, const char *s, size_t n)
{
	char *needle = xstrndup(s, n);
	int found = ci_find(hay->s, hay->len, needle) != NULL;

	free(needle);
	return found;
}

/* Does the number num[0..n) occur in hay with no digit around it? */
static int
number_in(const char *hay, size_t hl, const char *num, size_t n)
{
	size_t i;

	for (i = 0; i + n <= hl; i++)
		if (memcmp(hay + i, num, n) == 0 &&
		    (i == 0 || !ASCII_ISDIGIT((unsigned char)hay[i - 1])) &&
		    (i + n == hl ||
		    !ASCII_ISDIGIT((unsigned char)hay[i + n])))
			return 1;
	return 0;
}

static void
check_text(json_t *d, const char *t, const struct buf *hay)
{
	struct buf b = BUF_INIT, num = BUF_INIT;
	size_t i, j, k, n;
	const char *s;

	norm_digits(&b, t, strlen(t));
	s = buf_str(&b);
	n = b.len;
	for (i = 0; i < n; i++) {
		if (i + 4 < n && ascii_ncasecmp(s + i, "cve-", 4) == 0 &&
		    (i == 0 || !ASCII_ISALNUM((unsigned char)s[i - 1]))) {
			for (j = i + 4; j < n && (ASCII_ISDIGIT(
			    (unsigned char)s[j]) || s[j] == '-'); j++)
				;
			while (j > i + 4 && s[j - 1] == '-')
				j--;
			if (j - i >= 13 && !ci_find_n(hay, s + i, j - i)) {
				buf_reset(&num);
				for (k = i; k < j; k++)
					buf_putc(&num, ascii_lower(
					    (unsigned char)s[k]) == 'c' ? 'C' :
					    ascii_lower((unsigned char)s[k]) ==
					    'v' ? 'V' : ascii_lower(
					    (unsigned char)s[k]) == 'e' ? 'E' :
					    s[k]);
				digest_warn(d, "%s is not in the article",
				    num.s);
			}
			i = j;
			continue;
		}
		if (!ASCII_ISDIGIT((unsigned char)s[i]))
			continue;
		if (i > 0 && (ASCII_ISALPHA((unsigned char)s[i - 1]) ||
		    s[i - 1] == '-' || s[i - 1] == '.')) {
			/* part of a name or an id (Storm-1175, T1059.001):
			 * the whole run */
			while (i + 1 < n && (ASCII_ISALNUM(
			    (unsigned char)s[i + 1]) || (s[i + 1] == '.' &&
			    i + 2 < n && ASCII_ISDIGIT((unsigned char)s[i + 2]))))
				i++;
			continue;
		}
		for (j = i; j < n && (ASCII_ISDIGIT((unsigned char)s[j]) ||
		    (s[j] == '.' && j + 1 < n &&
		    ASCII_ISDIGIT((unsigned char)s[j + 1]))); j++)
			;
		/* part of a word (a version like v2, an id like APT28) */
		if (j < n && (ASCII_ISALPHA((unsigned char)s[j]) ||
		    s[j] == '-')) {
			i = j;
			continue;
		}
		if (j - i >= 2 && !number_in(hay->s, hay->len, s + i, j - i)) {
			buf_reset(&num);
			buf_put(&num, s + i, j - i);
			digest_warn(d, "the number %s is not in the article",
			    num.s);
		}
		i = j;
	}
	buf_free(&b);
	buf_free(&num);
}

void
ground_numbers(json_t *d, const struct source *src)
{
	static const char *lists[] = { "summary", "recommendations",
	    "other" };
	struct buf hay = BUF_INIT;
	json_t *v;
	size_t i, k;

	norm_digits(&hay, src->title, strlen(src->title));
	buf_putc(&hay, '\n');
	norm_digits(&hay, src->text, src->textlen);
	json_array_foreach(src->iocs, i, v)
		if (rec_str(v, "value") != NULL)
			buf_printf(&hay, "\n%s", rec_str(v, "value"));
	if (rec_str(d, "title") != NULL)
		check_text(d, rec_str(d, "title"), &hay);
	for (k = 0; k < NELEM(lists); k++)
		json_array_foreach(json_object_get(d, lists[k]), i, v)
			if (json_is_string(v))
				check_text(d, json_string_value(v), &hay);
	if (rec_str(d, "action") != NULL)
		check_text(d, rec_str(d, "action"), &hay);
	buf_free(&hay);
}
