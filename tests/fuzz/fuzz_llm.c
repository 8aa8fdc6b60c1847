/* fuzz_llm.c: libFuzzer target for what comes back from a model: the
 * API response classifier (both APIs, any status), the JSON-in-text
 * finder, the schema validator with its grounding, and the cleaning of
 * untrusted text.  The first byte picks the API and the status. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "llm.h"
#include "record.h"
#include "summarize.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const long statuses[] = { 200, 200, 200, 200, 400, 401, 404, 429,
	500, 529, 502, 408 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct source src;
	static int init;
	struct llm_conf c;
	struct llm_reply r;
	struct buf b = BUF_INIT;
	json_t *d, *a;
	char why[160];
	const char *body;
	size_t len;

	if (!init) {
		json_t *rec = json_pack("{s:s, s:s, s:[{s:s, s:s}]}", "title",
		    "CVE-2026-0001 in Example 9.8", "text", "Example 1,200 "
		    "hosts at 192.0.2.1 and https://x.example/a are hit.",
		    "iocs", "type", "ipv4", "value", "192.0.2.1");

		source_init(&src, rec);
		json_decref(rec);
		init = 1;
	}
	if (size < 1)
		return 0;
	memset(&c, 0, sizeof(c));
	c.api = data[0] & 1 ? API_ANTHROPIC : API_OPENAI;
	body = (const char *)data + 1;
	len = size - 1;
	if (llm_parse(&c, statuses[(data[0] >> 1) % NELEM(statuses)], body,
	    len, -1, &r) == LLM_OK) {
		d = validate_answer(r.answer, &src, why, sizeof(why));
		json_decref(d);
		json_decref(r.answer);
	}
	/* the repair turns read the same response again */
	json_decref(llm_repair_turns(&c, body, len, "invalid"));
	/* the body as a text answer, and as untrusted article text */
	if ((a = answer_from_text(body, len)) != NULL) {
		d = validate_answer(a, &src, why, sizeof(why));
		json_decref(d);
		json_decref(a);
	}
	clean_text(&b, body, len);
	(void)looks_like_instruction(b.s ? b.s : "", b.len);
	buf_reset(&b);
	cut_text(&b, body, strnlen(body, len), 50);
	buf_free(&b);
	return 0;
}
