/* fuzz_answer.c: libFuzzer target for the answer contract of
 * sec-summarize: the repairing JSON finder (fences, prose, trailing
 * commas), the salvage of a cut answer, the validator with candidate and
 * link ids, closed sets, taxonomy tags and name grounding, and the
 * indicator-in-advice check.  Besides "no crash": a digest always has a
 * title, a summary of 1 to 5 items and an action; every IOC of it is one
 * of the record's candidates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "record.h"
#include "summarize.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_digest(const json_t *d, const struct source *src)
{
	const json_t *v, *c;
	size_t i, j, n;
	int found;

	if (rec_str(d, "title") == NULL || rec_str(d, "action") == NULL)
		abort();
	n = json_array_size(json_object_get(d, "summary"));
	if (n < 1 || n > SUM_MAX_SUMMARY)
		abort();
	json_array_foreach(json_object_get(d, "iocs"), i, v) {
		found = 0;
		json_array_foreach(src->cands, j, c)
			if (strcmp(rec_str(c, "value"), rec_str(v, "value")) ==
			    0)
				found = 1;
		if (!found)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct source src;
	static int init;
	const char *s = (const char *)data;
	char why[160], *line;
	json_t *a, *d;

	if (!init) {
		json_t *rec = json_loads("{\"title\":\"Storm-1175 hits MFT\","
		    "\"text\":\"Storm-1175 (aka Gold Ghost) used Medusa "
		    "ransomware; C2 at 198.51.100.20 and https://dl.bad.example"
		    "/a.exe.\",\"links\":[{\"url\":\"https://v.example/r\","
		    "\"text\":\"report\"}],\"iocs\":[{\"type\":\"ipv4\","
		    "\"value\":\"198.51.100.20\"},{\"type\":\"url\",\"value\":"
		    "\"https://dl.bad.example/a.exe\"},{\"type\":\"cve\","
		    "\"value\":\"CVE-2026-0001\"}]}", 0, NULL);

		source_init(&src, rec);
		json_decref(rec);
		init = 1;
	}
	if ((a = answer_from_text(s, size)) != NULL) {
		if ((d = validate_answer(a, &src, why, sizeof(why))) != NULL)
			check_digest(d, &src);
		json_decref(d);
		json_decref(a);
	}
	if ((a = answer_salvage(s, size)) != NULL) {
		if ((d = validate_answer(a, &src, why, sizeof(why))) != NULL)
			check_digest(d, &src);
		json_decref(d);
		json_decref(a);
	}
	line = xstrndup(s, size);
	(void)line_names_ioc(line, &src);
	(void)name_in_text(line, &src);
	free(line);
	return 0;
}
