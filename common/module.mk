# common/: the shared layer in libsec.a.  Its core is LIBSEC_SRC in the
# Makefile; these parts are added here with their unit tests.
# hash: FNV-1a, the id and string sets
LIBSEC_SRC += common/hash.c
UNIT_TESTS += test_hash
test_hash_SRC = tests/unit/test_hash.c
test_hash_LIBS =
# fsutil: operands, mkdirs, the XDG directories, SHA-256, the cache core
LIBSEC_SRC += common/fsutil.c
UNIT_TESTS += test_fsutil
test_fsutil_SRC = tests/unit/test_fsutil.c
test_fsutil_LIBS =
# section: the report's sections
LIBSEC_SRC += common/section.c
# afile: replace a file atomically, written as a stream
LIBSEC_SRC += common/afile.c
# date: every date form the tools read
LIBSEC_SRC += common/date.c
UNIT_TESTS += test_date
test_date_SRC = tests/unit/test_date.c
test_date_LIBS =
# retry: Retry-After and the backoff policy
LIBSEC_SRC += common/retry.c
UNIT_TESTS += test_retry
test_retry_SRC = tests/unit/test_retry.c
test_retry_LIBS =
FUZZ_TARGETS += fuzz_retry
fuzz_retry_SRC = tests/fuzz/fuzz_retry.c
fuzz_retry_LIBS =
# htmltext: HTML to text, character references, the white space collapser
LIBSEC_SRC += common/htmltext.c
UNIT_TESTS += test_htmltext
test_htmltext_SRC = tests/unit/test_htmltext.c
test_htmltext_LIBS =
FUZZ_TARGETS += fuzz_htmltext
fuzz_htmltext_SRC = tests/fuzz/fuzz_htmltext.c
fuzz_htmltext_LIBS =
# url: URLs (url.c is in the core); resolution needs libxml2, so it is
# apart and only the tools that resolve links link it
LIBSEC_SRC += common/url_resolve.c
UNIT_TESTS += test_url
test_url_SRC = tests/unit/test_url.c
test_url_LIBS = $(XML_LIBS)
# csv: the RFC 4180 reader
LIBSEC_SRC += common/csv.c
# vocab: the closed values of the card and the CSVs
LIBSEC_SRC += common/vocab.c
UNIT_TESTS += test_csv
test_csv_SRC = tests/unit/test_csv.c
test_csv_LIBS =
FUZZ_TARGETS += fuzz_csv
fuzz_csv_SRC = tests/fuzz/fuzz_csv.c
fuzz_csv_LIBS =
# taxonomy: the event taxonomy; the shipped one (data/taxonomy/) is
# compiled in, from a header made at build time
LIBSEC_SRC += common/taxonomy.c
TAXONOMY_CSV = data/taxonomy/taxonomy_dimensions.csv \
	data/taxonomy/taxonomy_values.csv
$(O)/common/taxonomy.o: $(O)/gen/taxonomy_data.h
$(O)/common/taxonomy.o: SEC_CPPFLAGS += -I$(O)/gen
$(O)/gen/taxonomy_data.h: $(TAXONOMY_CSV) scripts/embed-lines
	@mkdir -p $(@D)
	sh scripts/embed-lines tax_dimensions_csv \
		data/taxonomy/taxonomy_dimensions.csv >$@.tmp
	sh scripts/embed-lines tax_values_csv \
		data/taxonomy/taxonomy_values.csv >>$@.tmp
	mv $@.tmp $@
# msgdigest, stix, misp: the exports for CTI platforms (sec-render -f
# stix and misp-feed, sec-archive export)
LIBSEC_SRC += common/msgdigest.c common/stix.c common/misp.c
UNIT_TESTS += test_stix
test_stix_SRC = tests/unit/test_stix.c
test_stix_LIBS =
