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
#   CONFIG           feeds (default: etc/feeds.conf beside this makefile)
#   RULES            sec-select rules (default: select.conf beside CONFIG)
#   SINCE            oldest item for every day (default: 24 hours before
#                    the day's local midnight)
#   REPORT_TZ        the report's time zone (default: $TZ, else JST-9)
#   MAX              news stories summarised (default 10)
#   ENGINE, MODEL    sec-summarize -e / -m
#   FETCH_FLAGS, SUMMARIZE_FLAGS, RENDER_FLAGS   more options for them
#   BIN              directory of the tools (default: bin/ beside this
#                    makefile when built there, else $PATH)
#
# Stages, in WORK/YYYYMMDD/: feeds.ndjson (sec-fetch), feeds-iocs.ndjson
# (sec-ioc on titles and feed summaries), selected.ndjson and links.ndjson
# (sec-select), pages.ndjson (sec-fetch -p), text.ndjson (sec-extract),
# iocs.ndjson (sec-ioc), digest.ndjson (sec-summarize); then OUT/YYYYMMDD.ndjson
# (digest + links), .md and .csv (sec-render).  A stage whose tool exits 1
# (some feeds, pages or records failed) keeps its output and says so; any
# other failure, or no feed item at all, leaves no file, and make stops
# there.  Delete a stage's
# file to redo it (feeds.ndjson to fetch again).  For an offline run, start
# scripts/demo-server.py, export http_proxy and pass
# FETCH_FLAGS=--allow-private (see sec-daily(1)).

.SUFFIXES:
.DELETE_ON_ERROR:

HERE := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
TOP := $(patsubst %/,%,$(dir $(HERE)))
ifeq ($(TOP),)
TOP := .
endif

DATE =
DATES = $(DATE)
OUT = out
WORK = $(OUT)/work
CONFIG = $(TOP)/etc/feeds.conf
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

ifeq ($(strip $(DATES)),)
$(error give DATE=YYYY-MM-DD or DATES='YYYY-MM-DD ...')
endif
$(foreach d,$(DATES),$(if $(shell echo '$(d)' | grep -x '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]'),,$(error not a date (YYYY-MM-DD): $(d))))

STAMPS = $(subst -,,$(DATES))
REPORTS = $(foreach s,$(STAMPS),$(OUT)/$(s).md $(OUT)/$(s).csv $(OUT)/$(s).ndjson)

# the tool binaries are inputs too: a rebuilt tool redoes its stage
tool = $(wildcard $(BIN)$(1))

.PHONY: all clean-work
all: $(REPORTS)

# DAY: the dashed date of the stamp $* in a recipe's shell
DAY = s=$*; y=$${s%????}; md=$${s\#????}; day=$$y-$${md%??}-$${md\#??}

# run TOOL...: the stage's command into $@.tmp; status 1 keeps the output
# with a warning, anything else fails the stage
define run
@mkdir -p $(@D)
@$(1) >$@.tmp 2>$@.err; rc=$$?; \
	if [ $$rc -gt 1 ]; then cat $@.err >&2; rm -f $@.tmp; \
	    echo "daily.mk: $@: failed (exit status $$rc)" >&2; exit 1; fi; \
	if [ $$rc -eq 1 ]; then sed 's/^/    /' $@.err >&2; \
	    echo "daily.mk: $@: some items failed (kept the rest)" >&2; fi; \
	mv -f $@.tmp $@
endef

$(WORK)/%/feeds.ndjson: $(CONFIG) $(call tool,sec-fetch)
	@mkdir -p $(@D)
	@$(DAY); since='$(SINCE)'; \
	if [ -z "$$since" ]; then \
	    e=$$(TZ='$(REPORT_TZ)' date -d "$$day 00:00:00" +%s) && \
	    since=$$(date -u -d "@$$((e - 86400))" +%Y-%m-%dT%H:%M:%SZ) || \
	    exit 1; fi; \
	$(BIN)sec-fetch -c '$(CONFIG)' --since "$$since" $(FETCH_FLAGS) \
	    </dev/null >$@.tmp 2>$@.err; rc=$$?; \
	if [ $$rc -eq 1 ] && [ ! -s $@.tmp ]; then rc=3; fi; \
	if [ $$rc -gt 1 ]; then cat $@.err >&2; rm -f $@.tmp; \
	    echo "daily.mk: $@: failed (exit status $$rc)" >&2; exit 1; fi; \
	if [ $$rc -eq 1 ]; then sed 's/^/    /' $@.err >&2; \
	    echo "daily.mk: $@: some feeds failed (kept the rest)" >&2; fi; \
	mv -f $@.tmp $@

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

$(OUT)/%.ndjson: $(WORK)/%/digest.ndjson $(WORK)/%/links.ndjson
	@mkdir -p $(@D)
	@cat $^ >$@.tmp && mv -f $@.tmp $@

$(OUT)/%.md: $(OUT)/%.ndjson $(call tool,sec-render)
	@$(DAY); $(BIN)sec-render -f markdown -d "$$day" $(RENDER_FLAGS) \
	    -o $@ $<

$(OUT)/%.csv: $(OUT)/%.ndjson $(call tool,sec-render)
	@$(DAY); $(BIN)sec-render -f ioc-csv -d "$$day" -o $@ $<

# keep every stage's file: they are what a rerun resumes from
.PRECIOUS: $(WORK)/%/feeds.ndjson $(WORK)/%/feeds-iocs.ndjson \
    $(WORK)/%/selected.ndjson $(WORK)/%/links.ndjson \
    $(WORK)/%/pages.ndjson $(WORK)/%/text.ndjson $(WORK)/%/iocs.ndjson \
    $(WORK)/%/digest.ndjson $(OUT)/%.ndjson

clean-work:
	rm -rf $(foreach s,$(STAMPS),$(WORK)/$(s))
