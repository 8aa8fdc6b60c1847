/* test_fsutil.c: mkdirs, the XDG directory rule, SHA-256 and the cache
 * core of common/fsutil.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "fsutil.h"
#include "util.h"

static void
test_sha256(void)
{
	struct sha256 h;
	char hex[SHA256_HEXLEN + 1];
	unsigned char d[SHA256_LEN];
	char a[1000];

	/* FIPS 180-4 examples and the one-million-'a' vector */
	sha256_init(&h);
	sha256_hex(&h, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_init(&h);
	sha256_update(&h, "abc", 3);
	sha256_hex(&h, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_init(&h);
	sha256_update(&h, "abcdbcdecdefdefgefghfghighijhijk"
	    "ijkljklmklmnlmnomnopnopq", 56);
	sha256_hex(&h, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	/* across block boundaries, in pieces */
	memset(a, 'a', sizeof(a));
	sha256_init(&h);
	sha256_update(&h, a, 1);
	sha256_update(&h, a, 63);
	sha256_update(&h, a, 936);
	sha256_hex(&h, hex);
	CHECK_STR(hex, "41edece42d63e8d9bf515a9ba6932e1c"
	    "20cbc9f5a5d134645adb5db1b9737ea3");
	{
		int i;

		sha256_init(&h);
		for (i = 0; i < 1000; i++)
			sha256_update(&h, a, sizeof(a));
		sha256_hex(&h, hex);
		CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
		    "f1809a48a497200e046d39ccc7112cd0");
	}
	/* the one-shot form gives the bytes of the same digest */
	sha256("abc", 3, d);
	CHECK(d[0] == 0xba && d[1] == 0x78 && d[31] == 0xad);
}

static char *
with_env(const char *xdg, const char *home, enum xdg_kind kind,
    const char *sub)
{
	const char *var = kind == XDG_DATA ? "XDG_DATA_HOME" :
	    "XDG_CACHE_HOME";

	unsetenv("XDG_CACHE_HOME");
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	if (xdg != NULL)
		setenv(var, xdg, 1);
	if (home != NULL)
		setenv("HOME", home, 1);
	return xdg_path(kind, sub);
}

static void
test_xdg(void)
{
	char *s;

	s = with_env("/x/cache", "/h", XDG_CACHE, "sec-tools/fetch");
	CHECK_STR(s, "/x/cache/sec-tools/fetch");
	free(s);
	/* a relative XDG_CACHE_HOME is ignored */
	s = with_env("rel", "/h", XDG_CACHE, "sub");
	CHECK_STR(s, "/h/.cache/sub");
	free(s);
	s = with_env("", "/h", XDG_CACHE, "sub");
	CHECK_STR(s, "/h/.cache/sub");
	free(s);
	s = with_env(NULL, "/h", XDG_DATA, "sub");
	CHECK_STR(s, "/h/.local/share/sub");
	free(s);
	s = with_env("/d", "/h", XDG_DATA, "sub");
	CHECK_STR(s, "/d/sub");
	free(s);
	CHECK(with_env(NULL, NULL, XDG_CACHE, "sub") == NULL);
	CHECK(with_env(NULL, "", XDG_CACHE, "sub") == NULL);
	free(with_env(NULL, "/h", XDG_CACHE, "x"));
	s = xdg_tool_dir(XDG_CACHE, "summarize");
	CHECK_STR(s, "/h/.cache/sec-tools/summarize");
	free(s);
	free(with_env("/x", "/h", XDG_DATA, "x"));
	s = xdg_tool_dir(XDG_DATA, "fetch");
	CHECK_STR(s, "/x/sec-tools/fetch");
	free(s);
}

static void
test_dirs_and_cache(void)
{
	char tmpl[] = "/tmp/test_fsutil.XXXXXX", *d, *data;
	struct buf p = BUF_INIT;
	struct stat st;
	size_t len;

	if ((d = mkdtemp(tmpl)) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	buf_printf(&p, "%s/a/b/c", d);
	CHECK(mkdirs(p.s, 0700) == 0);
	CHECK(stat(p.s, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (st.st_mode & 0777) == 0700);
	CHECK(mkdirs(p.s, 0700) == 0);		/* already there */
	buf_puts(&p, "/");
	CHECK(mkdirs(p.s, 0700) == 0);		/* a trailing slash */
	/* a file in the way */
	buf_reset(&p);
	buf_printf(&p, "%s/f", d);
	CHECK(cache_write(d, "f", "x", 1) == 0);
	buf_puts(&p, "/sub");
	errno = 0;
	CHECK(mkdirs(p.s, 0700) == -1 && errno == ENOTDIR);

	/* the cache core: entries in a subdirectory it makes */
	buf_reset(&p);
	buf_printf(&p, "%s/cache", d);
	CHECK(cache_write(p.s, "ab/abcd.json", "{}", 2) == 0);
	data = cache_read(p.s, "ab/abcd.json", 100, &len);
	CHECK(data != NULL && len == 2 && strcmp(data, "{}") == 0);
	free(data);
	CHECK(cache_write(p.s, "ab/abcd.json", "[1]", 3) == 0);
	data = cache_read(p.s, "ab/abcd.json", 100, &len);
	CHECK(data != NULL && len == 3 && strcmp(data, "[1]") == 0);
	free(data);
	CHECK(cache_write(p.s, "top.entry", "", 0) == 0);
	data = cache_read(p.s, "top.entry", 100, &len);
	CHECK(data != NULL && len == 0);
	free(data);
	errno = 0;
	CHECK(cache_read(p.s, "no/such", 100, &len) == NULL &&
	    errno == ENOENT);
	/* too large for max */
	errno = 0;
	CHECK(cache_read(p.s, "ab/abcd.json", 2, &len) == NULL &&
	    errno == EFBIG);
	/* the directory cannot be made: a file is in the way */
	buf_reset(&p);
	buf_printf(&p, "%s/f", d);
	errno = 0;
	CHECK(cache_write(p.s, "e", "x", 1) == -1 && errno == ENOTDIR);

	buf_reset(&p);
	buf_printf(&p, "rm -rf '%s'", d);
	CHECK(system(p.s) == 0);
	buf_free(&p);
}

static void
test_operands(void)
{
	char tmpl[] = "/tmp/test_fsutil.XXXXXX", *d;
	char *argv[4];
	struct buf p = BUF_INIT;
	struct operands op;
	const char *name;
	FILE *fp;
	int fd, c;

	/* none: stdin, once */
	operands_init(&op, 0, NULL);
	CHECK(operands_next(&op, &name) == stdin);
	CHECK_STR(name, "<stdin>");
	operands_close(stdin);
	CHECK(operands_next(&op, &name) == NULL);

	if ((fd = mkstemp(tmpl)) == -1) {
		CHECK(!"mkstemp");
		return;
	}
	CHECK(write(fd, "z", 1) == 1);
	close(fd);
	d = tmpl;
	buf_printf(&p, "%s.missing", d);
	argv[0] = p.s;
	argv[1] = d;
	argv[2] = "-";
	argv[3] = p.s;
	/* in order; what cannot be opened is counted and skipped */
	operands_init(&op, 4, argv);
	fp = operands_next(&op, &name);
	CHECK(fp != NULL && fp != stdin && strcmp(name, d) == 0);
	CHECK(op.nbad == 1);
	c = fp != NULL ? getc(fp) : EOF;
	CHECK(c == 'z');
	if (fp != NULL)
		operands_close(fp);
	CHECK(operands_next(&op, &name) == stdin);
	CHECK_STR(name, "<stdin>");
	CHECK(operands_next(&op, &name) == NULL);
	CHECK(op.nbad == 2);
	unlink(d);
	buf_free(&p);
}

int
main(void)
{
	test_operands();
	test_sha256();
	test_xdg();
	test_dirs_and_cache();
	return check_failed;
}
