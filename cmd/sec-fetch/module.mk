LIBSEC_SRC += common/charset.c common/jsonw.c
TOOLS += sec-fetch
sec-fetch_SRC = cmd/sec-fetch/main.c cmd/sec-fetch/feeds.c \
	cmd/sec-fetch/items.c cmd/sec-fetch/seen.c cmd/sec-fetch/pages.c \
	cmd/sec-fetch/sources.c $(EXTRACT_CORE) cmd/sec-fetch/feed.c \
	cmd/sec-fetch/conf.c cmd/sec-fetch/http.c cmd/sec-fetch/cache.c
sec-fetch_LIBS = $(CURL_LIBS) $(XML_LIBS)
UNIT_TESTS += test_fetch
test_fetch_SRC = tests/unit/test_fetch.c cmd/sec-fetch/feed.c \
	cmd/sec-fetch/conf.c
test_fetch_LIBS = $(XML_LIBS)
FUZZ_TARGETS += fuzz_feed fuzz_date fuzz_conf
fuzz_feed_SRC = tests/fuzz/fuzz_feed.c cmd/sec-fetch/feed.c
fuzz_feed_LIBS = $(XML_LIBS)
fuzz_date_SRC = tests/fuzz/fuzz_date.c
fuzz_date_LIBS =
fuzz_conf_SRC = tests/fuzz/fuzz_conf.c cmd/sec-fetch/conf.c
fuzz_conf_LIBS = $(XML_LIBS)
FUZZ_TARGETS += fuzz_url
fuzz_url_SRC = tests/fuzz/fuzz_url.c
fuzz_url_LIBS = $(XML_LIBS)
UNIT_TESTS += test_addr
test_addr_SRC = tests/unit/test_addr.c cmd/sec-fetch/http.c \
	cmd/sec-fetch/cache.c cmd/sec-fetch/feed.c cmd/sec-fetch/conf.c
test_addr_LIBS = $(CURL_LIBS) $(XML_LIBS)
UNIT_TESTS += test_charset
test_charset_SRC = tests/unit/test_charset.c
test_charset_LIBS =
FUZZ_TARGETS += fuzz_charset
fuzz_charset_SRC = tests/fuzz/fuzz_charset.c
fuzz_charset_LIBS =
UNIT_TESTS += test_jsonw
test_jsonw_SRC = tests/unit/test_jsonw.c tests/fuzz/fuzz_jsonw.c
test_jsonw_LIBS =
FUZZ_TARGETS += fuzz_jsonw
fuzz_jsonw_SRC = tests/fuzz/fuzz_jsonw.c
fuzz_jsonw_LIBS =
