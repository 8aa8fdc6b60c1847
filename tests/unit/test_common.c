/* test_common.c: unit tests for the core of libsec. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "buf.h"
#include "check.h"
#include "defang.h"
#include "lines.h"
#include "ndjson.h"
#include "record.h"
#include "simd.h"
#include "timeutil.h"
#include "utf8.h"
#include "util.h"

static void
test_utf8(void)
{
	struct buf b = BUF_INIT;
	uint32_t cp;

	CHECK(utf8_valid("abc", 3));
	CHECK(utf8_valid("\xe6\x97\xa5\xe6\x9c\xac", 6));
	CHECK(!utf8_valid("a\xff", 2));
	CHECK(!utf8_valid("a\0b", 3));
	CHECK(!utf8_valid("\xc0\xaf", 2));		/* overlong */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));		/* surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	CHECK(!utf8_valid("\xe6\x97", 2));		/* truncated */
	CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	CHECK_INT(cp, 0x1F600);
	CHECK_INT(utf8_repair(&b, "a\xffz\xe6\x97", 5), 2);
	CHECK_STR(buf_str(&b), "a\xef\xbf\xbdz\xef\xbf\xbd");
	buf_reset(&b);
	CHECK_INT(utf8_repair(&b, "a\0b", 3), 0);
	CHECK_STR(buf_str(&b), "ab");
	buf_reset(&b);
	utf8_encode(&b, 0x3042);
	utf8_encode(&b, 0xD800);
	CHECK_STR(buf_str(&b), "\xe3\x81\x82\xef\xbf\xbd");
	CHECK_INT(utf8_len("a\xe3\x81\x82", 4), 2);
	{
		size_t good, bad;

		utf8_tally("a\xe3\x81\x82\xff\xe3\x81", 7, 0, &good, &bad);
		CHECK(good == 1 && bad == 3);
		utf8_tally("a\xe3\x81\x82\xff\xe3\x81", 7, 4, &good, &bad);
		CHECK(good == 1 && bad == 0);
	}
	buf_free(&b);
}

