/* misp.c: MISP events and feed directories (misp.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "afile.h"
#include "date.h"
#include "fsutil.h"
#include "hash.h"
#include "misp.h"
#include "msgdigest.h"
#include "record.h"
#include "stix.h"
#include "url.h"
#include "util.h"

/* The namespace of the uuids: not the STIX one, so an event and a
 * bundle of one day never share an id. */
static const unsigned char ns_misp[16] = {
	0x8e, 0x21, 0x4c, 0x07, 0x3d, 0x92, 0x5a, 0x1b,
	0xb6, 0x40, 0x5f, 0x28, 0xe1, 0x7a, 0x0c, 0x93
};

static void
uuid_of(char out[UUID_STRLEN + 1], const char *fmt, const char *a,
    const char *b)
{
	struct buf k = BUF_INIT;

	buf_printf(&k, fmt, a, b);
	uuid5(ns_misp, k.s, k.len, out);
	buf_free(&k);
}

/* MISP's attribute type and category of an indicator; NULL for a type
 * MISP has no attribute for here. */
static const char *
attr_type(const json_t *c, const char **category)
{
	const char *t = rec_str(c, "type"), *cat = rec_str(c, "category");

	*category = "Network activity";
	if (t == NULL)
		return NULL;
	if (strcmp(t, "ipv4") == 0 || strcmp(t, "ipv6") == 0 ||
	    strcmp(t, "cidr") == 0)
		return cat != NULL && strcmp(cat, "srcip") == 0 ?
		    "ip-src" : "ip-dst";
	if (strcmp(t, "domain") == 0 || strcmp(t, "url") == 0)
		return t;
	*category = "Payload delivery";
	if (strcmp(t, "md5") == 0 || strcmp(t, "sha1") == 0 ||
	    strcmp(t, "sha256") == 0 || strcmp(t, "sha512") == 0)
		return t;
	if (strcmp(t, "email") == 0)
		return "email-src";
	*category = "External analysis";
	if (strcmp(t, "cve") == 0)
		return "vulnerability";
	return NULL;
}

struct event {
	const char	*title;		/* of the record being added */
	json_t		*attrs;
	struct strset	 seen;
	const char	*uuid;
	long long	 ts;
};

static void
attribute(struct event *ev, const char *type, const char *category,
    const char *value, int to_ids, const char *comment)
{
	char u[UUID_STRLEN + 1], ts[24];
	struct buf k = BUF_INIT;
	int isnew;
	json_t *a;

	buf_printf(&k, "%s|%s", type, value);
	strset_add(&ev->seen, k.s, k.len, &isnew);
	if (!isnew) {
		buf_free(&k);
		return;
	}
	uuid_of(u, "%s|%s", ev->uuid, k.s);
	snprintf(ts, sizeof(ts), "%lld", ev->ts);
	a = json_object();
	rec_set_str(a, "uuid", u);
	rec_set_str(a, "type", type);
	rec_set_str(a, "category", category);
	rec_set_str(a, "value", value);
	json_object_set_new(a, "to_ids", json_boolean(to_ids));
	rec_set_str(a, "distribution", "5");
	rec_set_str(a, "comment", comment != NULL ? comment : "");
	rec_set_str(a, "timestamp", ts);
	arr_append_new(ev->attrs, a);
	buf_free(&k);
}

static void
indicator(struct event *ev, const json_t *c, const char *title)
{
	const char *type, *category, *value = rec_str(c, "value");
	int ref;

	if (value == NULL || (type = attr_type(c, &category)) == NULL)
		return;
	/* a link of the article is a reference, not something to block */
	ref = json_is_true(json_object_get(c, "linked")) ||
	    strcmp(type, "vulnerability") == 0;
	attribute(ev, type, category, value, !ref, title);
}

static void
share(const json_t *c, void *arg)
{
	struct event *ev = arg;

	indicator(ev, c, ev->title);
}

json_t *
misp_event(const json_t *recs, const struct misp_opts *opt)
{
	const char *org = opt->org ? opt->org : "sec-tools";
	char eu[UUID_STRLEN + 1], ou[UUID_STRLEN + 1], ts[24];
	struct event ev;
	json_t *e, *rec, *v, *tags;
	size_t i, j;
	long long t;

	if (opt->day == NULL || date_parse_ymd(opt->day, &t) == -1)
		t = 0;
	uuid_of(eu, "event|%s|%s", org, opt->day ? opt->day : "");
	uuid_of(ou, "org|%s%s", org, "");
	memset(&ev, 0, sizeof(ev));
	ev.attrs = json_array();
	ev.uuid = eu;
	ev.ts = t;
	json_array_foreach(recs, i, rec) {
		const json_t *d = json_object_get(rec, "digest");
		const char *title = rec_str(d, "title"), *url;

		if (!json_is_object(d))
			continue;
		if (title == NULL)
			title = rec_str(rec, "title");
		if ((url = rec_str(rec, "url")) != NULL && url_is_http(url))
			attribute(&ev, "link", "External analysis", url, 0,
			    title);
		json_array_foreach(json_object_get(d, "primary_sources"), j,
		    v)
			if (json_is_string(v) &&
			    url_is_http(json_string_value(v)))
				attribute(&ev, "link", "External analysis",
				    json_string_value(v), 0, title);
		ev.title = title;
		cti_iocs(rec, share, &ev);
	}
	strset_free(&ev.seen);

	snprintf(ts, sizeof(ts), "%lld", t);
	e = json_object();
	rec_set_str(e, "uuid", eu);
	{
		struct buf info = BUF_INIT;

		buf_printf(&info, "%s daily security news %s", org,
		    opt->day ? opt->day : "");
		rec_set_str(e, "info", info.s);
		buf_free(&info);
	}
	rec_set_str(e, "date", opt->day ? opt->day : "1970-01-01");
	rec_set_str(e, "threat_level_id", "4");	/* undefined */
	rec_set_str(e, "analysis", "2");	/* completed */
	json_object_set_new(e, "published", json_true());
	rec_set_str(e, "timestamp", ts);
	rec_set_str(e, "publish_timestamp", ts);
	json_object_set_new(e, "Orgc", json_pack("{s:s,s:s}", "name", org,
	    "uuid", ou));
	tags = json_array();
	if (opt->tlp != NULL) {
		struct buf tag = BUF_INIT;
		const char *p;

		buf_puts(&tag, "tlp:");
		for (p = opt->tlp; *p != '\0'; p++)
			buf_putc(&tag, ascii_lower((unsigned char)*p));
		arr_append_new(tags, json_pack("{s:s}", "name", tag.s));
		buf_free(&tag);
	}
	rec_set_new(e, "Tag", tags);
	rec_set_new(e, "Attribute", ev.attrs);
	return json_pack("{s:o}", "Event", e);
}

