/* record.c: record field helpers. */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "buf.h"
#include "record.h"
#include "utf8.h"

const char *rec_tool;

const char *
rec_toolname(void)
{
	return rec_tool != NULL ? rec_tool : program_invocation_short_name;
}

void
rec_error(json_t *rec, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	json_t *errs, *e;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	errs = json_object_get(rec, "errors");
	if (!json_is_array(errs)) {
		errs = json_array();
		rec_set_new(rec, "errors", errs);
	}
	e = json_object();
	rec_set_new(e, "tool", json_string_safe(rec_toolname(),
	    strlen(rec_toolname())));
	rec_set_new(e, "message", json_string_safe(b.s, b.len));
	arr_append_new(errs, e);
	buf_free(&b);
}

const char *
rec_str(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

json_t *
json_string_safe(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	json_t *j;

	if (s == NULL)
		s = "";
	if (utf8_valid(s, n))
		j = json_stringn_nocheck(s, n);
	else {
		utf8_repair(&b, s, n);
		j = json_stringn_nocheck(buf_str(&b), b.len);
		buf_free(&b);
	}
	if (j == NULL)
		errx(1, "out of memory");
	return j;
}

void
rec_set_strn(json_t *rec, const char *key, const char *s, size_t n)
{
	rec_set_new(rec, key, json_string_safe(s, n));
}

void
rec_set_str(json_t *rec, const char *key, const char *s)
{
	if (s == NULL)
		json_object_del(rec, key);
	else
		rec_set_strn(rec, key, s, strlen(s));
}

void
rec_set_new(json_t *rec, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(rec, key, v) == -1)
		errx(1, "cannot set field %s", key);
}

void
arr_append_new(json_t *a, json_t *v)
{
	if (v == NULL || json_array_append_new(a, v) == -1)
		errx(1, "cannot append to array");
}