static void
test_buf(void)
{
	struct buf b = BUF_INIT;
	char *s;
	int i;

	CHECK_STR(buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		buf_putc(&b, 'x');
	CHECK_INT(b.len, 1000);
	buf_reset(&b);
	buf_printf(&b, "%d-%s", 42, "y");
	buf_puts(&b, "  \n");
	buf_rtrim(&b);
	CHECK_STR(buf_str(&b), "42-y");
	s = buf_detach(&b);
	CHECK_STR(s, "42-y");
	CHECK(b.s == NULL && b.len == 0);
	free(s);
}

static void
test_numbers(void)
{
	long long v = 0;

	CHECK(strtonum_ok("42", 0, 100, &v) == 0 && v == 42);
	CHECK(strtonum_ok("-5", -10, 10, &v) == 0 && v == -5);
	CHECK(strtonum_ok("101", 0, 100, &v) == -1 && errno == ERANGE);
	CHECK(strtonum_ok("12x", 0, 100, &v) == -1 && errno == EINVAL);
	CHECK(strtonum_ok("", 0, 100, &v) == -1);
	CHECK(strtonum_ok(" 1", 0, 100, &v) == -1);
	CHECK(strtonum_ok("+1", 0, 100, &v) == -1);
	CHECK(strtonum_ok("99999999999999999999", 0, 100, &v) == -1);
	CHECK_INT(xstrtosize("2k", 0, 1 << 20, "t"), 2048);
	CHECK_INT(xstrtosize("3M", 0, 1 << 30, "t"), 3 << 20);
	CHECK(ascii_casecmp("HeLLo", "hello") == 0);
	CHECK(ascii_ncasecmp("abcX", "ABCy", 3) == 0);
	CHECK(ascii_casecmp("a", "b") < 0);
}

static void
test_time(void)
{
	char out[RFC3339_LEN];
	int y, mo, d, h, mi, s;

	CHECK_STR(time_rfc3339(0, out), "1970-01-01T00:00:00Z");
	CHECK_STR(time_rfc3339(1715346300, out), "2024-05-10T13:05:00Z");
	CHECK_INT(time_from_civil(2024, 2, 29, 0, 0, 0), 1709164800);
	time_to_civil(-1, &y, &mo, &d, &h, &mi, &s);
	CHECK(y == 1969 && mo == 12 && d == 31 && h == 23 && mi == 59 &&
	    s == 59);
	CHECK_INT(time_mdays(2000, 2), 29);
	CHECK_INT(time_mdays(1900, 2), 28);
}

static void
test_lines(void)
{
	FILE *fp;
	struct lines l;
	char *line;
	size_t len;

	fp = tmpfile();
	fputs("short\n0123456789abcdef\n\nlast", fp);
	rewind(fp);
	lines_init(&l, fp, 10);
	CHECK(lines_next(&l, &line, &len) == LINES_OK && len == 5);
	CHECK_STR(line, "short");
	CHECK(lines_next(&l, &line, &len) == LINES_LONG && len == 16);
	CHECK(lines_next(&l, &line, &len) == LINES_OK && len == 0);
	CHECK(lines_next(&l, &line, &len) == LINES_OK && l.nonl);
	CHECK_STR(line, "last");
	CHECK(lines_next(&l, &line, &len) == LINES_EOF);
	lines_free(&l);
	fclose(fp);
}

static void
test_ndjson(void)
{
	char path[] = "/tmp/test_ndjsonXXXXXX";
	char *files[1];
	struct ndjson_in in;
	json_t *rec;
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		CHECK(!"cannot make a temporary file");
		return;
	}
	fputs("{\"a\":1}\n"
	    "\n"
	    "not json\n"
	    "[1,2]\n"
	    "{\"a\":1,\"a\":2}\n"
	    "{\"t\":\"\xff\"}\n"
	    "{\"b\":2}\n"
	    "{\"c\":", fp);
	fclose(fp);
	files[0] = path;
	ndjson_in_init(&in, 1, files, 1024);
	rec = ndjson_in_next(&in);
	CHECK(rec && json_integer_value(json_object_get(rec, "a")) == 1);
	json_decref(rec);
	rec = ndjson_in_next(&in);	/* the bad lines are skipped */
	CHECK_STR(rec_str(rec, "t"), "\xef\xbf\xbd");
	json_decref(rec);
	rec = ndjson_in_next(&in);
	CHECK(rec && json_integer_value(json_object_get(rec, "b")) == 2);
	json_decref(rec);
	CHECK(ndjson_in_next(&in) == NULL);
	CHECK_INT(in.nbad, 5);	/* not json, array, dup, utf-8, truncated */
	CHECK_INT(in.nrec, 3);
	ndjson_in_free(&in);
	unlink(path);

	rec = json_object();
	rec_set_str(rec, "x", "a\xc0z");
	CHECK_STR(rec_str(rec, "x"), "a\xef\xbf\xbdz");
	rec_error(rec, "failed %d", 7);
	CHECK_STR(json_string_value(json_object_get(json_array_get(
	    json_object_get(rec, "errors"), 0), "message")), "failed 7");
	json_decref(rec);
}

static const char *
df(const char *v, const char *type)
{
	static struct buf b;

	buf_reset(&b);
	defang(&b, v, type);
	return buf_str(&b);
}

static void
test_defang(void)
{
	CHECK_STR(df("192.3.152.183", "ipv4"), "192[.]3[.]152[.]183");
	CHECK_STR(df("192[.]3.152.183", "ipv4"), "192[.]3[.]152[.]183");
	CHECK_STR(df("https://Evil.example/a.php?x=1.2", "url"),
	    "hxxps://Evil[.]example/a.php?x=1.2");
	CHECK_STR(df("http://a.b", "url"), "hxxp://a[.]b");
	CHECK_STR(df("ftp://a.b/c", "url"), "fxp://a[.]b/c");
	CHECK_STR(df("evil.example", "domain"), "evil[.]example");
	CHECK_STR(df("bad@evil.example", "email"), "bad[@]evil[.]example");
	CHECK_STR(df("2001:db8::1", "ipv6"), "2001[:]db8[:][:]1");
	CHECK_STR(df("d41d8cd98f00b204e9800998ecf8427e", "md5"),
	    "d41d8cd98f00b204e9800998ecf8427e");
	CHECK_STR(df("https://x.y/", NULL), "hxxps://x[.]y/");
	CHECK_STR(df("x.y", NULL), "x[.]y");
	/* without a type, the type is what ioc_guess_type() tells: an IPv4
	 * address with a port has its dots defanged, not its colon */
	CHECK_STR(df("198.51.100.7:8443", NULL), "198[.]51[.]100[.]7:8443");
	CHECK_STR(df("2001:db8::1", NULL), "2001[:]db8[:][:]1");
	CHECK_STR(df("bad@evil.example", NULL), "bad[@]evil[.]example");
	CHECK_STR(df("hxxp[://]evil.example/", NULL),
	    "hxxp[://]evil[.]example/");
	CHECK_STR(df("C:\\Users\\x\\a.dll", NULL), "C:\\Users\\x\\a.dll");
	CHECK_STR(df("CVE-2024-3400", NULL), "CVE-2024-3400");
}

