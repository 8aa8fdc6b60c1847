/* check.c: sec-render --check: the rules the analyst's validators apply
 * to the day's IOC CSV and to its events and event-tags CSVs, each error
 * reported as "file:line: column: message", as a compiler does. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "cli.h"
#include "csv.h"
#include "date.h"
#include "defang.h"
#include "hash.h"
#include "ioc.h"
#include "taxonomy.h"
#include "url.h"
#include "utf8.h"
#include "util.h"
#include "vocab.h"

#define CHECK_FILE_MAX	(256 * 1024 * 1024)

static const char *const ioc_header[] = { "ioc_type", "ioc_value", "date",
    "category", "actor", "actor_attribute", "malware", "malware_type",
    "reference", "description", "author", "confidence" };
enum { I_TYPE, I_VALUE, I_DATE, I_CATEGORY, I_ACTOR, I_ATTR, I_MALWARE,
    I_MTYPE, I_REF, I_DESC, I_AUTHOR, I_CONF };

static const char *const events_header[] = { "event_key", "date", "week",
    "month", "event_type", "title", "summary", "source_file", "source_url",
    "confidence", "needs_review", "monthly_followup_candidate" };
enum { E_KEY, E_DATE, E_WEEK, E_MONTH, E_TYPE, E_TITLE, E_SUMMARY,
    E_FILE, E_URL, E_CONF, E_REVIEW, E_FOLLOWUP };

static const char *const tags_header[] = { "event_key", "dimension",
    "raw_value", "normalized_value", "confidence", "note" };
enum { T_KEY, T_DIM, T_RAW, T_VALUE, T_CONF, T_NOTE };

static const char *const ioc_types[] = { "ip", "domain", "url",
    "file_hash_md5", "file_hash_sha1", "file_hash_sha256", NULL };
static const char *const booleans[] = { "true", "false", NULL };
static const char *const url_schemes[] = { "http", "https", "ftp", "wss",
    NULL };

/* The noise the CSV leaves out: these addresses, every address outside
 * the global and shared ranges, and these hosts alone or as a URL without
 * a path (a specific page on them is an indicator). */
static const char *const noise_addrs[] = { "1.1.1.1", "8.8.8.8", "8.8.4.4",
    "127.0.0.1", "0.0.0.0", NULL };
static const char *const noise_hosts[] = { "google.com", "microsoft.com",
    "github.com", "npmjs.com", "t.me", "telegram.org", NULL };

/* The state of checking one file. */
struct ck {
	const char		*name;
	const struct check_opts	*o;
	size_t			 nerr;
	char			 day[11];	/* the file's day, or "" */
	struct strset		 seen;		/* the unique keys so far */
	unsigned long		*seenline;	/* the line of each */
	size_t			 capseen;
};

static void report(struct ck *, unsigned long, const char *, const char *,
    ...) PRINTFLIKE(4, 5);

/* Write s to fp with its control characters escaped (\n, \xHH), so that
 * a hostile value cannot break the one-line-per-error output, and cut
 * after about max bytes, at a character boundary. */
static void
put_shown(FILE *fp, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	for (n = 0; *p != '\0'; p++, n++) {
		if (n >= max && (*p & 0xC0) != 0x80) {
			fputs("...", fp);
			return;
		}
		if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\r')
			fputs("\\r", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p < 0x20 || *p == 0x7F)
			fprintf(fp, "\\x%02X", *p);
		else
			putc(*p, fp);
	}
}

/* One error line: "name:line: column: message". */
static void
report(struct ck *k, unsigned long line, const char *col, const char *fmt,
    ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	k->nerr++;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	put_shown(k->o->out, k->name, 4096);
	if (line > 0)
		fprintf(k->o->out, ":%lu", line);
	fprintf(k->o->out, ": %s: ", col);
	put_shown(k->o->out, buf_str(&msg), 400);
	putc('\n', k->o->out);
	buf_free(&msg);
}

static int
inlist(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static int
inlist_case(const char *const *list, const char *s, size_t n)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && ascii_ncasecmp(*list, s, n) == 0)
			return 1;
	return 0;
}

/* The values of list, space-separated, into a static buffer. */
static const char *
listed(const char *const *list)
{
	static struct buf b;

	buf_reset(&b);
	for (; *list != NULL; list++)
		buf_printf(&b, "%s%s", b.len > 0 ? " " : "", *list);
	return buf_str(&b);
}

