/* input.c: what goes into the archive: a day's records (add), the
 * analyst's published history (import), and a report read back into
 * records (parse-report). */
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "archive.h"
#include "buf.h"
#include "cmds.h"
#include "csv.h"
#include "date.h"
#include "fsutil.h"
#include "ndjson.h"
#include "report.h"
#include "taxonomy.h"
#include "utf8.h"
#include "util.h"

#define INPUT_MAX	(1024LL * 1024 * 1024)	/* a report or a CSV */

/* SHA-256 (hex) and size of the file at path; 0, or -1 with errno. */
static int
file_sha(const char *path, char hex[SHA256_HEXLEN + 1], long long *size)
{
	struct sha256 h;
	char b[65536];
	FILE *fp;
	size_t n;
	int e;

	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	sha256_init(&h);
	*size = 0;
	while ((n = fread(b, 1, sizeof(b), fp)) > 0) {
		sha256_update(&h, b, n);
		*size += (long long)n;
	}
	e = ferror(fp) ? errno : 0;
	fclose(fp);
	if (e != 0) {
		errno = e;
		return -1;
	}
	sha256_hex(&h, hex);
	return 0;
}

static void
summary(const struct cmdopts *o, const char *path, const char *kind,
    const struct arc_src *s, int same, long nbad)
{
	json_t *j;

	if (!o->verbose)
		return;
	j = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "file",
	    path, "kind", kind, "result", same ? "unchanged" : "stored",
	    "articles", (json_int_t)s->narticles, "indicators",
	    (json_int_t)s->nindicators, "events", (json_int_t)s->nevents,
	    "tags", (json_int_t)s->ntags, "problems", (json_int_t)nbad);
	ndjson_write(j);
	json_decref(j);
}

int
cmd_add(struct arc *a, const struct cmdopts *o, const char *day,
    int argc, char **argv)
{
	struct ndjson_in in;
	struct arc_src s;
	char d[11], hex[SHA256_HEXLEN + 1];
	long long size;
	json_t *rec, *recs;
	int i, same, rc = 0, r;

	for (i = 0; i < argc && !a->failed; i++) {
		if (day != NULL)
			snprintf(d, sizeof(d), "%s", day);
		else if (date_of_name(argv[i], d) == -1) {
			warnx("%s: no day in the name (YYYYMMDD.ndjson); "
			    "give it with -d", argv[i]);
			rc = EXIT_INPUT;
			continue;
		}
		if (file_sha(argv[i], hex, &size) == -1) {
			warn("%s", argv[i]);
			rc = EXIT_INPUT;
			continue;
		}
		if (arc_begin(a, &s, d, "ndjson", argv[i], hex, size,
		    &same) != 0) {
			rc = a->failed ? EXIT_WRITE : EXIT_INPUT;
			continue;
		}
		if (same) {
			arc_end(a, &s, 1);
			summary(o, argv[i], "ndjson", &s, 1, 0);
			continue;
		}
		ndjson_in_init(&in, 1, argv + i, NDJSON_MAXLINE_DEFAULT);
		r = 0;
		recs = json_array();
		while (r == 0 && (rec = ndjson_in_next(&in)) != NULL) {
			r = arc_put_record(a, &s, rec);
			json_array_append_new(recs, rec);
		}
		if (r == 0)
			r = arc_put_day_events(a, &s, recs);
		json_decref(recs);
		if (in.nbad > 0)
			rc = rc == 0 ? EXIT_INPUT : rc;
		if (in.nunread > 0) {
			/* never replace a day with half of its file */
			warnx("%s: not added: it could not be read to the end",
			    argv[i]);
			r = -1;
		} else if (r == 0 && in.nrec == 0 && s.replaced) {
			/* nor a day that had news with none (a run that
			 * failed); a new day may be empty */
			warnx("%s: not added: no records, and %s has some",
			    argv[i], d);
			r = -1;
		}
		summary(o, argv[i], "ndjson", &s, 0, (long)in.nbad);
		ndjson_in_free(&in);
		if (arc_end(a, &s, r == 0) != 0 || r != 0)
			rc = a->failed ? EXIT_WRITE : EXIT_INPUT;
	}
	return a->failed ? EXIT_WRITE : rc;
}

/* parse-report: each record on stdout */
static int
print_rec(json_t *rec, void *arg)
{
	(void)arg;
	ndjson_write(rec);
	return 0;
}

int
cmd_parse_report(int argc, char **argv)
{
	char *data;
	size_t len;
	int i, rc = 0;

	for (i = 0; i < argc; i++) {
		if ((data = read_file(argv[i], (size_t)INPUT_MAX, &len)) ==
		    NULL) {
			warn("%s", argv[i]);
			rc = EXIT_INPUT;
			continue;
		}
		if (report_parse(strcmp(argv[i], "-") == 0 ? "<stdin>" :
		    argv[i], data, len, print_rec, NULL) > 0)
			rc = EXIT_INPUT;
		free(data);
	}
	return rc;
}

