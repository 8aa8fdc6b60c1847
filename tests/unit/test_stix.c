/* test_stix.c: MD5, SHA-1, version 5 UUIDs, STIX patterns and bundles,
 * MISP events and feed directories (common/msgdigest.c, stix.c,
 * misp.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "misp.h"
#include "msgdigest.h"
#include "stix.h"
#include "util.h"

static void
test_digests(void)
{
	unsigned char ns[16], d[SHA1_LEN];
	char h[33], u[UUID_STRLEN + 1], hx[41];
	size_t i;

	/* RFC 1321 and FIPS 180 test vectors */
	md5_hex("", 0, h);
	CHECK_STR(h, "d41d8cd98f00b204e9800998ecf8427e");
	md5_hex("abc", 3, h);
	CHECK_STR(h, "900150983cd24fb0d6963f7d28e17f72");
	md5_hex("12345678901234567890123456789012345678901234567890123456789"
	    "012345678901234567890", 80, h);
	CHECK_STR(h, "57edf4a22be3c955ac49da2e2107b67a");
	sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	    d);
	for (i = 0; i < SHA1_LEN; i++)
		snprintf(hx + 2 * i, 3, "%02x", d[i]);
	CHECK_STR(hx, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	/* RFC 9562's example: the DNS namespace and "www.example.com" */
	CHECK(uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8", ns) == 0);
	uuid5(ns, "www.example.com", 15, u);
	CHECK_STR(u, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
	/* STIX 2.1's namespace for cyber observables */
	CHECK(uuid_parse("00abedb4-aa42-466c-9c01-fed23315a9b7", ns) == 0);
	uuid5(ns, "{\"value\":\"8.8.8.8\"}", 19, u);
	CHECK_STR(u, "2f689bf9-0ff2-545f-aa61-e495eb8cecc7");
	CHECK(uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430c", ns) == -1);
	CHECK(uuid_parse("6ba7b810x9dad-11d1-80b4-00c04fd430c8", ns) == -1);
	CHECK(uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430cg", ns) == -1);
}

static void
test_patterns(void)
{
	struct buf b = BUF_INIT;

	CHECK(stix_pattern(&b, "ipv4", "192.0.2.1") == 0);
	CHECK_STR(b.s, "[ipv4-addr:value = '192.0.2.1']");
	buf_reset(&b);
	CHECK(stix_pattern(&b, "sha256", "ab") == 0);
	CHECK_STR(b.s, "[file:hashes.'SHA-256' = 'ab']");
	buf_reset(&b);
	CHECK(stix_pattern(&b, "md5", "ab") == 0);
	CHECK_STR(b.s, "[file:hashes.MD5 = 'ab']");
	buf_reset(&b);
	/* a quote or a backslash in a URL cannot end the literal */
	CHECK(stix_pattern(&b, "url", "http://x.example/a'b\\c") == 0);
	CHECK_STR(b.s, "[url:value = 'http://x.example/a\\'b\\\\c']");
	buf_reset(&b);
	CHECK(stix_pattern(&b, "cidr", "2001:db8::/32") == 0);
	CHECK_STR(b.s, "[ipv6-addr:value = '2001:db8::/32']");
	buf_reset(&b);
	CHECK(stix_pattern(&b, "cve", "CVE-2024-1") == -1);
	CHECK(stix_pattern(&b, "asn", "AS1") == -1);
	buf_free(&b);
	CHECK(stix_tlp_ok("amber") && stix_tlp_ok("CLEAR") &&
	    !stix_tlp_ok("purple"));
}

static const char day_json[] =
    "[{\"url\":\"https://news.example/a\",\"title\":\"A\","
    "\"published\":\"2026-05-09T10:00:00+09:00\",\"feed\":\"example\","
    "\"digest\":{\"title\":\"記事A\",\"summary\":[\"一\",\"二\"],"
    "\"actor\":[{\"name\":\"Storm-1175\",\"aliases\":[\"X\"]}],"
    "\"actor_attribute\":\"cybercrime\",\"malware\":[\"Medusa\"],"
    "\"malware_type\":\"ransomware\","
    "\"primary_sources\":[\"https://vendor.example/r\"],"
    "\"iocs\":[{\"type\":\"ipv4\",\"value\":\"203.0.113.9\","
    "\"scope\":\"documentation\"},"
    "{\"type\":\"ipv4\",\"value\":\"45.9.1.2\",\"scope\":\"global\","
    "\"category\":\"c2\"},"
    "{\"type\":\"domain\",\"value\":\"evil.example\",\"keep\":false},"
    "{\"type\":\"domain\",\"value\":\"bad.example\"},"
    "{\"type\":\"cve\",\"value\":\"CVE-2026-1234\"}]},"
    "\"iocs\":[{\"type\":\"sha256\",\"value\":\"" 
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
    "\"found_in\":\"https://vendor.example/iocs.txt\"}]},"
    "{\"url\":\"https://news.example/b\",\"title\":\"B\","
    "\"digest\":{\"title\":\"記事B\",\"summary\":[\"三\"]}}]";

static size_t
count_type(const json_t *bundle, const char *type)
{
	const json_t *o;
	size_t i, n = 0;

	json_array_foreach(json_object_get(bundle, "objects"), i, o)
		if (strcmp(json_string_value(json_object_get(o, "type")),
		    type) == 0)
			n++;
	return n;
}

static void
test_bundle(void)
{
	struct stix_opts so = { NULL, "amber", "2026-05-09" };
	json_t *recs = json_loads(day_json, 0, NULL), *b1, *b2;
	char *s1, *s2;

	CHECK(recs != NULL);
	b1 = stix_bundle(recs, &so);
	b2 = stix_bundle(recs, &so);
	s1 = json_dumps(b1, JSON_COMPACT);
	s2 = json_dumps(b2, JSON_COMPACT);
	/* the same records give the same bundle, ids included */
	CHECK(strcmp(s1, s2) == 0);
	CHECK(count_type(b1, "report") == 1);	/* B has nothing to share */
	/* 45.9.1.2, bad.example, the hash; not the documentation address
	 * nor the entry the card dropped */
	CHECK(count_type(b1, "indicator") == 3);
	CHECK(count_type(b1, "vulnerability") == 1);
	CHECK(count_type(b1, "malware") == 1);
	CHECK(count_type(b1, "threat-actor") == 1);
	CHECK(count_type(b1, "marking-definition") == 1);
	CHECK(count_type(b1, "identity") == 1);
	CHECK(strstr(s1, "\"published\":\"2026-05-09T01:00:00.000Z\"") != NULL);
	CHECK(strstr(s1, "\"valid_from\":\"2026-05-09T01:00:00.000Z\"") != NULL);
	CHECK(strstr(s1, "203.0.113.9") == NULL);
	CHECK(strstr(s1, "evil.example") == NULL);
	CHECK(strstr(s1, "\"relationship_type\":\"indicates\"") != NULL);
	CHECK(strstr(s1, "\"relationship_type\":\"uses\"") != NULL);
	CHECK(strstr(s1, "\"relationship_type\":\"targets\"") != NULL);
	CHECK(strstr(s1, "marking-definition--f88d31f6-486f-44da-b317-"
	    "01333bde0b82") != NULL);
	CHECK(strstr(s1, "https://vendor.example/iocs.txt") != NULL);
	free(s1);
	free(s2);
	json_decref(b1);
	json_decref(b2);
	json_decref(recs);
}

static void
test_misp(void)
{
	struct misp_opts mo = { "Example Org", "green", "2026-05-09" };
	json_t *recs = json_loads(day_json, 0, NULL), *ev, *attrs, *a;
	char dir[] = "/tmp/test_stix.XXXXXX", path[256], *data;
	struct buf err = BUF_INIT;
	size_t i, len, nids = 0, nlinks = 0;

	ev = misp_event(recs, &mo);
	attrs = json_object_get(json_object_get(ev, "Event"), "Attribute");
	json_array_foreach(attrs, i, a) {
		const char *t = json_string_value(json_object_get(a, "type"));

		if (json_is_true(json_object_get(a, "to_ids")))
			nids++;
		if (strcmp(t, "link") == 0)
			nlinks++;
	}
	/* two links per article with a primary source, one without */
	CHECK(nlinks == 3);
	CHECK(nids == 3);	/* ip-dst, domain, sha256; not the CVE */
	CHECK(mkdtemp(dir) != NULL);
	CHECK(misp_feed_write(dir, ev, &err) == 0);
	/* a second write of the same day leaves one set of lines */
	CHECK(misp_feed_write(dir, ev, &err) == 0);
	snprintf(path, sizeof(path), "%s/hashes.csv", dir);
	data = read_file(path, 1 << 20, &len);
	CHECK(data != NULL);
	for (i = 0, nids = 0; data != NULL && i < len; i++)
		if (data[i] == '\n')
			nids++;
	CHECK(nids == json_array_size(attrs));
	free(data);
	snprintf(path, sizeof(path), "%s/manifest.json", dir);
	data = read_file(path, 1 << 20, &len);
	CHECK(data != NULL && strstr(data, json_string_value(json_object_get(
	    json_object_get(ev, "Event"), "uuid"))) != NULL);
	free(data);
	snprintf(path, sizeof(path), "%s/%s.json", dir,
	    json_string_value(json_object_get(json_object_get(ev, "Event"),
	    "uuid")));
	CHECK(unlink(path) == 0);
	snprintf(path, sizeof(path), "%s/manifest.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/hashes.csv", dir);
	unlink(path);
	rmdir(dir);
	buf_free(&err);
	json_decref(ev);
	json_decref(recs);
}

int
main(void)
{
	test_digests();
	test_patterns();
	test_bundle();
	test_misp();
	return check_failed;
}
