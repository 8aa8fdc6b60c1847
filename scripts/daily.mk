# daily.mk: the daily run as a makefile (GNU make), for batch runs and
# reruns.  Each stage's output is kept as a file, so a rerun starts again at
# the stage that failed or whose input changed, and make -j builds several
# days at once.
#
#   make -f scripts/daily.mk DATE=2026-11-25
#   make -f scripts/daily.mk -j4 DATES='2026-11-23 2026-11-24 2026-11-25'
#
# Variables (make VAR=value):
#   DATE, DATES      the report day(s), YYYY-MM-DD
#   OUT              where YYYYMMDD.md, .ndjson and .csv go (default: out)
#   WORK             the stage files, WORK/YYYYMMDD/*.ndjson
#                    (default: OUT/work)
#   CONFIG           feeds (default: ../etc/feeds.conf from this makefile,
#                    else feeds.conf beside it, as installed)
#   RULES            sec-select rules (default: select.conf beside CONFIG)
#   SINCE            oldest item for every day, as sec-daily --since: a
#                    relative one counts back from the midnight that starts
#                    the day, which ends the window (default 24h: the day
#                    before, as sec-daily --window prints it)
#   REPORT_TZ        the report's time zone (default: $TZ, else JST-9)
#   MAX              news stories summarised (default 10)
#   ENGINE, MODEL    sec-summarize -e / -m
#   FETCH_FLAGS, SUMMARIZE_FLAGS, RENDER_FLAGS   more options for them
#   BIN              directory of the tools (default: bin/ beside this
#                    makefile when built there, else $PATH)
#   FORCE            set: replace a day's archive and report even by one
#                    with fewer summarised articles
#
# Each day is made by a make of its own under OUT/.YYYYMMDD.lock (flock(1)),
# the lock sec-daily takes: a second run of the day waits and says so.
# (A report named as a goal, make -f daily.mk out/20261125.md, is made
# without it.)  No feed item at all (every feed failed) leaves the day's
# report as it was.
#
# Stages, in WORK/YYYYMMDD/: feeds.ndjson (sec-fetch), feeds-iocs.ndjson
# (sec-ioc on titles and feed summaries), selected.ndjson and links.ndjson
# (sec-select), pages.ndjson (sec-fetch -p), text.ndjson (sec-extract),
# iocs.ndjson (sec-ioc), digest.ndjson (sec-summarize); then OUT/YYYYMMDD.ndjson
# (digest + links), .md and .csv (sec-render).  A stage whose tool exits 1
# (some feeds, pages or records failed) keeps its output and says so; any
# other failure, or no feed item at all, leaves no file, and make stops
# there.  Before the feeds are fetched, sec-summarize --check (when it has
# it) must accept ENGINE and MODEL, as in sec-daily.  Delete a stage's
# file to redo it (feeds.ndjson to fetch again).  For an offline run, start
# scripts/demo-server.py, export http_proxy and pass
# FETCH_FLAGS=--allow-private (see sec-daily(1)).

.SUFFIXES:
.DELETE_ON_ERROR:

THIS := $(lastword $(MAKEFILE_LIST))
HERE := $(patsubst %/,%,$(dir $(THIS)))
TOP := $(patsubst %/,%,$(dir $(HERE)))
ifeq ($(TOP),)
TOP := .
endif

DATE =
DATES = $(DATE)
OUT = out
WORK = $(OUT)/work
# etc/ of a source tree, else the installed copy beside this makefile
CONFIG = $(firstword $(wildcard $(TOP)/etc/feeds.conf $(HERE)/feeds.conf) $(TOP)/etc/feeds.conf)
RULES = $(if $(wildcard $(dir $(CONFIG))select.conf),$(dir $(CONFIG))select.conf,$(TOP)/etc/select.conf)
SINCE =
REPORT_TZ = $(if $(TZ),$(TZ),JST-9)
MAX = 10
ENGINE =
MODEL =
FETCH_FLAGS =
SUMMARIZE_FLAGS =
RENDER_FLAGS =
BIN = $(if $(wildcard $(TOP)/bin/sec-fetch),$(TOP)/bin/)
# sec-daily: the day's window (sec-daily --window) is its rule, not a copy
SEC_DAILY_SH = $(firstword $(wildcard $(HERE)/sec-daily $(HERE)/../../bin/sec-daily))
SEC_DAILY = $(if $(SEC_DAILY_SH),sh '$(SEC_DAILY_SH)',sec-daily)

