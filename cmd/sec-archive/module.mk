TOOLS += sec-archive
sec-archive_SRC = cmd/sec-archive/main.c cmd/sec-archive/db.c \
	cmd/sec-archive/input.c cmd/sec-archive/query.c \
	cmd/sec-archive/week.c cmd/sec-archive/weekcmd.c cmd/sec-archive/cti.c \
	cmd/sec-archive/seen.c \
	cmd/sec-archive/report.c cmd/sec-render/render.c \
	cmd/sec-render/events.c cmd/sec-render/text.c \
	cmd/sec-render/iocinfo.c
SQLITE_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3)
SQLITE_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3)
DEP_CFLAGS += $(SQLITE_CFLAGS)
sec-archive_LIBS = $(SQLITE_LIBS)
# the report parser alone, under libFuzzer
FUZZ_TARGETS += fuzz_report
fuzz_report_SRC = tests/fuzz/fuzz_report.c cmd/sec-archive/report.c
fuzz_report_LIBS =
# the weekly review: its unit test (week.c reads no file)
UNIT_TESTS += test_week
test_week_SRC = tests/unit/test_week.c cmd/sec-archive/week.c
test_week_LIBS =
$(O)/tests/unit/test_week.o: SEC_CPPFLAGS += -Icmd/sec-archive
