TOOLS += sec-extract
EXTRACT_CORE = cmd/sec-extract/extract.c cmd/sec-extract/meta.c \
	cmd/sec-extract/charset.c
sec-extract_SRC = cmd/sec-extract/main.c $(EXTRACT_CORE)
sec-extract_LIBS = $(XML_LIBS)
UNIT_TESTS += test_extract
test_extract_SRC = tests/unit/test_extract.c $(EXTRACT_CORE)
test_extract_LIBS = $(XML_LIBS)
FUZZ_TARGETS += fuzz_extract
fuzz_extract_SRC = tests/fuzz/fuzz_extract.c $(EXTRACT_CORE)
fuzz_extract_LIBS = $(XML_LIBS)