ifeq ($(strip $(DATES)),)
$(error give DATE=YYYY-MM-DD or DATES='YYYY-MM-DD ...')
endif
$(foreach d,$(DATES),$(if $(shell echo '$(d)' | grep -x '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]'),,$(error not a date (YYYY-MM-DD): $(d))))

STAMPS = $(subst -,,$(DATES))
REPORTS = $(foreach s,$(STAMPS),$(OUT)/$(s).md $(OUT)/$(s).csv $(OUT)/$(s).ndjson)

# the tool binaries are inputs too: a rebuilt tool redoes its stage
tool = $(wildcard $(BIN)$(1))

.PHONY: all clean-work

ifeq ($(DAILY_LOCKED),)
# One run of a day at a time, under the lock sec-daily takes as well
# (OUT/.YYYYMMDD.lock, flock(1)): each day is made by a make of its own
# holding that lock; a second run waits, and says so.
.PHONY: $(STAMPS:%=day-%)
all: $(STAMPS:%=day-%)
$(STAMPS:%=day-%): day-%:
	@mkdir -p '$(OUT)'
	@$(DAY); lock='$(OUT)/.$*.lock'; \
	if ! command -v flock >/dev/null 2>&1; then \
	    echo "daily.mk: no flock(1): $$day runs without a lock" >&2; \
	    exec $(MAKE) -f '$(THIS)' DAILY_LOCKED=1 DATES=$$day; fi; \
	if ! flock -n "$$lock" true; then \
	    echo "daily.mk: $$day: another run holds $$lock; waiting" >&2; \
	fi; \
	exec flock "$$lock" $(MAKE) -f '$(THIS)' DAILY_LOCKED=1 DATES=$$day
else
all: $(REPORTS)
endif