static void
test_guess_type(void)
{
	CHECK_STR(ioc_guess_type("https://a.example/x"), "url");
	CHECK_STR(ioc_guess_type("hxxps://a.example/x"), "url");
	CHECK_STR(ioc_guess_type("192.0.2.1"), "ipv4");
	CHECK_STR(ioc_guess_type("192.0.2.1:443"), "ipv4");
	CHECK_STR(ioc_guess_type("192.0.2.0/24"), "ipv4");
	CHECK_STR(ioc_guess_type("[2001:db8::1]:443"), "ipv6");
	CHECK_STR(ioc_guess_type("CVE-2024-3400"), "cve");
	CHECK_STR(ioc_guess_type("AS13335"), "asn");
	CHECK_STR(ioc_guess_type("d41d8cd98f00b204e9800998ecf8427e"), "md5");
	CHECK_STR(ioc_guess_type("da39a3ee5e6b4b0d3255bfef95601890afd80709"),
	    "sha1");
	CHECK_STR(ioc_guess_type("bad@evil.example"), "email");
	CHECK_STR(ioc_guess_type("evil.example"), "domain");
	CHECK_STR(ioc_guess_type("1.2.3"), "other");
	CHECK_STR(ioc_guess_type("a b.c"), "other");
	CHECK_STR(ioc_addr_type("192.0.2.1:80"), "ipv4");
	CHECK(ioc_addr_type("evil.example") == NULL);
}

/* simd_count against a byte loop, at every length around the block size
 * and past the 255 blocks after which the lanes are summed. */
static void
test_simd_count(void)
{
	static unsigned char b[255 * 16 * 2 + 40];
	size_t i, n, want, bad = 0;

	for (i = 0; i < sizeof(b); i++)
		b[i] = i % 7 == 0 || i % 13 == 0 ? '\n' : 'a' + i % 26;
	for (n = 0; n <= sizeof(b); n += n < 70 ? 1 : 61) {
		for (want = 0, i = 0; i < n; i++)
			want += b[i] == '\n';
		bad += simd_count(b, n, '\n') != want;
		bad += simd_count(b + 1, n > 0 ? n - 1 : 0, '\n') !=
		    want - (n > 0 && b[0] == '\n');
	}
	CHECK_INT(bad, 0);
	memset(b, '\n', sizeof(b));
	CHECK_INT(simd_count(b, sizeof(b), '\n'), sizeof(b));
	CHECK_INT(simd_count(b, sizeof(b), 'x'), 0);
}

static void
test_afile(void)
{
	struct afile af;
	char dir[] = "/tmp/afile.XXXXXX", path[64], *s;
	size_t n;
	FILE *fp;

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof(path), "%s/f", dir);
	CHECK(write_file_atomic(path, "old\n", 4) == 0);
	/* abandoned: the old file stays, no temporary is left */
	CHECK((fp = afile_open(&af, path)) != NULL);
	fputs("half", fp);
	afile_abort(&af);
	s = read_file(path, 100, &n);
	CHECK_STR(s, "old\n");
	free(s);
	/* committed: the new file whole */
	CHECK((fp = afile_open(&af, path)) != NULL);
	fputs("new\n", fp);
	CHECK(afile_commit(&af) == 0);
	s = read_file(path, 100, &n);
	CHECK_STR(s, "new\n");
	free(s);
	CHECK(unlink(path) == 0);
	CHECK(rmdir(dir) == 0);		/* fails if a temporary was left */
	/* no directory to put the temporary in */
	snprintf(path, sizeof(path), "%s/none/f", dir);
	CHECK(afile_open(&af, path) == NULL);
}

int
main(void)
{
	test_simd_count();
	test_defang();
	test_guess_type();
	test_utf8();
	test_buf();
	test_numbers();
	test_time();
	test_lines();
	test_ndjson();
	test_afile();
	return check_failed;
}
