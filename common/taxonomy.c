/* taxonomy.c: the event taxonomy (taxonomy.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "taxonomy.h"
#include "util.h"

#include "taxonomy_data.h"	/* generated from data/taxonomy/ */

static int
boolval(const char *s)
{
	return strcmp(s, "true") == 0 || strcmp(s, "1") == 0 ||
	    strcmp(s, "yes") == 0;
}

/* The fields a file must have, by name; -1 when one is missing. */
static int
columns(const struct csv *c, const char *const *names, int *idx, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((idx[i] = csv_index(c, names[i])) < 0)
			return -1;
	return 0;
}

static const char *
fld(const struct csv *c, int i)
{
	return i >= 0 && (size_t)i < c->nfield ? c->field[i] : "";
}

/* Read one of the two files from data; 0 or -1 with *err set. */
static int
parse(struct taxonomy *t, const char *name, const char *data, size_t len,
    int values, struct buf *err)
{
	static const char *const dcols[] = { "dimension", "label_ja",
	    "value_mode", "allow_unknown", "allow_not_applicable", "active",
	    "sort_order" };
	static const char *const vcols[] = { "dimension", "normalized_value",
	    "label_ja", "label_en", "active", "sort_order" };
	struct csv c;
	const char *why;
	int idx[7], r, rc = -1;
	long long n;

	csv_init(&c, data, len);
	if ((r = csv_next(&c, &why)) != 1) {
		buf_printf(err, "%s: %s", name, r == 0 ? "empty" : why);
		goto out;
	}
	if (columns(&c, values ? vcols : dcols, idx,
	    values ? NELEM(vcols) : NELEM(dcols)) == -1) {
		buf_printf(err, "%s:1: the header lacks a column of %s", name,
		    values ? "dimension,normalized_value,label_ja,label_en,"
		    "active,sort_order" : "dimension,label_ja,value_mode,"
		    "allow_unknown,allow_not_applicable,active,sort_order");
		goto out;
	}
	while ((r = csv_next(&c, &why)) != 0) {
		if (r == -1) {
			buf_printf(err, "%s:%lu: %s", name, c.line, why);
			goto out;
		}
		if (c.nfield == 1 && c.field[0][0] == '\0')
			continue;
		if (!tax_is_snake(fld(&c, idx[0])) ||
		    (values && !tax_is_snake(fld(&c, idx[1])))) {
			buf_printf(err, "%s:%lu: not a snake_case name", name,
			    c.line);
			goto out;
		}
		if (strtonum_ok(fld(&c, idx[values ? 5 : 6]), -1000000000,
		    1000000000, &n) == -1)
			n = 0;
		if (values) {
			struct tax_value *v;

			if (taxonomy_dim(t, fld(&c, idx[0])) == NULL) {
				buf_printf(err, "%s:%lu: dimension %s is not "
				    "in taxonomy_dimensions.csv", name, c.line,
				    fld(&c, idx[0]));
				goto out;
			}
			t->val = xreallocarray(t->val, t->nval + 1,
			    sizeof(*t->val));
			v = &t->val[t->nval++];
			v->dim = xstrdup(fld(&c, idx[0]));
			v->value = xstrdup(fld(&c, idx[1]));
			v->label_ja = xstrdup(fld(&c, idx[2]));
			v->label_en = xstrdup(fld(&c, idx[3]));
			v->active = boolval(fld(&c, idx[4]));
			v->sort = (long)n;
		} else {
			struct tax_dim *d;
			const char *mode = fld(&c, idx[2]);

			if (strcmp(mode, "closed") != 0 &&
			    strcmp(mode, "dynamic") != 0) {
				buf_printf(err, "%s:%lu: value_mode is "
				    "\"%s\", not closed or dynamic", name,
				    c.line, mode);
				goto out;
			}
			t->dim = xreallocarray(t->dim, t->ndim + 1,
			    sizeof(*t->dim));
			d = &t->dim[t->ndim++];
			d->name = xstrdup(fld(&c, idx[0]));
			d->label_ja = xstrdup(fld(&c, idx[1]));
			d->dynamic = strcmp(mode, "dynamic") == 0;
			d->allow_unknown = boolval(fld(&c, idx[3]));
			d->allow_na = boolval(fld(&c, idx[4]));
			d->active = boolval(fld(&c, idx[5]));
			d->sort = (long)n;
		}
	}
	rc = 0;
out:
	csv_free(&c);
	return rc;
}