/* Replace path with the contents of b, atomically. */
static int
put(const char *path, const struct buf *b, struct buf *err)
{
	if (write_file_atomic(path, buf_str(b), b->len) == -1) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
misp_feed_write(const char *dir, const json_t *event, struct buf *err)
{
	const json_t *e = json_object_get(event, "Event"), *a;
	const char *uuid = rec_str(e, "uuid");
	struct buf path = BUF_INIT, out = BUF_INIT;
	json_t *manifest = NULL, *entry, *v;
	json_error_t jerr;
	char *text, *old, *line, *next;
	size_t i, len;
	int rc = -1;

	if (uuid == NULL) {
		buf_puts(err, "the event has no uuid");
		return -1;
	}
	if (mkdirs(dir, 0777) == -1) {
		buf_printf(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	/* the event itself */
	buf_printf(&path, "%s/%s.json", dir, uuid);
	if ((text = json_dumps(event, JSON_INDENT(1) | JSON_ENSURE_ASCII)) ==
	    NULL) {
		buf_puts(err, "out of memory");
		goto out;
	}
	buf_puts(&out, text);
	buf_putc(&out, '\n');
	free(text);
	if (put(path.s, &out, err) == -1)
		goto out;

	/* manifest.json: every event of the feed, ours replaced */
	buf_reset(&path);
	buf_printf(&path, "%s/manifest.json", dir);
	if ((old = read_file(path.s, 256 << 20, &len)) != NULL) {
		manifest = json_loadb(old, len, 0, &jerr);
		free(old);
		if (!json_is_object(manifest)) {
			buf_printf(err, "%s: not a MISP manifest: %s", path.s,
			    manifest == NULL ? jerr.text : "not an object");
			goto out;
		}
	} else if (errno != ENOENT) {
		buf_printf(err, "%s: %s", path.s, strerror(errno));
		goto out;
	} else
		manifest = json_object();
	entry = json_object();
	json_object_set(entry, "Orgc", json_object_get(e, "Orgc"));
	json_object_set(entry, "Tag", json_object_get(e, "Tag"));
	json_object_set(entry, "info", json_object_get(e, "info"));
	json_object_set(entry, "date", json_object_get(e, "date"));
	json_object_set(entry, "analysis", json_object_get(e, "analysis"));
	json_object_set(entry, "threat_level_id",
	    json_object_get(e, "threat_level_id"));
	json_object_set(entry, "timestamp", json_object_get(e, "timestamp"));
	json_object_set_new(manifest, uuid, entry);
	buf_reset(&out);
	if ((text = json_dumps(manifest, JSON_SORT_KEYS | JSON_INDENT(1) |
	    JSON_ENSURE_ASCII)) == NULL) {
		buf_puts(err, "out of memory");
		goto out;
	}
	buf_puts(&out, text);
	buf_putc(&out, '\n');
	free(text);
	if (put(path.s, &out, err) == -1)
		goto out;

	/* hashes.csv: "md5 of the value,event uuid", a line an attribute;
	 * the other events' lines kept as they were */
	buf_reset(&path);
	buf_printf(&path, "%s/hashes.csv", dir);
	buf_reset(&out);
	if ((old = read_file(path.s, 256 << 20, &len)) != NULL) {
		for (line = old; *line != '\0'; line = next) {
			size_t n;

			if ((next = strchr(line, '\n')) != NULL)
				n = (size_t)(next++ - line);
			else
				next = line + (n = strlen(line));
			if (n > UUID_STRLEN && line[n - UUID_STRLEN - 1] ==
			    ',' && strncmp(line + n - UUID_STRLEN, uuid,
			    UUID_STRLEN) == 0)
				continue;
			if (n > 0) {
				buf_put(&out, line, n);
				buf_putc(&out, '\n');
			}
		}
		free(old);
	} else if (errno != ENOENT) {
		buf_printf(err, "%s: %s", path.s, strerror(errno));
		goto out;
	}
	a = json_object_get(e, "Attribute");
	json_array_foreach(a, i, v) {
		const char *val = rec_str(v, "value");
		char h[2 * MD5_LEN + 1];

		if (val == NULL)
			continue;
		md5_hex(val, strlen(val), h);
		buf_printf(&out, "%s,%s\n", h, uuid);
	}
	if (put(path.s, &out, err) == -1)
		goto out;
	rc = 0;
out:
	json_decref(manifest);
	buf_free(&path);
	buf_free(&out);
	return rc;
}
