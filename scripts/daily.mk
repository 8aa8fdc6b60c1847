# daily.mk: the daily run for a batch of days (GNU make).  Each day is one
# sec-daily -w WORK/YYYYMMDD run, so there is one policy, sec-daily's (its
# stages, what a failed stage does, the day's window, the day's lock, an
# archive never replaced by a worse one; see sec-daily(1)), and make adds
# the days: make -j runs several at once.
#
#   make -f scripts/daily.mk DATE=2026-11-25
#   make -f scripts/daily.mk -j4 DATES='2026-11-23 2026-11-24 2026-11-25'
#
# Variables (make VAR=value), each a sec-daily option or variable:
#   DATE, DATES      the report day(s), YYYY-MM-DD (-d)
#   OUT              where YYYYMMDD.md, .ndjson, .csv, .events.csv,
#                    .event_tags.csv and .log.md go (-o; default:
#                    out)
#   WORK             the stage files, WORK/YYYYMMDD/ (-w; default:
#                    OUT/work): a rerun resumes from them at the first
#                    stage not done (missing, failed, or older than its
#                    input, its tool, the config or the rules); delete a
#                    stage's file to redo it and the stages after it
#   CONFIG           feeds (-c; default: sec-daily's, the first feeds.conf
#                    of ~/.config/sec-tools, etc/ of the tree, the install)
#   RULES            sec-select rules (-S; default: select.conf beside the
#                    feeds config)
#   SINCE            oldest item (--since; default 24h: the day before)
#   MAX              news stories summarised (--max; default: the rules'
#                    max, else 10)
#   ENGINE, MODEL    sec-summarize engine and model (-e, -m)
#   REPORT_TZ        the report's time zone (TZ; default: $TZ, else
#                    JST-9)
#   FETCH_FLAGS, SUMMARIZE_FLAGS, RENDER_FLAGS
#                    more options for sec-fetch, sec-summarize and the
#                    report's sec-render (SEC_FETCH_FLAGS, ...)
#   SOURCES_FLAGS    more options for the sec-fetch --sources stage
#                    (SEC_SOURCES_FLAGS: --max-sources N,
#                    --max-sources-total N)
#   DAILY_FLAGS      more sec-daily options (-q, --offline DIR,
#                    --notes FILE, --preamble FILE)
#   BIN              directory of the tools (SEC_BINDIR; default: bin/
#                    beside this makefile when built there)
#   FORCE            set: replace a day's report and archive even by ones
#                    with fewer summarised articles (-f)
#
# A day fails, and make stops there (or goes on to the other days with
# -k), when sec-daily exits 2 or more (no feed at all, a failed
# sec-summarize --check, an output not written) or when it kept the day's
# better report and wrote this run's beside it as YYYYMMDD.new.*.  Exit
# status 1 otherwise (some feeds, pages, summaries or stages failed, the
# report written) is a day made; sec-daily's summary says what failed.
#
# An offline run on the sample web:
#   make -f scripts/daily.mk DATE=2026-11-25 ENGINE=extractive \
#       DAILY_FLAGS='--offline data/demo'

.SUFFIXES:

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
CONFIG =
RULES =
SINCE =
MAX =
ENGINE =
MODEL =
REPORT_TZ =
FETCH_FLAGS =
SUMMARIZE_FLAGS =
RENDER_FLAGS =
SOURCES_FLAGS =
DAILY_FLAGS =
BIN = $(if $(wildcard $(TOP)/bin/sec-fetch),$(TOP)/bin/)
FORCE =
# sec-daily beside this makefile (a source tree), in the install's bin/
# (this makefile in PREFIX/share/sec-tools), else on $PATH
SEC_DAILY_SH = $(firstword $(wildcard $(HERE)/sec-daily $(HERE)/../../bin/sec-daily))
SEC_DAILY = $(if $(SEC_DAILY_SH),sh '$(SEC_DAILY_SH)',sec-daily)

ifeq ($(strip $(DATES)),)
$(error give DATE=YYYY-MM-DD or DATES='YYYY-MM-DD ...')
endif
$(foreach d,$(DATES),$(if $(shell echo '$(d)' | grep -x '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]'),,$(error not a date (YYYY-MM-DD): $(d))))

.PHONY: all clean-work $(DATES:%=day-%)
all: $(DATES:%=day-%)

# day-YYYY-MM-DD: sec-daily for that day ($* in the recipe)
$(DATES:%=day-%): day-%:
	@mkdir -p '$(WORK)'
	@rc=0; $(if $(BIN),SEC_BINDIR='$(BIN)') \
	    $(if $(REPORT_TZ),TZ='$(REPORT_TZ)') \
	    SEC_FETCH_FLAGS='$(FETCH_FLAGS)' \
	    SEC_SUMMARIZE_FLAGS='$(SUMMARIZE_FLAGS)' \
	    SEC_RENDER_FLAGS='$(RENDER_FLAGS)' \
	    SEC_SOURCES_FLAGS='$(SOURCES_FLAGS)' \
	    $(SEC_DAILY) -d $* -o '$(OUT)' -w '$(WORK)/$(subst -,,$*)' \
	    $(if $(CONFIG),-c '$(CONFIG)') $(if $(RULES),-S '$(RULES)') \
	    $(if $(SINCE),--since '$(SINCE)') $(if $(MAX),--max '$(MAX)') \
	    $(if $(ENGINE),-e '$(ENGINE)') $(if $(MODEL),-m '$(MODEL)') \
	    $(if $(FORCE),--force) $(DAILY_FLAGS) </dev/null || rc=$$?; \
	case $$rc in \
	0)	;; \
	1)	if [ -f '$(OUT)/$(subst -,,$*).new.md' ]; then \
		    echo "daily.mk: $*: the day's better report was kept;" \
		        "FORCE=1 replaces it" >&2; exit 1; fi ;; \
	*)	echo "daily.mk: $*: failed (exit status $$rc)" >&2; exit 1 ;; \
	esac

clean-work:
	rm -rf $(foreach d,$(DATES),'$(WORK)/$(subst -,,$(d))')
