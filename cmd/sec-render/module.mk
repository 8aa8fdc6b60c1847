TOOLS += sec-render
sec-render_SRC = cmd/sec-render/main.c cmd/sec-render/render.c \
	cmd/sec-render/text.c cmd/sec-render/iocinfo.c cmd/sec-render/events.c \
	cmd/sec-render/check.c
sec-render_LIBS =
UNIT_TESTS += test_render
test_render_SRC = tests/unit/test_render.c cmd/sec-render/render.c \
	cmd/sec-render/text.c cmd/sec-render/iocinfo.c cmd/sec-render/events.c
test_render_LIBS =
FUZZ_TARGETS += fuzz_render
fuzz_render_SRC = tests/fuzz/fuzz_render.c cmd/sec-render/render.c \
	cmd/sec-render/text.c cmd/sec-render/iocinfo.c cmd/sec-render/events.c
fuzz_render_LIBS =
FUZZ_TARGETS += fuzz_check
fuzz_check_SRC = tests/fuzz/fuzz_check.c cmd/sec-render/check.c
fuzz_check_LIBS =
# The IP scopes and the allowlist of well-known hosts are sec-ioc's
# (common/ioc.h), so that the CSV leaves out what sec-ioc calls known.
ifeq ($(filter common/ioc.c,$(LIBSEC_SRC)),)
$(error sec-render needs common/ioc.c in libsec (cmd/sec-ioc/module.mk))
endif