# DAY: the dashed date of the stamp $* in a recipe's shell
DAY = s=$*; y=$${s%????}; md=$${s\#????}; day=$$y-$${md%??}-$${md\#??}

# TMP: a temporary name of the target's own, in its directory (the pid of
# the recipe's shell), so that nothing else writes to it
TMP = $@.tmp.$$$$

# run TOOL...: the stage's command into $(TMP); status 1 keeps the output
# with a warning, anything else fails the stage
define run
@mkdir -p $(@D)
@$(1) >$(TMP) 2>$@.err; rc=$$?; \
	if [ $$rc -gt 1 ]; then cat $@.err >&2; rm -f $(TMP); \
	    echo "daily.mk: $@: failed (exit status $$rc)" >&2; exit 1; fi; \
	if [ $$rc -eq 1 ]; then sed 's/^/    /' $@.err >&2; \
	    echo "daily.mk: $@: some items failed (kept the rest)" >&2; fi; \
	mv -f $(TMP) $@
endef

$(WORK)/%/feeds.ndjson: $(CONFIG) $(call tool,sec-fetch)
	@mkdir -p $(@D)
	@$(DAY); \
	if $(BIN)sec-summarize --help 2>/dev/null | grep -q -- --check; then \
	    $(BIN)sec-summarize --check $(if $(ENGINE),-e $(ENGINE)) \
	        $(if $(MODEL),-m $(MODEL)) </dev/null >/dev/null || { \
	    echo "daily.mk: $@: sec-summarize --check failed; nothing" \
	        "fetched" >&2; exit 1; }; fi; \
	win=$$(SEC_BINDIR='$(BIN)' TZ='$(REPORT_TZ)' $(SEC_DAILY) \
	    --window -d "$$day" $(if $(SINCE),--since '$(SINCE)')) || exit 1; \
	$(BIN)sec-fetch -c '$(CONFIG)' $$win $(FETCH_FLAGS) \
	    </dev/null >$(TMP) 2>$@.err; rc=$$?; \
	if [ $$rc -eq 1 ] && [ ! -s $(TMP) ]; then rc=3; fi; \
	if [ $$rc -gt 1 ]; then cat $@.err >&2; rm -f $(TMP); \
	    echo "daily.mk: $@: failed (exit status $$rc)" >&2; exit 1; fi; \
	if [ $$rc -eq 1 ]; then sed 's/^/    /' $@.err >&2; \
	    echo "daily.mk: $@: some feeds failed (kept the rest)" >&2; fi; \
	mv -f $(TMP) $@

$(WORK)/%/feeds-iocs.ndjson: $(WORK)/%/feeds.ndjson $(call tool,sec-ioc)
	$(call run,$(BIN)sec-ioc $<)

$(WORK)/%/selected.ndjson: $(WORK)/%/feeds-iocs.ndjson $(RULES) \
    $(call tool,sec-select)
	@rm -f $(@D)/links.ndjson
	$(call run,$(BIN)sec-select -c '$(RULES)' -n $(MAX) \
	    -D $(@D)/dropped.ndjson -l $(@D)/links.ndjson $<)

$(WORK)/%/links.ndjson: $(WORK)/%/selected.ndjson
	@test -f $@ || { echo "daily.mk: $@: missing; remove $< and rerun" >&2; exit 1; }

$(WORK)/%/pages.ndjson: $(WORK)/%/selected.ndjson $(call tool,sec-fetch)
	$(call run,$(BIN)sec-fetch -p $(FETCH_FLAGS) $<)

$(WORK)/%/text.ndjson: $(WORK)/%/pages.ndjson $(call tool,sec-extract)
	$(call run,$(BIN)sec-extract $<)

$(WORK)/%/iocs.ndjson: $(WORK)/%/text.ndjson $(call tool,sec-ioc)
	$(call run,$(BIN)sec-ioc $<)

$(WORK)/%/digest.ndjson: $(WORK)/%/iocs.ndjson $(call tool,sec-summarize)
	$(call run,$(BIN)sec-summarize $(if $(ENGINE),-e $(ENGINE)) \
	    $(if $(MODEL),-m $(MODEL)) $(SUMMARIZE_FLAGS) $<)

# good FILE: its summarised articles (a digest, no failed summary), the
# measure sec-daily uses too: a day's archive is never replaced by one with
# fewer unless FORCE is set; the new one is left beside it as .new.ndjson
GOOD = good() { grep '"digest":' "$$1" 2>/dev/null | \
	grep -vc '"tool":"sec-summarize"' || true; }

$(OUT)/%.ndjson: $(WORK)/%/digest.ndjson $(WORK)/%/links.ndjson
	@mkdir -p $(@D)
	@cat $^ >$(TMP) || exit 1; $(GOOD); \
	if [ -z '$(FORCE)' ] && [ -f $@ ] && \
	    [ "$$(good $(TMP))" -lt "$$(good $@)" ]; then \
	    mv -f $(TMP) $(@D)/$*.new.ndjson; \
	    echo "daily.mk: $@: kept, it has $$(good $@) summarised" \
	        "articles, this run $$(good $(@D)/$*.new.ndjson)" \
	        "($(@D)/$*.new.ndjson); FORCE=1 replaces it" >&2; \
	    exit 1; fi; \
	rm -f $(@D)/$*.new.ndjson; mv -f $(TMP) $@

$(OUT)/%.md: $(OUT)/%.ndjson $(call tool,sec-render)
	@$(DAY); $(BIN)sec-render -E -f markdown -d "$$day" $(RENDER_FLAGS) \
	    -o $@ $<

$(OUT)/%.csv: $(OUT)/%.ndjson $(call tool,sec-render)
	@$(DAY); $(BIN)sec-render -E -f ioc-csv -d "$$day" -o $@ $<

# keep every stage's file: they are what a rerun resumes from
.PRECIOUS: $(WORK)/%/feeds.ndjson $(WORK)/%/feeds-iocs.ndjson \
    $(WORK)/%/selected.ndjson $(WORK)/%/links.ndjson \
    $(WORK)/%/pages.ndjson $(WORK)/%/text.ndjson $(WORK)/%/iocs.ndjson \
    $(WORK)/%/digest.ndjson $(OUT)/%.ndjson

clean-work:
	rm -rf $(foreach s,$(STAMPS),$(WORK)/$(s))