/* import */

struct imp {
	struct arc	*a;
	const struct cmdopts *o;
	struct arc_src	 s;
	int		 err;		/* an SQLite error code */
	long		 nbad;		/* problems in the file */
	long		 nfiles;	/* files with problems */
	struct csv	*csv;
	json_t		*cols;		/* column name -> index */
	const char	*path;
};

static int
put_rec(json_t *rec, void *arg)
{
	struct imp *m = arg;

	return (m->err = arc_put_record(m->a, &m->s, rec)) != 0;
}

static const char *
csv_get(const char *name, void *arg)
{
	struct imp *m = arg;
	json_int_t i;

	i = json_integer_value(json_object_get(m->cols, name));
	if (json_object_get(m->cols, name) == NULL ||
	    (size_t)i >= m->csv->nfield)
		return "";
	return m->csv->field[i];
}

/* The rows of a CSV of the given kind; the columns are found by the
 * header's names. */
static void
import_csv(struct imp *m, const char *data, size_t len)
{
	static const char *const need[][2] = {
		{ "ioc-csv", "ioc_value" }, { "events", "event_key" },
		{ "event-tags", "event_key" }, { "event-tags", "dimension" },
		{ "event-tags", "normalized_value" },
	};
	struct csv c;
	const char *why;
	size_t i, nhdr;
	int r;

	csv_init(&c, data, len);
	if ((r = csv_next(&c, &why)) != 1) {
		warnx("%s:%lu: %s", m->path, c.line, r == 0 ? "empty" : why);
		m->nbad++;
		csv_free(&c);
		return;
	}
	m->cols = json_object();
	for (i = 0; i < c.nfield; i++)
		if (json_object_get(m->cols, c.field[i]) == NULL)
			json_object_set_new(m->cols, c.field[i],
			    json_integer((json_int_t)i));
	nhdr = c.nfield;
	for (i = 0; i < NELEM(need); i++)
		if (strcmp(need[i][0], m->s.kind) == 0 &&
		    json_object_get(m->cols, need[i][1]) == NULL) {
			warnx("%s:1: no column %s", m->path, need[i][1]);
			m->nbad++;
			goto out;
		}
	m->csv = &c;
	while ((r = csv_next(&c, &why)) != 0) {
		if (r == -1) {
			warnx("%s:%lu: %s", m->path, c.line, why);
			m->nbad++;
			continue;
		}
		if (c.nfield == 1 && *c.field[0] == '\0')
			continue;
		if (c.nfield != nhdr) {
			warnx("%s:%lu: %zu fields, the header has %zu",
			    m->path, c.line, c.nfield, nhdr);
			m->nbad++;
			continue;
		}
		for (i = 0; i < NELEM(need); i++)
			if (strcmp(need[i][0], m->s.kind) == 0 &&
			    *csv_get(need[i][1], m) == '\0')
				break;
		if (i < NELEM(need)) {
			warnx("%s:%lu: no %s", m->path, c.line, need[i][1]);
			m->nbad++;
			continue;
		}
		if ((m->err = arc_put_row(m->a, &m->s, csv_get, m)) != 0)
			break;
	}
out:
	csv_free(&c);
	json_decref(m->cols);
	m->cols = NULL;
}