void
taxonomy_free(struct taxonomy *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ndim; i++) {
		free(t->dim[i].name);
		free(t->dim[i].label_ja);
	}
	for (i = 0; i < t->nval; i++) {
		free(t->val[i].dim);
		free(t->val[i].value);
		free(t->val[i].label_ja);
		free(t->val[i].label_en);
	}
	free(t->dim);
	free(t->val);
	free(t);
}

static char *
joinlines(const char *const *lines, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; lines[i] != NULL; i++)
		buf_puts(&b, lines[i]);
	*len = b.len;
	return buf_detach(&b);
}

const struct taxonomy *
taxonomy_builtin(void)
{
	static struct taxonomy *t;
	struct buf err = BUF_INIT;
	char *d, *v;
	size_t dl, vl;

	if (t != NULL)
		return t;
	t = xcalloc(1, sizeof(*t));
	d = joinlines(tax_dimensions_csv, &dl);
	v = joinlines(tax_values_csv, &vl);
	if (parse(t, "taxonomy_dimensions.csv", d, dl, 0, &err) == -1 ||
	    parse(t, "taxonomy_values.csv", v, vl, 1, &err) == -1)
		abort();	/* the build checked these files */
	free(d);
	free(v);
	return t;
}

struct taxonomy *
taxonomy_load(const char *dir, struct buf *err)
{
	static const char *const file[] = { "taxonomy_dimensions.csv",
	    "taxonomy_values.csv" };
	struct taxonomy *t = xcalloc(1, sizeof(*t));
	struct buf path = BUF_INIT;
	char *data;
	size_t i, len;

	for (i = 0; i < NELEM(file); i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, file[i]);
		if ((data = read_file(path.s, 4 << 20, &len)) == NULL) {
			buf_printf(err, "%s: %s", path.s, strerror(errno));
			goto fail;
		}
		if (parse(t, path.s, data, len, (int)i, err) == -1) {
			free(data);
			goto fail;
		}
		free(data);
	}
	buf_free(&path);
	return t;
fail:
	buf_free(&path);
	taxonomy_free(t);
	return NULL;
}

const struct tax_dim *
taxonomy_dim(const struct taxonomy *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ndim; i++)
		if (strcmp(t->dim[i].name, name) == 0)
			return &t->dim[i];
	return NULL;
}

const struct tax_value *
taxonomy_value(const struct taxonomy *t, const char *dim, const char *value)
{
	size_t i;

	for (i = 0; i < t->nval; i++)
		if (strcmp(t->val[i].dim, dim) == 0 &&
		    strcmp(t->val[i].value, value) == 0)
			return &t->val[i];
	return NULL;
}

int
taxonomy_accepts(const struct taxonomy *t, const char *dim,
    const char *value)
{
	const struct tax_dim *d;

	if ((d = taxonomy_dim(t, dim)) == NULL)
		return 0;
	if (strcmp(value, "unknown") == 0)
		return d->allow_unknown;
	if (strcmp(value, "not_applicable") == 0)
		return d->allow_na;
	if (d->dynamic)
		return tax_is_snake(value);
	return taxonomy_value(t, dim, value) != NULL;
}

int
tax_is_snake(const char *s)
{
	int prev = '_';

	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == '_') {
			if (prev == '_')
				return 0;
		} else if (!(ASCII_ISDIGIT(*s) ||
		    ((unsigned)*s - 'a') < 26))
			return 0;
		prev = *s;
	}
	return prev != '_';
}

char *
tax_snake(const char *raw)
{
	struct buf b = BUF_INIT;
	const unsigned char *p;
	int gap = 0;

	for (p = (const unsigned char *)raw; *p != '\0'; p++) {
		if (ASCII_ISALNUM(*p)) {
			if (gap && b.len > 0)
				buf_putc(&b, '_');
			gap = 0;
			buf_putc(&b, ascii_lower(*p));
		} else
			gap = 1;
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}
