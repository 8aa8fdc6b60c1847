/* test_hash.c: FNV-1a and the sets of common/hash.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hash.h"

static void
test_fnv(void)
{
	/* the published FNV-1a test vectors */
	CHECK(fnv1a32("", 0) == 0x811c9dc5u);
	CHECK(fnv1a32("a", 1) == 0xe40c292cu);
	CHECK(fnv1a32("foobar", 6) == 0xbf9cf968u);
	CHECK(fnv1a64("", 0) == 0xcbf29ce484222325ULL);
	CHECK(fnv1a64("a", 1) == 0xaf63dc4c8601ec8cULL);
	CHECK(fnv1a64("foobar", 6) == 0x85944171f73967e8ULL);
	/* going on from a hash is hashing the whole */
	CHECK(fnv1a32_more(fnv1a32("foo", 3), "bar", 3) ==
	    fnv1a32("foobar", 6));
	CHECK(fnv1a32_step(FNV1A32_INIT, 'a') == fnv1a32("a", 1));
}

static void
test_idset(void)
{
	struct idset s = IDSET_INIT;
	uint64_t i;
	int ok = 1;

	CHECK(!idset_has(&s, 42));
	CHECK(idset_add(&s, 42) == 1);
	CHECK(idset_add(&s, 42) == 0);
	CHECK(idset_has(&s, 42));
	CHECK(s.n == 1);
	/* 0 and 1 are one id */
	CHECK(idset_add(&s, 0) == 1);
	CHECK(idset_has(&s, 1));
	CHECK(idset_add(&s, 1) == 0);
	/* growing keeps every id */
	for (i = 100; i < 5100; i++)
		if (idset_add(&s, i * 0x10000) != 1)
			ok = 0;
	for (i = 100; i < 5100; i++)
		if (!idset_has(&s, i * 0x10000))
			ok = 0;
	CHECK(ok);
	CHECK(s.n == 5002);
	CHECK(!idset_has(&s, 99 * 0x10000));
	CHECK(s.cap >= 2 * s.n);
	idset_free(&s);
	CHECK(s.n == 0 && s.v == NULL);
	CHECK(!idset_has(&s, 42));
}

static void
test_strset(void)
{
	struct strset s = STRSET_INIT;
	char k[32];
	size_t i;
	int isnew, ok = 1;

	CHECK(strset_get(&s, "a", 1) == STRSET_NONE);
	CHECK(strset_add(&s, "a", 1, &isnew) == 0 && isnew);
	CHECK(strset_add(&s, "b", 1, &isnew) == 1 && isnew);
	CHECK(strset_add(&s, "a", 1, &isnew) == 0 && !isnew);
	CHECK(strset_get(&s, "b", 1) == 1);
	/* keys are byte strings: a NUL inside, a prefix, the empty key */
	CHECK(strset_add(&s, "a\0b", 3, NULL) == 2);
	CHECK(strset_get(&s, "a\0c", 3) == STRSET_NONE);
	CHECK(strset_get(&s, "ab", 1) == 0);
	CHECK(strset_add(&s, "", 0, &isnew) == 3 && isnew);
	CHECK(strset_get(&s, "", 0) == 3);
	/* numbers stay those of the first add across growth */
	for (i = 0; i < 3000; i++) {
		snprintf(k, sizeof(k), "key %zu", i);
		if (strset_add(&s, k, strlen(k), NULL) != i + 4)
			ok = 0;
	}
	for (i = 0; i < 3000; i++) {
		snprintf(k, sizeof(k), "key %zu", i);
		if (strset_get(&s, k, strlen(k)) != i + 4)
			ok = 0;
	}
	CHECK(ok);
	CHECK(s.n == 3004);
	strset_free(&s);
	CHECK(s.n == 0 && strset_get(&s, "a", 1) == STRSET_NONE);
}

int
main(void)
{
	test_fnv();
	test_idset();
	test_strset();
	return check_failed;
}
