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

json_t *
answer_from_text(const char *s, size_t n)
{
	json_t *j;
	size_t a, b;

	while (n > 0 && ASCII_ISSPACE((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && ASCII_ISSPACE((unsigned char)s[n - 1]))
		n--;
	if ((j = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL)) != NULL) {
		if (json_is_object(j))
			return j;
		json_decref(j);
	}
	/* the outermost braces: covers ```json fences and chatter */
	for (a = 0; a < n && s[a] != '{'; a++)
		;
	for (b = n; b > a && s[b - 1] != '}'; b--)
		;
	if (a >= n || b <= a)
		return NULL;
	j = json_loadb(s + a, b - a, JSON_REJECT_DUPLICATES, NULL);
	if (j != NULL && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
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

/* Copy the strings of array a (borrowed) into a new array of at most max
 * cleaned items.  Returns NULL when a is not an array of strings.  Items
 * that read like instructions to a model are dropped and counted in
 * *inj. */
static json_t *
str_list(const json_t *a, size_t max, int *inj)
{
	json_t *out, *v;
	size_t i;
	char *s;

	if (a == NULL || json_is_null(a))
		return json_array();
	if (!json_is_array(a))
		return NULL;
	out = json_array();
	json_array_foreach(a, i, v) {
		if (!json_is_string(v)) {
			json_decref(out);
			return NULL;
		}
		s = clean_item(json_string_value(v), json_string_length(v));
		if (looks_like_instruction(s, strlen(s)))
			(*inj)++;
		else if (s[0] != '\0' && json_array_size(out) < max)
			arr_append_new(out, json_string_safe(s, strlen(s)));
		free(s);
	}
	return out;
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

/* Ground the model's IOC list in the record's: a new array, or NULL when
 * the list does not match the schema. */
static json_t *
ioc_list(const json_t *a, const struct source *src, json_t *dropped)
{
	json_t *out, *v, *o, *x;
	const json_t *io;
	size_t i, j;
	const char *val, *ctx, *scope;
	char *c;
	int dup;

	if (a == NULL || json_is_null(a))
		return json_array();
	if (!json_is_array(a))
		return NULL;
	out = json_array();
	json_array_foreach(a, i, v) {
		if (!json_is_object(v) || (val = rec_str(v, "value")) == NULL) {
			json_decref(out);
			return NULL;
		}
		if ((io = find_ioc(src->iocs, val)) == NULL) {
			struct buf d = BUF_INIT;

			if (json_array_size(dropped) < 10) {
				c = clean_item(val, strlen(val));
				defang(&d, c, NULL);
				arr_append_new(dropped,
				    json_string_safe(d.s, d.len));
				free(c);
				buf_free(&d);
			}
			continue;
		}
		dup = 0;
		json_array_foreach(out, j, x)
			if (strcmp(rec_str(x, "value"),
			    rec_str(io, "value")) == 0)
				dup = 1;
		if (dup || json_array_size(out) >= SUM_MAX_IOCS)
			continue;
		o = json_object();
		rec_set_str(o, "value", rec_str(io, "value"));
		rec_set_str(o, "type", rec_str(io, "type") ?
		    rec_str(io, "type") : "unknown");
		rec_set_new(o, "known", json_boolean(json_is_true(
		    json_object_get(io, "known"))));
		ctx = rec_str(v, "context");
		c = ctx ? clean_item(ctx, strlen(ctx)) : xstrdup("");
		if (c[0] == '\0' || looks_like_instruction(c, strlen(c))) {
			free(c);
			ctx = rec_str(io, "context");
			c = ctx ? clean_item(ctx, strlen(ctx)) :
			    xstrdup(SUM_UNKNOWN);
			if (looks_like_instruction(c, strlen(c)))
				c[0] = '\0';
		}
		rec_set_str(o, "context", c[0] ? c : SUM_UNKNOWN);
		free(c);
		scope = rec_str(io, "scope");
		rec_set_str(o, "scope", scope ? scope : "NA");
		arr_append_new(out, o);
	}
	return out;
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

json_t *
validate_answer(const json_t *ans, const struct source *src, char *why,
    size_t whylen)
{
	json_t *d, *sum, *recs, *other, *iocs, *dropped, *v;
	const char *s;
	char *c;
	int inj = 0;

	if (!json_is_object(ans)) {
		set_why(why, whylen, "the answer is not a JSON object");
		return NULL;
	}
	v = json_object_get(ans, "summary");
	if ((sum = str_list(v, SUM_MAX_SUMMARY, &inj)) == NULL ||
	    json_array_size(sum) == 0) {
		json_decref(sum);
		set_why(why, whylen, v == NULL ? "the answer has no summary" :
		    "the summary is not a list of sentences");
		return NULL;
	}
	recs = str_list(json_object_get(ans, "recommendations"),
	    SUM_MAX_RECS, &inj);
	other = str_list(json_object_get(ans, "other"), SUM_MAX_OTHER, &inj);
	dropped = json_array();
	iocs = ioc_list(json_object_get(ans, "iocs"), src, dropped);
	v = json_object_get(ans, "title");
	if (recs == NULL || other == NULL || iocs == NULL ||
	    (v != NULL && !json_is_string(v) && !json_is_null(v)) ||
	    ((s = rec_str(ans, "action")) == NULL &&
	    json_object_get(ans, "action") != NULL &&
	    !json_is_null(json_object_get(ans, "action"))) ||
	    (json_object_get(ans, "primary_source") != NULL &&
	    !json_is_string(json_object_get(ans, "primary_source")) &&
	    !json_is_null(json_object_get(ans, "primary_source")))) {
		set_why(why, whylen, recs == NULL ? "recommendations is not "
		    "a list of strings" : other == NULL ? "other is not a list"
		    " of strings" : iocs == NULL ? "iocs is not a list of "
		    "objects with a value" : "a field has the wrong type");
		json_decref(sum);
		json_decref(recs);
		json_decref(other);
		json_decref(iocs);
		json_decref(dropped);
		return NULL;
	}
	d = json_object();
	c = json_is_string(v) ? clean_item(json_string_value(v),
	    json_string_length(v)) : xstrdup("");
	if (c[0] == '\0' || looks_like_instruction(c, strlen(c))) {
		free(c);
		c = xstrdup(src->title[0] ? src->title : SUM_UNKNOWN);
	}
	rec_set_str(d, "title", c);
	free(c);
	rec_set_new(d, "summary", sum);
	rec_set_new(d, "iocs", iocs);
	rec_set_new(d, "recommendations", recs);
	rec_set_new(d, "other", other);
	rec_set_new(d, "warnings", json_array());
	s = rec_str(ans, "primary_source");
	if (s != NULL && s[0] != '\0' && url_in_source(src, s))
		rec_set_str(d, "primary_source", s);
	else {
		if (s != NULL && s[0] != '\0')
			digest_warn(d, "primary source dropped: the URL is not"
			    " in the article");
		if (src->primary != NULL)
			rec_set_str(d, "primary_source", src->primary);
	}
	s = rec_str(ans, "action");
	c = s ? clean_item(s, strlen(s)) : xstrdup("");
	if (looks_like_instruction(c, strlen(c))) {
		inj++;
		c[0] = '\0';
	}
	rec_set_str(d, "action", c[0] ? c : SUM_NO_REC);
	free(c);
	/* the warnings go last: move them behind the other fields */
	v = json_incref(json_object_get(d, "warnings"));
	json_object_del(d, "warnings");
	rec_set_new(d, "warnings", v);
	if (json_array_size(dropped) > 0) {
		struct buf b = BUF_INIT;
		size_t i;
		json_t *x;

		json_array_foreach(dropped, i, x)
			buf_printf(&b, "%s%s", i ? ", " : "",
			    json_string_value(x));
		digest_warn(d, "IOCs not in the article dropped: %s",
		    buf_str(&b));
		buf_free(&b);
	}
	json_decref(dropped);
	if (inj > 0)
		digest_warn(d, "%d instruction-like line%s of the answer "
		    "dropped", inj, inj == 1 ? "" : "s");
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
		if (!ASCII_ISDIGIT((unsigned char)s[i]) ||
		    (i > 0 && (ASCII_ISALPHA((unsigned char)s[i - 1]) ||
		    s[i - 1] == '-' || s[i - 1] == '.')))
			continue;
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
