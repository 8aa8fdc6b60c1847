TOOLS += sec-select
sec-select_SRC = cmd/sec-select/main.c cmd/sec-select/conf.c \
	cmd/sec-select/sim.c
sec-select_LIBS =
SCRIPTS += scripts/sec-daily
UNIT_TESTS += test_select
test_select_SRC = tests/unit/test_select.c cmd/sec-select/conf.c \
	cmd/sec-select/sim.c
test_select_LIBS =
FUZZ_TARGETS += fuzz_select_conf
fuzz_select_conf_SRC = tests/fuzz/fuzz_select_conf.c cmd/sec-select/conf.c
fuzz_select_conf_LIBS =
