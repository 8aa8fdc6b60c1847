# sec-tools: GNU make.  Each tool lives in cmd/<tool>/ with a module.mk
# fragment that names its sources, its libraries and its tests; this file
# holds the rules they share.

VERSION = 0.1.0

PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
DATAPREFIX = $(PREFIX)/share/sec-tools

CC = cc
CFLAGS = -O2 -g
LDFLAGS =
# project flags: kept apart so a user's CFLAGS never loses them; CI
# builds with WERROR=-Werror
WERROR =
DEVFLAGS = -std=c11 -Wall -Wextra -Wpedantic $(WERROR)
SEC_CPPFLAGS = -D_DEFAULT_SOURCE -DVERSION='"$(VERSION)"' -Icommon

PKG_CONFIG = pkg-config
JANSSON_CFLAGS = $(shell $(PKG_CONFIG) --cflags jansson)
JANSSON_LIBS = $(shell $(PKG_CONFIG) --libs jansson)
CURL_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcurl)
CURL_LIBS = $(shell $(PKG_CONFIG) --libs libcurl)
XML_CFLAGS = $(shell $(PKG_CONFIG) --cflags libxml-2.0)
XML_LIBS = $(shell $(PKG_CONFIG) --libs libxml-2.0)
DEP_CFLAGS = $(JANSSON_CFLAGS) $(CURL_CFLAGS) $(XML_CFLAGS)

# O: where objects go; BINDIR: where the tools go.  The sanitizer and fuzz
# builds use their own, so they never mix with the normal build.
O = build
BINDIR = bin

# The core of libsec.a; modules add their shared sources with +=.
LIBSEC_SRC = common/util.c common/buf.c common/utf8.c common/lines.c \
	common/ndjson.c common/record.c common/cli.c common/timeutil.c \
	common/defang.c common/url.c
# libraries that the shared sources need (added by modules)
LIBSEC_LIBS =
TOOLS =
SCRIPTS =
# files installed beside etc/* in $(DATAPREFIX)
DATAFILES = scripts/demo-server.py scripts/daily.mk
# systemd user units, installed into $(SYSTEMDUSERDIR) with @BINDIR@ and
# @DATADIR@ replaced by this install's directories
SYSTEMDUSERDIR = $(PREFIX)/share/systemd/user
# shell completions: bash-completion loads one file per command name
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
UNITS = etc/sec-daily.service.in etc/sec-daily.timer
UNIT_TESTS = test_common
test_common_SRC = tests/unit/test_common.c
test_common_LIBS =
FUZZ_TARGETS = fuzz_ndjson
fuzz_ndjson_SRC = tests/fuzz/fuzz_ndjson.c
fuzz_ndjson_LIBS =

