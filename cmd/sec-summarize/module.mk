# sec-summarize: the digest of each article (LLM API or extractive).
SUMMARIZE_LIB = cmd/sec-summarize/prompt.c cmd/sec-summarize/extractive.c \
	cmd/sec-summarize/validate.c cmd/sec-summarize/llm.c \
	cmd/sec-summarize/cache.c cmd/sec-summarize/ground.c \
	cmd/sec-summarize/inject.c cmd/sec-summarize/price.c
TOOLS += sec-summarize
sec-summarize_SRC = cmd/sec-summarize/main.c $(SUMMARIZE_LIB)
sec-summarize_LIBS = $(CURL_LIBS) -lm
UNIT_TESTS += test_summarize
test_summarize_SRC = tests/unit/test_summarize.c $(SUMMARIZE_LIB)
test_summarize_LIBS = -lm
FUZZ_TARGETS += fuzz_llm
fuzz_llm_SRC = tests/fuzz/fuzz_llm.c $(SUMMARIZE_LIB)
fuzz_llm_LIBS = -lm
# the answers a model gives, repaired and validated
FUZZ_TARGETS += fuzz_answer
fuzz_answer_SRC = tests/fuzz/fuzz_answer.c $(SUMMARIZE_LIB)
fuzz_answer_LIBS = -lm
# the request layer: repair turns, what a 400 teaches, the price table
UNIT_TESTS += test_llm
test_llm_SRC = tests/unit/test_llm.c $(SUMMARIZE_LIB)
test_llm_LIBS = -lm
FUZZ_TARGETS += fuzz_price
fuzz_price_SRC = tests/fuzz/fuzz_price.c cmd/sec-summarize/price.c
fuzz_price_LIBS = -lm
# uses the IOC scanner of libsec (common/ioc.c, from cmd/sec-ioc/module.mk)
$(O)/tests/unit/test_summarize.o $(O)/tests/fuzz/fuzz_llm.o \
    $(O)/tests/fuzz/fuzz_answer.o $(O)/tests/unit/test_llm.o \
    $(O)/tests/fuzz/fuzz_price.o: \
	SEC_CPPFLAGS += -Icmd/sec-summarize
UNIT_TESTS += test_inject
test_inject_SRC = tests/unit/test_inject.c $(SUMMARIZE_LIB)
test_inject_LIBS = -lm
$(O)/tests/unit/test_inject.o: SEC_CPPFLAGS += -Icmd/sec-summarize
FUZZ_TARGETS += fuzz_inject
fuzz_inject_SRC = tests/fuzz/fuzz_inject.c $(SUMMARIZE_LIB)
fuzz_inject_LIBS = -lm
$(O)/tests/fuzz/fuzz_inject.o: SEC_CPPFLAGS += -Icmd/sec-summarize
