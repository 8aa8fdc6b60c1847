TOOLS += sec-render
sec-render_SRC = cmd/sec-render/main.c cmd/sec-render/render.c \
	cmd/sec-render/text.c cmd/sec-render/iocinfo.c
sec-render_LIBS =
UNIT_TESTS += test_render
test_render_SRC = tests/unit/test_render.c cmd/sec-render/render.c \
	cmd/sec-render/text.c cmd/sec-render/iocinfo.c
test_render_LIBS =
FUZZ_TARGETS += fuzz_render
fuzz_render_SRC = tests/fuzz/fuzz_render.c cmd/sec-render/render.c \
	cmd/sec-render/text.c cmd/sec-render/iocinfo.c
fuzz_render_LIBS =
