/* stix.c: a day's records as a STIX 2.1 bundle (stix.h). */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "hash.h"
#include "msgdigest.h"
#include "record.h"
#include "stix.h"
#include "timeutil.h"
#include "url.h"
#include "util.h"

/* The namespace of our ids: a version 5 UUID of "sec-tools" in the URL
 * namespace of RFC 9562. */
static const unsigned char ns_sectools[16] = {
	0x3f, 0x6c, 0x1a, 0x5e, 0x8b, 0x0d, 0x5c, 0x41,
	0x9a, 0x52, 0x7e, 0x13, 0xc4, 0x2b, 0x90, 0x6d
};

/* The TLP 1.0 marking definitions STIX 2.1 predefines (section 7.2.1.4 of
 * the specification): their ids and contents are fixed. */
static const struct {
	const char *level, *id;
} tlps[] = {
	{ "white", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9" },
	{ "green", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da" },
	{ "amber", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82" },
	{ "red", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed" },
};

/* TLP 2.0 CLEAR is TLP 1.0 WHITE in STIX 2.1's predefined markings. */
static const char *
tlp_level(const char *name)
{
	if (name != NULL && ascii_casecmp(name, "clear") == 0)
		return "white";
	return name;
}

int
stix_tlp_ok(const char *name)
{
	size_t i;

	name = tlp_level(name);
	for (i = 0; i < NELEM(tlps); i++)
		if (ascii_casecmp(name, tlps[i].level) == 0)
			return 1;
	return 0;
}

/* A pattern string literal: ' and \ escaped. */
static void
quoted(struct buf *out, const char *s)
{
	buf_putc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(out, '\\');
		buf_putc(out, *s);
	}
	buf_putc(out, '\'');
}

int
stix_pattern(struct buf *out, const char *type, const char *value)
{
	static const struct {
		const char *type, *path;
	} map[] = {
		{ "ipv4", "ipv4-addr:value" },
		{ "ipv6", "ipv6-addr:value" },
		{ "cidr", NULL },
		{ "domain", "domain-name:value" },
		{ "url", "url:value" },
		{ "email", "email-addr:value" },
		{ "md5", "file:hashes.MD5" },
		{ "sha1", "file:hashes.'SHA-1'" },
		{ "sha256", "file:hashes.'SHA-256'" },
		{ "sha512", "file:hashes.'SHA-512'" },
	};
	size_t i;

	for (i = 0; i < NELEM(map); i++) {
		if (strcmp(type, map[i].type) != 0)
			continue;
		if (map[i].path == NULL)
			/* a CIDR is an ipv4-addr or ipv6-addr value */
			buf_puts(out, strchr(value, ':') != NULL ?
			    "[ipv6-addr:value = " : "[ipv4-addr:value = ");
		else
			buf_printf(out, "[%s = ", map[i].path);
		quoted(out, value);
		buf_putc(out, ']');
		return 0;
	}
	return -1;
}

struct bundle {
	json_t		*objects;
	struct strset	 ids;
	const char	*marking;	/* the TLP id or NULL */
	char		 identity[64];
};

/* "<type>--<uuid5 of type:key>" into out. */
static void
make_id(char *out, size_t len, const char *type, const char *key)
{
	struct buf b = BUF_INIT;
	char u[UUID_STRLEN + 1];

	buf_printf(&b, "%s:%s", type, key);
	uuid5(ns_sectools, b.s, b.len, u);
	snprintf(out, len, "%s--%s", type, u);
	buf_free(&b);
}

/* A new SDO with the common properties; NULL when the bundle already has
 * an object of that id (then *id is still set). */
static json_t *
sdo(struct bundle *bd, const char *type, const char *key, const char *when,
    char *id, size_t idlen)
{
	json_t *o;
	int isnew;

	make_id(id, idlen, type, key);
	strset_add(&bd->ids, id, strlen(id), &isnew);
	if (!isnew)
		return NULL;
	o = json_object();
	rec_set_str(o, "type", type);
	rec_set_str(o, "spec_version", "2.1");
	rec_set_str(o, "id", id);
	if (strcmp(type, "identity") != 0)
		rec_set_str(o, "created_by_ref", bd->identity);
	rec_set_str(o, "created", when);
	rec_set_str(o, "modified", when);
	if (bd->marking != NULL) {
		json_t *m = json_array();

		arr_append_new(m, json_string(bd->marking));
		rec_set_new(o, "object_marking_refs", m);
	}
	return o;
}

static void
add(struct bundle *bd, json_t *o)
{
	arr_append_new(bd->objects, o);
}

static void
relate(struct bundle *bd, const char *rtype, const char *src,
    const char *dst, const char *when)
{
	struct buf key = BUF_INIT;
	char id[96];
	json_t *o;

	buf_printf(&key, "%s %s %s", src, rtype, dst);
	if ((o = sdo(bd, "relationship", key.s, when, id, sizeof(id))) !=
	    NULL) {
		rec_set_str(o, "relationship_type", rtype);
		rec_set_str(o, "source_ref", src);
		rec_set_str(o, "target_ref", dst);
		add(bd, o);
	}
	buf_free(&key);
}

/* A record's time as a STIX timestamp (millisecond precision, UTC); the
 * day's midnight when it has none. */
static void
stamp(char *out, size_t len, const json_t *rec, const char *day)
{
	const char *p = rec_str(rec, "published");
	long long t;
	char r[RFC3339_LEN];

	if (p == NULL || date_parse(p, &t) == -1) {
		if (day == NULL || date_parse_ymd(day, &t) == -1)
			t = 0;
	}
	time_rfc3339(t, r);
	/* "YYYY-MM-DDTHH:MM:SSZ" -> "...:SS.000Z" */
	snprintf(out, len, "%.19s.000Z", r);
}

/* Whether an indicator may be shared: not set aside by the card, not
 * well known, no address outside the global ranges. */
static int
exportable(const json_t *c)
{
	const char *scope = rec_str(c, "scope");
	json_t *k;

	if ((k = json_object_get(c, "keep")) != NULL && json_is_false(k))
		return 0;
	if (json_is_true(json_object_get(c, "known")))
		return 0;
	return scope == NULL || strcmp(scope, "global") == 0;
}

void
cti_iocs(const json_t *rec, void (*fn)(const json_t *, void *), void *arg)
{
	const json_t *v;
	const char *t;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(rec, "digest"),
	    "iocs"), i, v)
		if (json_is_object(v) && exportable(v))
			fn(v, arg);
	/* a card lists no CVE: the article's own are shared too */
	json_array_foreach(json_object_get(rec, "iocs"), i, v)
		if ((rec_str(v, "found_in") != NULL || ((t = rec_str(v,
		    "type")) != NULL && strcmp(t, "cve") == 0)) &&
		    exportable(v))
			fn(v, arg);
}

static void
indicator(struct bundle *bd, const json_t *c, const char *when,
    json_t *refs, const char *const *threats, size_t nthreat)
{
	const char *type = rec_str(c, "type"), *value = rec_str(c, "value");
	const char *where;
	struct buf pat = BUF_INIT, key = BUF_INIT;
	char id[96];
	size_t i;
	json_t *o, *a;

	if (type == NULL || value == NULL)
		return;
	if (strcmp(type, "cve") == 0) {
		buf_puts(&key, value);
		if ((o = sdo(bd, "vulnerability", key.s, when, id,
		    sizeof(id))) != NULL) {
			json_t *ext = json_object();

			rec_set_str(o, "name", value);
			rec_set_str(ext, "source_name", "cve");
			rec_set_str(ext, "external_id", value);
			a = json_array();
			arr_append_new(a, ext);
			rec_set_new(o, "external_references", a);
			add(bd, o);
		}
		arr_append_new(refs, json_string(id));
		for (i = 0; i < nthreat; i++)
			relate(bd, "targets", threats[i], id, when);
		goto out;
	}
	if (stix_pattern(&pat, type, value) == -1)
		goto out;
	if ((o = sdo(bd, "indicator", pat.s, when, id, sizeof(id))) != NULL) {
		const char *obs = rec_str(c, "observed");
		long long t;
		char vf[32];

		rec_set_str(o, "name", value);
		rec_set_str(o, "pattern", pat.s);
		rec_set_str(o, "pattern_type", "stix");
		if (obs != NULL && date_parse_ymd(obs, &t) == 0) {
			char r[RFC3339_LEN];

			time_rfc3339(t, r);
			snprintf(vf, sizeof(vf), "%.19s.000Z", r);
		} else
			snprintf(vf, sizeof(vf), "%s", when);
		rec_set_str(o, "valid_from", vf);
		a = json_array();
		arr_append_new(a, json_string("malicious-activity"));
		rec_set_new(o, "indicator_types", a);
		if ((where = rec_str(c, "context")) != NULL && *where != '\0')
			rec_set_str(o, "description", where);
		if ((where = rec_str(c, "found_in")) != NULL &&
		    url_is_http(where)) {
			json_t *ext = json_object();

			rec_set_str(ext, "source_name", "reference");
			rec_set_str(ext, "url", where);
			a = json_array();
			arr_append_new(a, ext);
			rec_set_new(o, "external_references", a);
		}
		add(bd, o);
	}
	arr_append_new(refs, json_string(id));
	for (i = 0; i < nthreat; i++)
		relate(bd, "indicates", id, threats[i], when);
out:
	buf_free(&pat);
	buf_free(&key);
}

/* What each shared indicator of a report adds itself to. */
struct shared {
	struct bundle	*bd;
	const char	*when;
	json_t		*refs;
	const char *const *threats;
	size_t		 nthreat;
};

static void
share(const json_t *c, void *arg)
{
	struct shared *sh = arg;

	indicator(sh->bd, c, sh->when, sh->refs, sh->threats, sh->nthreat);
}

/* STIX's malware-type-ov for the card's malware_type. */
static const char *
malware_type_ov(const char *t)
{
	static const struct {
		const char *card, *ov;
	} map[] = {
		{ "ransomware", "ransomware" }, { "stealer", "spyware" },
		{ "backdoor", "backdoor" }, { "RAT", "remote-access-trojan" },
		{ "loader", "downloader" }, { "dropper", "dropper" },
		{ "worm", "worm" }, { "trojan", "trojan" },
		{ "spyware", "spyware" }, { "webshell", "webshell" },
		{ "botnet", "bot" }, { "miner", "resource-exploitation" },
		{ "rootkit", "rootkit" }, { "downloader", "downloader" },
	};
	size_t i;

	for (i = 0; t != NULL && i < NELEM(map); i++)
		if (ascii_casecmp(t, map[i].card) == 0)
			return map[i].ov;
	return NULL;
}

/* STIX's threat-actor-type-ov for the card's actor_attribute. */
static const char *
actor_type_ov(const char *a)
{
	static const char *const states[] = { "china", "russia",
	    "north-korea", "iran", "belarus", "pakistan" };
	size_t i;

	if (a == NULL)
		return NULL;
	for (i = 0; i < NELEM(states); i++)
		if (ascii_ncasecmp(a, states[i], strlen(states[i])) == 0)
			return "nation-state";
	if (ascii_ncasecmp(a, "cybercrime", 10) == 0)
		return "crime-syndicate";
	if (ascii_ncasecmp(a, "hacktivist", 10) == 0)
		return "activist";
	return NULL;
}

static void
lower(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++)
		buf_putc(out, ascii_lower((unsigned char)*s));
}

