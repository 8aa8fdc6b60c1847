# sec-ioc: indicators of compromise.  The scanner is in libsec (common/ioc*)
# because sec-summarize scans records that come without "iocs".
LIBSEC_SRC += common/ioc.c common/ioc_norm.c common/ioc_class.c \
	common/ioc_coin.c
LIBSEC_LIBS += $(PSL_LIBS) $(IDN2_LIBS)
PSL_LIBS = $(shell $(PKG_CONFIG) --libs libpsl)
IDN2_LIBS = $(shell $(PKG_CONFIG) --libs libidn2)

TOOLS += sec-ioc
sec-ioc_SRC = cmd/sec-ioc/main.c cmd/sec-ioc/structured.c
sec-ioc_LIBS =
UNIT_TESTS += test_ioc
test_ioc_SRC = tests/unit/test_ioc.c
test_ioc_LIBS =
FUZZ_TARGETS += fuzz_ioc
fuzz_ioc_SRC = tests/fuzz/fuzz_ioc.c
fuzz_ioc_LIBS =
FUZZ_TARGETS += fuzz_structured
fuzz_structured_SRC = tests/fuzz/fuzz_structured.c cmd/sec-ioc/structured.c
fuzz_structured_LIBS =
