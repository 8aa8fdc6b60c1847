# sec-ioc: indicators of compromise.  The scanner is in libsec (common/ioc*)
# because sec-summarize scans records that come without "iocs".
LIBSEC_SRC += common/ioc.c common/ioc_norm.c common/ioc_class.c
LIBSEC_LIBS += $(PSL_LIBS)
PSL_LIBS = $(shell $(PKG_CONFIG) --libs libpsl)

TOOLS += sec-ioc
sec-ioc_SRC = cmd/sec-ioc/main.c
sec-ioc_LIBS =