static void
strings(json_t *o, const char *key, const json_t *a)
{
	json_t *v, *out = json_array();
	size_t i;

	json_array_foreach(a, i, v)
		if (json_is_string(v) && *json_string_value(v) != '\0')
			arr_append_new(out, json_string(json_string_value(v)));
	if (json_array_size(out) > 0)
		rec_set_new(o, key, out);
	else
		json_decref(out);
}

#define MAXTHREAT 16

static void
report(struct bundle *bd, const json_t *rec, const char *day)
{
	const json_t *d = json_object_get(rec, "digest"), *a, *v;
	const char *name, *url = rec_str(rec, "url");
	const char *threats[MAXTHREAT];
	char when[32], id[96], tid[MAXTHREAT][96];
	size_t i, nthreat = 0;
	json_t *refs = json_array(), *o;
	struct buf key = BUF_INIT;

	stamp(when, sizeof(when), rec, day);
	/* the actors and the malware first: the indicators point at them */
	json_array_foreach(json_object_get(d, "actor"), i, v) {
		if ((name = rec_str(v, "name")) == NULL || *name == '\0' ||
		    nthreat == MAXTHREAT)
			continue;
		buf_reset(&key);
		lower(&key, name);
		if ((o = sdo(bd, "threat-actor", key.s, when, tid[nthreat],
		    sizeof(tid[0]))) != NULL) {
			const char *ty = actor_type_ov(rec_str(d,
			    "actor_attribute"));

			rec_set_str(o, "name", name);
			strings(o, "aliases", json_object_get(v, "aliases"));
			if (ty != NULL) {
				json_t *t = json_array();

				arr_append_new(t, json_string(ty));
				rec_set_new(o, "threat_actor_types", t);
			}
			add(bd, o);
		}
		threats[nthreat] = tid[nthreat];
		arr_append_new(refs, json_string(tid[nthreat]));
		nthreat++;
	}
	json_array_foreach(json_object_get(d, "malware"), i, v) {
		if (!json_is_string(v) || *json_string_value(v) == '\0' ||
		    nthreat == MAXTHREAT)
			continue;
		buf_reset(&key);
		lower(&key, json_string_value(v));
		if ((o = sdo(bd, "malware", key.s, when, tid[nthreat],
		    sizeof(tid[0]))) != NULL) {
			const char *ty = malware_type_ov(rec_str(d,
			    "malware_type"));

			rec_set_str(o, "name", json_string_value(v));
			json_object_set_new(o, "is_family", json_true());
			if (ty != NULL) {
				json_t *t = json_array();

				arr_append_new(t, json_string(ty));
				rec_set_new(o, "malware_types", t);
			}
			add(bd, o);
		}
		arr_append_new(refs, json_string(tid[nthreat]));
		/* an actor uses the malware the same article names */
		for (size_t j = 0; j < nthreat; j++)
			if (strncmp(tid[j], "threat-actor--", 14) == 0)
				relate(bd, "uses", tid[j], tid[nthreat], when);
		threats[nthreat] = tid[nthreat];
		nthreat++;
	}
	{
		struct shared sh = { bd, when, refs, threats, nthreat };

		cti_iocs(rec, share, &sh);
	}
	if (json_array_size(refs) == 0 || url == NULL) {
		/* a report must refer to something: a story without any
		 * indicator, actor or malware has nothing to share */
		json_decref(refs);
		buf_free(&key);
		return;
	}
	if ((o = sdo(bd, "report", url, when, id, sizeof(id))) == NULL) {
		json_decref(refs);
		buf_free(&key);
		return;
	}
	name = rec_str(d, "title");
	if (name == NULL || *name == '\0')
		name = rec_str(rec, "title");
	rec_set_str(o, "name", name != NULL && *name != '\0' ? name : url);
	rec_set_str(o, "published", when);
	a = json_array();
	arr_append_new((json_t *)a, json_string("threat-report"));
	rec_set_new(o, "report_types", (json_t *)a);
	if ((a = json_object_get(d, "summary")) != NULL &&
	    json_array_size(a) > 0) {
		buf_reset(&key);
		json_array_foreach(a, i, v)
			if (json_is_string(v))
				buf_printf(&key, "%s%s", key.len ? "\n" : "",
				    json_string_value(v));
		rec_set_str(o, "description", key.s);
	}
	if ((name = rec_str(d, "lang")) != NULL)
		rec_set_str(o, "lang", name);
	{
		json_t *ext = json_object(), *e = json_array();

		rec_set_str(ext, "source_name", rec_str(rec, "feed") != NULL ?
		    rec_str(rec, "feed") : "article");
		rec_set_str(ext, "url", url);
		arr_append_new(e, ext);
		json_array_foreach(json_object_get(d, "primary_sources"), i,
		    v) {
			if (!json_is_string(v) ||
			    !url_is_http(json_string_value(v)))
				continue;
			ext = json_object();
			rec_set_str(ext, "source_name", "primary source");
			rec_set_str(ext, "url", json_string_value(v));
			arr_append_new(e, ext);
		}
		rec_set_new(o, "external_references", e);
	}
	rec_set_new(o, "object_refs", refs);
	add(bd, o);
	buf_free(&key);
}