/* What Python's str.strip() takes away: the validators strip. */
static int
isblank_cp(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') ||
	    (cp >= 0x1C && cp <= 0x1F) || cp == 0x85 || cp == 0xA0 ||
	    cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Check what every field must be: no line break, no blank around it,
 * and non-empty unless may_be_empty.  Returns 1 when the field has a
 * value to check further. */
static int
field_ok(struct ck *k, unsigned long line, const char *col, const char *v,
    int may_be_empty)
{
	size_t n = strlen(v), i;
	uint32_t cp;

	if (n == 0) {
		if (!may_be_empty)
			report(k, line, col, "empty");
		return 0;
	}
	if (strpbrk(v, "\r\n") != NULL)
		report(k, line, col, "a line break inside the field");
	if (utf8_decode(v, n, &cp) > 0 && isblank_cp(cp))
		report(k, line, col, "blank at the start");
	for (i = n - 1; i > 0 && n - i < 4 &&
	    ((unsigned char)v[i] & 0xC0) == 0x80; i--)
		;
	if (utf8_decode(v + i, n - i, &cp) > 0 && isblank_cp(cp))
		report(k, line, col, "blank at the end");
	return 1;
}

/* Whether key[0..n) was seen in this file; remember it with its line
 * when not.  Returns the line of the earlier one, or 0. */
static unsigned long
seen_before(struct ck *k, const char *key, size_t n, unsigned long line)
{
	size_t num;
	int isnew;

	num = strset_add(&k->seen, key, n, &isnew);
	if (!isnew)
		return k->seenline[num];
	if (num >= k->capseen) {
		k->capseen = k->capseen ? k->capseen * 2 : 64;
		k->seenline = xreallocarray(k->seenline, k->capseen,
		    sizeof(*k->seenline));
	}
	k->seenline[num] = line;
	return 0;
}

/* The validator's domain pattern, by hand:
 * ^(?=.{1,253}$)(?!-)(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}\.?$ */
int
check_domain(const char *s)
{
	size_t n = strlen(s), i, start, nlab = 0;

	if (n < 1 || n > 253 || s[0] == '-')
		return 0;
	if (s[n - 1] == '.')
		n--;
	for (start = 0, i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		/* the label s[start..i) */
		if (i - start < 1 || i - start > 63)
			return 0;
		nlab++;
		if (i == n) {
			/* the last one: letters only, at least two */
			if (i - start < 2 || nlab < 2)
				return 0;
			for (; start < i; start++)
				if (!ASCII_ISALPHA(s[start]))
					return 0;
		} else
			for (; start < i; start++)
				if (!ASCII_ISALNUM(s[start]) &&
				    s[start] != '-')
					return 0;
		start = i + 1;
	}
	return 1;
}

/* Whether the host h[0..n) is one of the bare noise hosts (any case, a
 * final dot ignored). */
static int
noise_host(const char *h, size_t n)
{
	if (n > 0 && h[n - 1] == '.')
		n--;
	return inlist_case(noise_hosts, h, n);
}

/* Why the address a (refanged, no port) is noise, or NULL. */
static const char *
noise_addr(const char *a, const char *type)
{
	const char *scope;

	if (inlist(noise_addrs, a))
		return "a well-known address";
	scope = ioc_scope(strcmp(type, "ipv6") == 0 ? IOC_IPV6 : IOC_IPV4, a);
	if (scope == NULL || strcmp(scope, "global") == 0 ||
	    strcmp(scope, "cgnat") == 0)
		return NULL;
	return scope;
}

/* The defanging marks a refanged value must not keep. */
static const char *
defang_mark(const char *v)
{
	static const char *const marks[] = { "[.]", "(.)", "[:]", NULL };
	const char *const *m;
	const char *p;

	for (m = marks; *m != NULL; m++)
		if (strstr(v, *m) != NULL)
			return *m;
	for (p = v; *p != '\0'; p++)
		if (ascii_ncasecmp(p, "hxxp", 4) == 0)
			return "hxxp";
	return NULL;
}

static int
hex_of(const char *v, size_t n)
{
	size_t i;

	if (strlen(v) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (!ASCII_ISXDIGIT(v[i]))
			return 0;
	return 1;
}

static void
check_ip(struct ck *k, unsigned long line, const char *v)
{
	const char *at, *why;

	if (strchr(v, '[') != NULL || strchr(v, ']') != NULL)
		report(k, line, "ioc_value", "an address in brackets");
	else if (strchr(v, '/') != NULL)
		report(k, line, "ioc_value", "a network, not an address");
	else if ((at = ioc_addr_type(v)) == NULL || (strcmp(at, "ipv4") ==
	    0 && strchr(v, ':') == NULL && ioc_scope(IOC_IPV4, v) == NULL) ||
	    (strcmp(at, "ipv6") == 0 && ioc_scope(IOC_IPV6, v) == NULL))
		report(k, line, "ioc_value", "not a valid IP address");
	else if (strcmp(at, "ipv4") == 0 && strchr(v, ':') != NULL)
		report(k, line, "ioc_value",
		    "an address with a port (the address alone)");
	else if ((why = noise_addr(v, at)) != NULL)
		report(k, line, "ioc_value", "noise: %s address, left out",
		    why);
}

static void
check_url(struct ck *k, unsigned long line, const char *v)
{
	struct buf b = BUF_INIT;
	const char *sep, *h, *a, *rest, *at, *why;
	size_t hl;

	if ((sep = strstr(v, "://")) == NULL) {
		report(k, line, "ioc_value", "not a URL (no scheme://)");
		return;
	}
	if (!inlist_case(url_schemes, v, (size_t)(sep - v))) {
		report(k, line, "ioc_value",
		    "scheme %.*s: not http, https, ftp or wss",
		    (int)(sep - v), v);
		return;
	}
	if ((h = url_host(v, &hl)) == NULL || hl == 0) {
		report(k, line, "ioc_value", "a URL without a host");
		return;
	}
	a = url_authority(v);
	rest = a + url_authority_len(a);
	if (h[0] == '[' && hl > 2)
		buf_put(&b, h + 1, hl - 2);
	else
		buf_put(&b, h, hl);
	if ((at = ioc_addr_type(buf_str(&b))) != NULL &&
	    (why = noise_addr(buf_str(&b), at)) != NULL)
		report(k, line, "ioc_value", "noise: a URL on %s address",
		    why);
	else if (noise_host(h, hl) && (*rest == '\0' ||
	    strcmp(rest, "/") == 0))
		report(k, line, "ioc_value",
		    "noise: %.*s without a path, left out", (int)hl, h);
	buf_free(&b);
}

/* The checks of ioc_value that depend on ioc_type. */
static void
check_value(struct ck *k, unsigned long line, const char *type,
    const char *v)
{
	const char *m;

	if ((m = defang_mark(v)) != NULL) {
		report(k, line, "ioc_value", "defanged (%s left): refang it",
		    m);
		return;
	}
	if (strcmp(type, "ip") == 0)
		check_ip(k, line, v);
	else if (strcmp(type, "domain") == 0) {
		if (!check_domain(v))
			report(k, line, "ioc_value",
			    "not a host name the validator's pattern takes");
		else if (noise_host(v, strlen(v)))
			report(k, line, "ioc_value",
			    "noise: the bare host %s, left out", v);
	} else if (strcmp(type, "url") == 0)
		check_url(k, line, v);
	else if ((strcmp(type, "file_hash_md5") == 0 && !hex_of(v, 32)) ||
	    (strcmp(type, "file_hash_sha1") == 0 && !hex_of(v, 40)) ||
	    (strcmp(type, "file_hash_sha256") == 0 && !hex_of(v, 64)))
		report(k, line, "ioc_value", "not %zu hex digits",
		    strcmp(type, "file_hash_md5") == 0 ? (size_t)32 :
		    strcmp(type, "file_hash_sha1") == 0 ? (size_t)40 :
		    (size_t)64);
}

static int
http_url(const char *v)
{
	size_t hl;

	return url_is_http(v) && url_host(v, &hl) != NULL && hl > 0;
}

static void
closed(struct ck *k, unsigned long line, const char *col, const char *v,
    const char *const *list)
{
	if (!inlist(list, v))
		report(k, line, col, "%s: not one of %s", v, listed(list));
}

static void
ioc_row(struct ck *k, unsigned long line, char **f)
{
	struct buf key = BUF_INIT;
	unsigned long first;
	int ok[NELEM(ioc_header)];
	long long t;
	size_t i;

	for (i = 0; i < NELEM(ioc_header); i++)
		ok[i] = field_ok(k, line, ioc_header[i], f[i], 0);
	if (ok[I_TYPE] && !inlist(ioc_types, f[I_TYPE])) {
		report(k, line, "ioc_type", "%s: not one of %s", f[I_TYPE],
		    listed(ioc_types));
		ok[I_TYPE] = 0;
	}
	if (ok[I_VALUE] && ok[I_TYPE])
		check_value(k, line, f[I_TYPE], f[I_VALUE]);
	else if (ok[I_VALUE] && defang_mark(f[I_VALUE]) != NULL)
		report(k, line, "ioc_value", "defanged (%s left): refang it",
		    defang_mark(f[I_VALUE]));
	if (ok[I_DATE] && date_parse_ymd(f[I_DATE], &t) == -1)
		report(k, line, "date", "%s: not a date (YYYY-MM-DD)",
		    f[I_DATE]);
	if (ok[I_CATEGORY])
		closed(k, line, "category", f[I_CATEGORY], vocab_categories);
	if (ok[I_MTYPE])
		closed(k, line, "malware_type", f[I_MTYPE], vocab_malware_types);
	if (ok[I_CONF])
		closed(k, line, "confidence", f[I_CONF], vocab_levels);
	if (ok[I_REF] && !http_url(f[I_REF]))
		report(k, line, "reference", "not an http(s) URL");
	buf_puts(&key, f[I_TYPE]);
	buf_putc(&key, '\0');
	buf_puts(&key, f[I_VALUE]);
	buf_putc(&key, '\0');
	buf_puts(&key, f[I_REF]);
	if ((first = seen_before(k, key.s, key.len, line)) != 0)
		report(k, line, "ioc_value", "the same ioc_type, ioc_value and "
		    "reference as line %lu", first);
	buf_free(&key);
}

/* Whether v is an event type: a listed value of the taxonomy's
 * event_type dimension, or of WORKFLOW's list when it has none. */
static int
event_type_ok(const struct taxonomy *tax, const char *v)
{
	if (taxonomy_dim(tax, "event_type") == NULL)
		return inlist(vocab_event_types, v);
	return strcmp(v, "unknown") != 0 && strcmp(v, "not_applicable") != 0 &&
	    taxonomy_value(tax, "event_type", v) != NULL;
}

/* Whether key is YYYY-MM-DD_snake_case, a real day. */
static int
key_ok(const char *key)
{
	char day[11];
	long long t;

	if (strlen(key) < 12 || key[10] != '_')
		return 0;
	memcpy(day, key, 10);
	day[10] = '\0';
	return date_parse_ymd(day, &t) == 0 && tax_is_snake(key + 11);
}

static void
events_row(struct ck *k, unsigned long line, char **f)
{
	int ok[NELEM(events_header)], dateok = 0;
	char week[9];
	const char *day;
	unsigned long first;
	long long t = 0;
	size_t i;

	for (i = 0; i < NELEM(events_header); i++)
		ok[i] = field_ok(k, line, events_header[i], f[i], i == E_URL);
	if (ok[E_DATE]) {
		if (date_parse_ymd(f[E_DATE], &t) == -1)
			report(k, line, "date", "%s: not a date (YYYY-MM-DD)",
			    f[E_DATE]);
		else
			dateok = 1;
	}
	/* the file's day: its name's, else its first row's */
	if (k->day[0] == '\0' && dateok)
		memcpy(k->day, f[E_DATE], sizeof(k->day));
	day = k->day[0] != '\0' ? k->day : NULL;
	if (dateok && day != NULL && strcmp(f[E_DATE], day) != 0)
		report(k, line, "date",
		    "%s: not the day of the file's name, %s", f[E_DATE], day);
	if (ok[E_KEY]) {
		if (!key_ok(f[E_KEY]))
			report(k, line, "event_key",
			    "%s: not YYYY-MM-DD_snake_case", f[E_KEY]);
		else if (dateok ? strncmp(f[E_KEY], f[E_DATE], 10) != 0 :
		    day != NULL && strncmp(f[E_KEY], day, 10) != 0)
			report(k, line, "event_key",
			    "%s: does not start with the date %s",
			    f[E_KEY], dateok ? f[E_DATE] : day);
		if ((first = seen_before(k, f[E_KEY], strlen(f[E_KEY]),
		    line)) != 0)
			report(k, line, "event_key", "%s: also on line %lu",
			    f[E_KEY], first);
	}
	if (dateok) {
		date_parse_ymd(f[E_DATE], &t);
		date_iso_week(t, week);
		if (ok[E_WEEK] && strcmp(f[E_WEEK], week) != 0)
			report(k, line, "week", "%s: the ISO week of %s is %s",
			    f[E_WEEK], f[E_DATE], week);
		if (ok[E_MONTH] && (strlen(f[E_MONTH]) != 7 ||
		    strncmp(f[E_MONTH], f[E_DATE], 7) != 0))
			report(k, line, "month", "%s: the month of %s is %.7s",
			    f[E_MONTH], f[E_DATE], f[E_DATE]);
	}
	if (ok[E_TYPE] && !event_type_ok(k->o->tax, f[E_TYPE]))
		report(k, line, "event_type",
		    "%s: not an event type of the taxonomy", f[E_TYPE]);
	if (ok[E_URL] && !http_url(f[E_URL]))
		report(k, line, "source_url", "not an http(s) URL");
	if (ok[E_CONF])
		closed(k, line, "confidence", f[E_CONF], vocab_levels);
	if (ok[E_REVIEW]) {
		closed(k, line, "needs_review", f[E_REVIEW], booleans);
		if (!ok[E_URL] && strcmp(f[E_REVIEW], "true") != 0)
			report(k, line, "needs_review",
			    "must be true when source_url is empty");
	}
	if (ok[E_FOLLOWUP])
		closed(k, line, "monthly_followup_candidate", f[E_FOLLOWUP],
		    vocab_followups);
}

static void
tags_row(struct ck *k, unsigned long line, char **f)
{
	const struct taxonomy *tax = k->o->tax;
	const struct tax_dim *d = NULL;
	struct buf key = BUF_INIT;
	int ok[NELEM(tags_header)];
	unsigned long first;
	const char *v;
	size_t i;

	for (i = 0; i < NELEM(tags_header); i++)
		ok[i] = field_ok(k, line, tags_header[i], f[i], i == T_NOTE);
	if (ok[T_KEY] && k->o->keys != NULL && strset_get(k->o->keys,
	    f[T_KEY], strlen(f[T_KEY])) == STRSET_NONE)
		report(k, line, "event_key",
		    "%s: not an event of the day's events file", f[T_KEY]);
	if (ok[T_DIM] && (d = taxonomy_dim(tax, f[T_DIM])) == NULL)
		report(k, line, "dimension",
		    "%s: not a dimension of the taxonomy", f[T_DIM]);
	v = f[T_VALUE];
	if (ok[T_VALUE] && d != NULL && !taxonomy_accepts(tax, d->name, v)) {
		if (strcmp(v, "unknown") == 0 ||
		    strcmp(v, "not_applicable") == 0)
			report(k, line, "normalized_value",
			    "%s does not allow %s", d->name, v);
		else if (d->dynamic)
			report(k, line, "normalized_value",
			    "%s: not snake_case", v);
		else
			report(k, line, "normalized_value",
			    "%s: not a value of %s in the taxonomy (a gap to "
			    "report, not to force into a near value)",
			    v, d->name);
	}
	if (ok[T_CONF])
		closed(k, line, "confidence", f[T_CONF], vocab_levels);
	buf_puts(&key, f[T_KEY]);
	buf_putc(&key, '\0');
	buf_puts(&key, f[T_DIM]);
	buf_putc(&key, '\0');
	buf_puts(&key, f[T_VALUE]);
	if ((first = seen_before(k, key.s, key.len, line)) != 0)
		report(k, line, "normalized_value", "the same event_key, "
		    "dimension and normalized_value as line %lu", first);
	buf_free(&key);
}

static enum check_kind
kind_of_header(const struct csv *c)
{
	if (c->nfield >= 1 && strcmp(c->field[0], "ioc_type") == 0)
		return CHECK_IOC;
	if (c->nfield >= 2 && strcmp(c->field[0], "event_key") == 0)
		return strcmp(c->field[1], "dimension") == 0 ? CHECK_TAGS :
		    CHECK_EVENTS;
	return CHECK_UNKNOWN;
}

enum check_kind
check_kind_of(const char *data, size_t len)
{
	enum check_kind kind = CHECK_UNKNOWN;
	const char *why;
	struct csv c;

	csv_init(&c, data, len);
	if (csv_next(&c, &why) == 1)
		kind = kind_of_header(&c);
	csv_free(&c);
	return kind;
}

/* Report each line of data that is not UTF-8 (or holds a NUL byte). */
static void
check_utf8(struct ck *k, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;
	unsigned long line = 1;

	for (; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (!utf8_valid(p, (size_t)(nl - p)))
			report(k, line, "file", "not UTF-8, or a NUL byte");
	}
}

size_t
check_data(const char *name, const char *data, size_t len,
    const struct check_opts *o, enum check_kind *kindp, size_t *nrows)
{
	const char *const *hdr = NULL;
	struct ck k;
	struct csv c;
	const char *why;
	size_t nhdr = 0, i;
	int r;

	memset(&k, 0, sizeof(k));
	k.name = name;
	k.o = o;
	if (o->day != NULL && strlen(o->day) == 10)
		memcpy(k.day, o->day, sizeof(k.day));
	*kindp = CHECK_UNKNOWN;
	*nrows = 0;
	check_utf8(&k, data, len);
	csv_init(&c, data, len);
	if (c.bom)
		report(&k, 1, "file", "a UTF-8 byte order mark");
	if ((r = csv_next(&c, &why)) == 0) {
		report(&k, 1, "header", "an empty file (the header is needed "
		    "even on a day without rows)");
		goto out;
	}
	if (c.crlf)
		report(&k, c.line, "file", "a CRLF line end (LF only)");
	if (r == -1) {
		report(&k, c.line, "header", "%s", why);
		goto out;
	}
	switch ((*kindp = kind_of_header(&c))) {
	case CHECK_IOC:
		hdr = ioc_header;
		nhdr = NELEM(ioc_header);
		break;
	case CHECK_EVENTS:
		hdr = events_header;
		nhdr = NELEM(events_header);
		break;
	case CHECK_TAGS:
		hdr = tags_header;
		nhdr = NELEM(tags_header);
		break;
	default:
		report(&k, 1, "header",
		    "not the header of an IOC, events or event-tags CSV");
		goto out;
	}
	for (i = 0; i < nhdr && i < c.nfield; i++)
		if (strcmp(c.field[i], hdr[i]) != 0)
			break;
	if (i < nhdr || c.nfield != nhdr) {
		struct buf b = BUF_INIT;

		for (i = 0; i < nhdr; i++)
			buf_printf(&b, "%s%s", i ? "," : "", hdr[i]);
		report(&k, 1, "header", "not exactly %s (rows not checked)",
		    b.s);
		buf_free(&b);
		goto out;
	}
	for (;;) {
		c.crlf = 0;
		if ((r = csv_next(&c, &why)) == 0)
			break;
		if (c.crlf)
			report(&k, c.line, "file", "a CRLF line end (LF only)");
		if (r == -1) {
			report(&k, c.line, "row", "%s", why);
			continue;
		}
		if (c.nfield == 1 && c.field[0][0] == '\0') {
			report(&k, c.line, "row", "a blank line");
			continue;
		}
		(*nrows)++;
		if (c.nfield != nhdr) {
			report(&k, c.line, "row", "%zu fields, the header has "
			    "%zu", c.nfield, nhdr);
			continue;
		}
		if (*kindp == CHECK_IOC)
			ioc_row(&k, c.line, c.field);
		else if (*kindp == CHECK_EVENTS)
			events_row(&k, c.line, c.field);
		else
			tags_row(&k, c.line, c.field);
	}
out:
	csv_free(&c);
	strset_free(&k.seen);
	free(k.seenline);
	return k.nerr;
}

void
check_event_keys(const char *data, size_t len, struct strset *keys)
{
	const char *why;
	struct csv c;
	int r;

	csv_init(&c, data, len);
	if (csv_next(&c, &why) == 1 && kind_of_header(&c) == CHECK_EVENTS)
		while ((r = csv_next(&c, &why)) != 0)
			if (r == 1 && c.nfield > 0 && c.field[0][0] != '\0')
				strset_add(keys, c.field[0],
				    strlen(c.field[0]), NULL);
	csv_free(&c);
}

/* ---- the --check mode ---- */

enum { OPT_CHECK = 512, OPT_EVENTS, OPT_TAXONOMY };

static const struct option check_longopts[] = {
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "help", no_argument, NULL, 'h' },
	{ "taxonomy", required_argument, NULL, OPT_TAXONOMY },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* One file named on the command line. */
struct operand {
	const char	*path;		/* as named; NULL: stdin */
	const char	*name;		/* for the messages */
	char		*data;
	size_t		 len;
	enum check_kind	 kind;
	char		 day[11];	/* from its name, or "" */
};

int
check_wanted(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--check") == 0)
			return 1;
	}
	return 0;
}

/* The day a file's name gives, "YYYYMMDD..." or "YYYY-MM-DD...", into
 * day ("" when it gives none). */
static void
day_of_name(const char *path, char day[11])
{
	const char *b;
	long long t;
	size_t i;

	day[0] = '\0';
	if (path == NULL)
		return;
	b = (b = strrchr(path, '/')) != NULL ? b + 1 : path;
	for (i = 0; i < 8 && ASCII_ISDIGIT(b[i]); i++)
		;
	if (i == 8 && !ASCII_ISDIGIT(b[8]))
		snprintf(day, 11, "%.4s-%.2s-%.2s", b, b + 4, b + 6);
	else if (strlen(b) >= 10 && b[4] == '-' && b[7] == '-')
		snprintf(day, 11, "%.10s", b);
	if (day[0] != '\0' && date_parse_ymd(day, &t) == -1)
		day[0] = '\0';
}

/* The events file beside an event-tags file: its path with the last
 * "event_tags" (or "event-tags") made "events", when that exists
 * ("x/event_tags/20260509.csv", "20260509.event_tags.csv").  New
 * string, or NULL. */
static char *
sibling_events(const char *path)
{
	static const char *const names[] = { "event_tags", "event-tags",
	    NULL };
	const char *const *n;
	const char *p, *last = NULL;
	struct buf b = BUF_INIT;
	char *real = NULL;

	if (path == NULL)
		return NULL;
	for (;;) {
		for (n = names; *n != NULL && last == NULL; n++)
			for (p = path; (p = strstr(p, *n)) != NULL; p++)
				last = p;
		/* "20260509.csv" in event_tags/: the directory tells */
		if (last != NULL || real != NULL ||
		    (path = real = realpath(path, NULL)) == NULL)
			break;
	}
	if (last != NULL) {
		buf_put(&b, path, (size_t)(last - path));
		buf_puts(&b, "events");
		buf_puts(&b, last + strlen("event_tags"));
	}
	free(real);
	if (b.s != NULL && access(b.s, F_OK) == 0)
		return buf_detach(&b);
	buf_free(&b);
	return NULL;
}

static const char *
kind_name(enum check_kind k)
{
	return k == CHECK_IOC ? "IOC CSV" : k == CHECK_EVENTS ? "events CSV" :
	    k == CHECK_TAGS ? "event-tags CSV" : "CSV";
}

/* Fill keys with the event keys of the events file for the event-tags
 * operand t: the --events file, an events operand of the same day, or
 * the one beside it.  Returns the name of that file (borrowed or in
 * *own), or NULL when there is none or it cannot be read (said on
 * stderr). */
static const char *
tags_events(const struct operand *ops, size_t nops, const struct operand *t,
    const char *events, struct strset *keys, char **own)
{
	const char *path = events;
	char *data;
	size_t i, len;

	*own = NULL;
	if (path == NULL && t->day[0] != '\0')
		for (i = 0; i < nops; i++)
			if (ops[i].kind == CHECK_EVENTS &&
			    ops[i].data != NULL &&
			    strcmp(ops[i].day, t->day) == 0) {
				check_event_keys(ops[i].data, ops[i].len,
				    keys);
				return ops[i].name;
			}
	if (path == NULL && (path = *own = sibling_events(t->path)) == NULL)
		return NULL;
	for (i = 0; i < nops; i++)
		if (ops[i].path != NULL && ops[i].data != NULL &&
		    strcmp(ops[i].path, path) == 0) {
			check_event_keys(ops[i].data, ops[i].len, keys);
			return path;
		}
	if ((data = read_file(path, CHECK_FILE_MAX, &len)) == NULL) {
		warn("%s", path);
		free(*own);
		*own = NULL;
		return NULL;
	}
	if (check_kind_of(data, len) != CHECK_EVENTS)
		warnx("%s: not an events CSV", path);
	check_event_keys(data, len, keys);
	free(data);
	return path;
}

int
check_main(int argc, char *argv[])
{
	struct check_opts o;
	struct taxonomy *own_tax = NULL;
	struct buf terr = BUF_INIT;
	struct operand *ops;
	struct strset keys;
	const char *events = NULL, *taxdir = NULL, *evname;
	char *evown;
	size_t nops, i, nerr, nrows, total = 0, nfail = 0;
	int ch, rc = 0;

	while ((ch = getopt_long(argc, argv, "hV", check_longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case OPT_CHECK:
			break;
		case OPT_EVENTS:
			events = optarg;
			break;
		case OPT_TAXONOMY:
			taxdir = optarg;
			break;
		case 'h':
			cli_usage(0);
		case 'V':
			cli_version(NULL);
		default:
			warnx("--check takes only --events and --taxonomy");
			cli_usage(EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;

	memset(&o, 0, sizeof(o));
	o.out = stdout;
	if (taxdir != NULL) {
		if ((own_tax = taxonomy_load(taxdir, &terr)) == NULL)
			errx(EXIT_USAGE, "%s", buf_str(&terr));
		o.tax = own_tax;
	} else
		o.tax = taxonomy_builtin();

	/* read them all first: an event-tags file needs its events file */
	nops = argc > 0 ? (size_t)argc : 1;
	ops = xcalloc(nops, sizeof(*ops));
	for (i = 0; i < nops; i++) {
		ops[i].path = argc > 0 && strcmp(argv[i], "-") != 0 ?
		    argv[i] : NULL;
		ops[i].name = ops[i].path ? ops[i].path : "<stdin>";
		day_of_name(ops[i].path, ops[i].day);
		if ((ops[i].data = read_file(ops[i].path, CHECK_FILE_MAX,
		    &ops[i].len)) == NULL) {
			warn("%s", ops[i].name);
			rc = EXIT_INPUT;
			nfail++;
			continue;
		}
		ops[i].kind = check_kind_of(ops[i].data, ops[i].len);
	}
	for (i = 0; i < nops; i++) {
		if (ops[i].data == NULL)
			continue;
		memset(&keys, 0, sizeof(keys));
		o.day = ops[i].day[0] != '\0' ? ops[i].day : NULL;
		o.keys = NULL;
		evname = NULL;
		evown = NULL;
		if (ops[i].kind == CHECK_TAGS) {
			evname = tags_events(ops, nops, &ops[i], events, &keys,
			    &evown);
			if (evname != NULL)
				o.keys = &keys;
		}
		nerr = check_data(ops[i].name, ops[i].data, ops[i].len, &o,
		    &ops[i].kind, &nrows);
		if (ops[i].kind == CHECK_TAGS && evname == NULL) {
			put_shown(stdout, ops[i].name, 4096);
			printf(": event_key: no events file of its day to "
			    "check the keys against (give --events file)\n");
			nerr++;
		}
		put_shown(stdout, ops[i].name, 4096);
		printf(": %s, %zu row%s", kind_name(ops[i].kind), nrows,
		    nrows == 1 ? "" : "s");
		if (evname != NULL) {
			fputs(" (events: ", stdout);
			put_shown(stdout, evname, 4096);
			putchar(')');
		}
		if (nerr > 0)
			printf(": %zu error%s\n", nerr, nerr == 1 ? "" : "s");
		else
			printf(": ok\n");
		total += nerr;
		if (nerr > 0) {
			nfail++;
			rc = EXIT_INPUT;
		}
		strset_free(&keys);
		free(evown);
	}
	printf("%zu file%s checked, %zu passed, %zu failed, %zu error%s\n",
	    nops, nops == 1 ? "" : "s", nops - nfail, nfail, total,
	    total == 1 ? "" : "s");
	for (i = 0; i < nops; i++)
		free(ops[i].data);
	free(ops);
	taxonomy_free(own_tax);
	buf_free(&terr);
	ioc_cleanup();
	return rc;
}