include common/module.mk $(sort $(wildcard cmd/*/module.mk))

LIBSEC = $(O)/libsec.a
LIBSEC_OBJ = $(LIBSEC_SRC:%.c=$(O)/%.o)

.PHONY: all build check build-check sanitize fuzz fuzz-build fuzz-merge demo \
	deps install uninstall clean lint
.DEFAULT_GOAL = all

# Each target installs (or names) what it needs, and no more: a plain make
# needs only what the tools need; clang and the fuzzing runtime are make
# fuzz's, shellcheck is make lint's, python3 and mandoc are make check's.
# The benches name their peers themselves (scripts/install-deps bench).
INSTALL_DEPS = sh scripts/install-deps --auto

all:
	@$(INSTALL_DEPS) build
	@$(MAKE) --no-print-directory build

# every purpose a make target has
deps:
	@$(INSTALL_DEPS) build check lint fuzz

build: $(TOOLS:%=$(BINDIR)/%)

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(DEVFLAGS) $(SEC_CPPFLAGS) $(DEP_CFLAGS) $(CPPFLAGS) $(CFLAGS) \
		-MMD -MP -c -o $@ $<

$(LIBSEC): $(LIBSEC_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(LIBSEC_OBJ)

define TOOL_rule
$$(BINDIR)/$(1): $$($(1)_SRC:%.c=$$(O)/%.o) $$(LIBSEC)
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $$(LDFLAGS) -o $$@ $$($(1)_SRC:%.c=$$(O)/%.o) \
		$$(LIBSEC) $$($(1)_LIBS) $$(LIBSEC_LIBS) $$(JANSSON_LIBS)
endef
$(foreach t,$(TOOLS),$(eval $(call TOOL_rule,$(t))))

define UNIT_rule
$$(O)/tests/unit/$(1): $$($(1)_SRC:%.c=$$(O)/%.o) $$(LIBSEC)
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $$(LDFLAGS) -o $$@ $$($(1)_SRC:%.c=$$(O)/%.o) \
		$$(LIBSEC) $$($(1)_LIBS) $$(LIBSEC_LIBS) $$(JANSSON_LIBS)
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call UNIT_rule,$(t))))

# libFuzzer targets: built with clang into $(FUZZ_O), one binary each.
FUZZ_O = build/fuzz
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined
FUZZ_SECONDS = 10
define FUZZ_rule
$$(O)/tests/fuzz/$(1): $$($(1)_SRC:%.c=$$(O)/%.o) $$(LIBSEC)
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) -fsanitize=fuzzer,address,undefined -o $$@ \
		$$($(1)_SRC:%.c=$$(O)/%.o) $$(LIBSEC) $$($(1)_LIBS) \
		$$(LIBSEC_LIBS) $$(JANSSON_LIBS)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_rule,$(t))))

fuzz-build: $(FUZZ_TARGETS:%=$(O)/tests/fuzz/%)

fuzz:
	@$(INSTALL_DEPS) build fuzz
	@$(MAKE) --no-print-directory O=$(FUZZ_O) CC=$(FUZZ_CC) \
		CFLAGS='$(FUZZ_FLAGS)' fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_O)/tests/fuzz \
		$(FUZZ_TARGETS)

# minimise the committed seed corpora (libFuzzer -merge=1); the seeds
# written by hand are kept
fuzz-merge:
	@$(INSTALL_DEPS) build fuzz
	@$(MAKE) --no-print-directory O=$(FUZZ_O) CC=$(FUZZ_CC) \
		CFLAGS='$(FUZZ_FLAGS)' fuzz-build
	@sh tests/fuzz/run.sh -m $(FUZZ_O)/tests/fuzz $(FUZZ_TARGETS)

check:
	@$(INSTALL_DEPS) build check
	@$(MAKE) --no-print-directory build-check

build-check: build $(UNIT_TESTS:%=$(O)/tests/unit/%)
	@BINDIR='$(BINDIR)' UNITDIR='$(O)/tests/unit' \
		UNIT_TESTS='$(UNIT_TESTS)' sh tests/run.sh $(TESTS)

SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
sanitize:
	@$(INSTALL_DEPS) build check
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	$(MAKE) --no-print-directory O=build/san BINDIR=build/san/bin \
		CFLAGS='$(SAN_FLAGS)' LDFLAGS='-fsanitize=address,undefined' \
		build-check

demo:
	@$(INSTALL_DEPS) build check
	@$(MAKE) --no-print-directory build
	@sh scripts/demo

# the shell scripts make lint checks: every file of scripts/, tests/, bench/
# and .ci/ that starts with #!/bin/sh, and the ones tests/run.sh and the
# benches source or run with sh
LINT_SH = $(shell grep -l '^\#!/bin/sh' scripts/* bench/* .ci/* 2>/dev/null) \
	bench/lib.sh tests/run.sh tests/lib.sh tests/fuzz/run.sh \
	$(wildcard tests/sh/*.sh)
lint:
	@$(INSTALL_DEPS) lint
	mandoc -Tlint -W warning man/*.[0-9]
	shellcheck -s sh -x -S warning $(LINT_SH)

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
		$(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DATAPREFIX)
	for t in $(TOOLS); do cp -f $(BINDIR)/$$t $(DESTDIR)$(PREFIX)/bin/ && \
		chmod 755 $(DESTDIR)$(PREFIX)/bin/$$t; done
	for s in $(SCRIPTS); do cp -f $$s $(DESTDIR)$(PREFIX)/bin/ && \
		chmod 755 $(DESTDIR)$(PREFIX)/bin/$${s##*/}; done
	for m in man/*.1; do cp -f $$m $(DESTDIR)$(MANPREFIX)/man1/ && \
		chmod 644 $(DESTDIR)$(MANPREFIX)/man1/$${m##*/}; done
	for m in man/*.5; do cp -f $$m $(DESTDIR)$(MANPREFIX)/man5/ && \
		chmod 644 $(DESTDIR)$(MANPREFIX)/man5/$${m##*/}; done
	for f in etc/* $(DATAFILES); do [ -f "$$f" ] || continue; \
		case " $(UNITS) " in *" $$f "*) continue ;; esac; \
		cp -f $$f $(DESTDIR)$(DATAPREFIX)/ && \
		chmod 644 $(DESTDIR)$(DATAPREFIX)/$${f##*/}; done
	mkdir -p $(DESTDIR)$(SYSTEMDUSERDIR)
	for u in $(UNITS); do n=$${u##*/}; n=$${n%.in}; \
		sed -e 's|@BINDIR@|$(PREFIX)/bin|g' \
		    -e 's|@DATADIR@|$(DATAPREFIX)|g' $$u \
		    >$(DESTDIR)$(SYSTEMDUSERDIR)/$$n && \
		chmod 644 $(DESTDIR)$(SYSTEMDUSERDIR)/$$n || exit 1; done
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	for t in $(TOOLS) $(notdir $(SCRIPTS)); do \
		cp -f completions/sec-tools.bash $(DESTDIR)$(BASHCOMPDIR)/$$t && \
		chmod 644 $(DESTDIR)$(BASHCOMPDIR)/$$t || exit 1; done
	cp -f completions/_sec-tools $(DESTDIR)$(ZSHCOMPDIR)/_sec-tools
	chmod 644 $(DESTDIR)$(ZSHCOMPDIR)/_sec-tools

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(PREFIX)/bin/$$t; done
	for s in $(SCRIPTS); do rm -f $(DESTDIR)$(PREFIX)/bin/$${s##*/}; done
	for m in man/*.1; do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${m##*/}; done
	for m in man/*.5; do rm -f $(DESTDIR)$(MANPREFIX)/man5/$${m##*/}; done
	rm -rf $(DESTDIR)$(DATAPREFIX)
	for u in $(UNITS); do n=$${u##*/}; \
		rm -f $(DESTDIR)$(SYSTEMDUSERDIR)/$${n%.in}; done
	for t in $(TOOLS) $(notdir $(SCRIPTS)); do \
		rm -f $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_sec-tools

clean:
	rm -rf build bin out

-include $(shell find $(O) -name '*.d' 2>/dev/null)