/* One file of the history, in its own transaction. */
static void
import_file(struct imp *m, const char *path, const char *kind)
{
	char day[11], hex[SHA256_HEXLEN + 1];
	struct sha256 h;
	char *data;
	size_t len;
	int same;

	m->path = path;
	m->nbad = 0;
	if (date_of_name(path, day) == -1) {
		warnx("%s: no day in the name (YYYYMMDD)", path);
		m->nfiles++;
		return;
	}
	if ((data = read_file(path, (size_t)INPUT_MAX, &len)) == NULL) {
		warn("%s", path);
		m->nfiles++;
		return;
	}
	sha256_init(&h);
	sha256_update(&h, data, len);
	sha256_hex(&h, hex);
	if (arc_begin(m->a, &m->s, day, kind, path, hex, (long long)len,
	    &same) != 0) {
		m->err = SQLITE_ERROR;
		free(data);
		return;
	}
	if (!same && strcmp(kind, "report") != 0 && !utf8_valid(data, len)) {
		/* the CSVs: repaired, and said (the report's lines are
		 * named by the parser) */
		struct buf r = BUF_INIT;

		warnx("%s: invalid UTF-8 replaced by U+FFFD", path);
		m->nbad++;
		utf8_repair(&r, data, len);
		free(data);
		len = r.len;
		data = r.s != NULL ? buf_detach(&r) : xstrdup("");
	}
	if (!same) {
		if (strcmp(kind, "report") == 0) {
			long n = report_parse(path, data, len, put_rec, m);

			if (n > 0)
				m->nbad += n;
		} else
			import_csv(m, data, len);
	}
	free(data);
	summary(m->o, path, kind, &m->s, same, m->nbad);
	if (arc_end(m->a, &m->s, m->err == 0) != 0 && m->err == 0)
		m->err = SQLITE_ERROR;
	if (m->nbad > 0)
		m->nfiles++;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of dir and its subdirectories whose names end in ext, in
 * name order. */
static void
walk(struct imp *m, const char *dir, const char *ext, const char *kind)
{
	DIR *dp;
	struct dirent *e;
	struct stat st;
	char **names = NULL, *p;
	size_t n = 0, i, el = strlen(ext), nl;

	if ((dp = opendir(dir)) == NULL) {
		if (errno != ENOENT) {
			warn("%s", dir);
			m->nfiles++;
		}
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		nl = strlen(dir) + strlen(e->d_name) + 2;
		names[n] = xmalloc(nl);
		snprintf(names[n++], nl, "%s/%s", dir, e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), namecmp);
	for (i = 0; i < n && m->err == 0; i++) {
		p = names[i];
		if (stat(p, &st) == -1) {
			warn("%s", p);
			m->nfiles++;
		} else if (S_ISDIR(st.st_mode))
			walk(m, p, ext, kind);
		else if ((nl = strlen(p)) > el && strcmp(p + nl - el,
		    ext) == 0)
			import_file(m, p, kind);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
import_taxonomy(struct imp *m, const char *dir)
{
	struct taxonomy *t;
	struct buf e = BUF_INIT, p = BUF_INIT;
	char hex[SHA256_HEXLEN + 1];
	struct sha256 h;
	const char *const files[] = { "taxonomy_dimensions.csv",
	    "taxonomy_values.csv" };
	char *data;
	size_t i, len;
	long long size = 0;
	int same;
	struct stat st;

	if (stat(dir, &st) == -1)
		return;
	if ((t = taxonomy_load(dir, &e)) == NULL) {
		warnx("%s", buf_str(&e));
		m->nfiles++;
		buf_free(&e);
		return;
	}
	sha256_init(&h);
	for (i = 0; i < NELEM(files); i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, files[i]);
		if ((data = read_file(p.s, (size_t)INPUT_MAX, &len)) != NULL) {
			sha256_update(&h, data, len);
			size += (long long)len;
			free(data);
		}
	}
	sha256_hex(&h, hex);
	if (arc_begin(m->a, &m->s, NULL, "taxonomy", dir, hex, size,
	    &same) == 0) {
		if (!same)
			m->err = arc_put_taxonomy(m->a, &m->s, t);
		summary(m->o, dir, "taxonomy", &m->s, same, 0);
		if (arc_end(m->a, &m->s, m->err == 0) != 0 && m->err == 0)
			m->err = SQLITE_ERROR;
	} else
		m->err = SQLITE_ERROR;
	taxonomy_free(t);
	buf_free(&e);
	buf_free(&p);
}

int
cmd_import(struct arc *a, const struct cmdopts *o, int argc, char **argv)
{
	static const struct { const char *sub, *ext, *kind; } parts[] = {
		{ "news", ".md", "report" }, { "iocs", ".csv", "ioc-csv" },
		{ "events", ".csv", "events" },
		{ "event_tags", ".csv", "event-tags" },
	};
	struct imp m;
	struct buf p = BUF_INIT;
	struct stat st;
	size_t j;
	int i, found, rc = 0;

	memset(&m, 0, sizeof(m));
	m.a = a;
	m.o = o;
	for (i = 0; i < argc && m.err == 0; i++) {
		if (stat(argv[i], &st) == -1 || !S_ISDIR(st.st_mode)) {
			if (errno == 0)
				errno = ENOTDIR;
			warn("%s", argv[i]);
			rc = EXIT_INPUT;
			continue;
		}
		/* the taxonomy first: the tags are read against it */
		buf_reset(&p);
		buf_printf(&p, "%s/taxonomy", argv[i]);
		found = stat(p.s, &st) == 0;
		import_taxonomy(&m, p.s);
		for (j = 0; j < NELEM(parts) && m.err == 0; j++) {
			buf_reset(&p);
			buf_printf(&p, "%s/%s", argv[i], parts[j].sub);
			if (stat(p.s, &st) == 0)
				found = 1;
			walk(&m, p.s, parts[j].ext, parts[j].kind);
		}
		if (!found) {
			warnx("%s: none of news/, iocs/, events/, "
			    "event_tags/, taxonomy/ in it", argv[i]);
			rc = EXIT_INPUT;
		}
	}
	buf_free(&p);
	if (m.nfiles > 0) {
		warnx("%ld file%s with problems", m.nfiles, m.nfiles == 1 ?
		    "" : "s");
		rc = EXIT_INPUT;
	}
	if (a->failed)
		return EXIT_WRITE;
	return m.err != 0 ? EXIT_INPUT : rc;
}