json_t *
stix_bundle(const json_t *recs, const struct stix_opts *opt)
{
	struct bundle bd;
	const char *producer = opt->producer ? opt->producer : "sec-tools";
	const char *level = tlp_level(opt->tlp);
	json_t *bundle, *o, *rec;
	struct buf key = BUF_INIT;
	char u[UUID_STRLEN + 1];
	size_t i;

	memset(&bd, 0, sizeof(bd));
	bd.objects = json_array();
	for (i = 0; level != NULL && i < NELEM(tlps); i++)
		if (ascii_casecmp(level, tlps[i].level) == 0) {
			char def[16];

			bd.marking = tlps[i].id;
			o = json_object();
			rec_set_str(o, "type", "marking-definition");
			rec_set_str(o, "spec_version", "2.1");
			rec_set_str(o, "id", tlps[i].id);
			rec_set_str(o, "created", "2017-01-20T00:00:00.000Z");
			rec_set_str(o, "definition_type", "tlp");
			snprintf(def, sizeof(def), "TLP:%s", tlps[i].level);
			for (char *p = def; *p != '\0'; p++)
				*p = (char)(*p >= 'a' && *p <= 'z' ?
				    *p - 32 : *p);
			rec_set_str(o, "name", def);
			json_object_set_new(o, "definition",
			    json_pack("{s:s}", "tlp", tlps[i].level));
			add(&bd, o);
		}
	/* the producer: created well before anything it made */
	make_id(bd.identity, sizeof(bd.identity), "identity", producer);
	strset_add(&bd.ids, bd.identity, strlen(bd.identity), NULL);
	o = json_object();
	rec_set_str(o, "type", "identity");
	rec_set_str(o, "spec_version", "2.1");
	rec_set_str(o, "id", bd.identity);
	rec_set_str(o, "created", "2024-01-01T00:00:00.000Z");
	rec_set_str(o, "modified", "2024-01-01T00:00:00.000Z");
	rec_set_str(o, "name", producer);
	rec_set_str(o, "identity_class", "system");
	add(&bd, o);
	json_array_foreach(recs, i, rec)
		if (json_is_object(rec) &&
		    json_is_object(json_object_get(rec, "digest")))
			report(&bd, rec, opt->day);

	/* the bundle's id: of its content, so the same export is the same
	 * bundle */
	json_array_foreach(bd.objects, i, o)
		buf_printf(&key, "%s\n", rec_str(o, "id"));
	uuid5(ns_sectools, buf_str(&key), key.len, u);
	buf_reset(&key);
	buf_printf(&key, "bundle--%s", u);
	bundle = json_object();
	rec_set_str(bundle, "type", "bundle");
	rec_set_str(bundle, "id", key.s);
	rec_set_new(bundle, "objects", bd.objects);
	strset_free(&bd.ids);
	buf_free(&key);
	return bundle;
}
