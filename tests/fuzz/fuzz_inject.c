/* fuzz_inject.c: libFuzzer target for sec-summarize's reading of
 * untrusted text: the instruction detector, the check that a line names
 * an indicator, the rule that an indicator is a reference, and the
 * extractive engine over it all.  The input up to the first newline is
 * an indicator value (and the title); the whole input is its context and
 * the article; the rest is the line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "record.h"
#include "summarize.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *types[] = { "url", "domain", "email", "ipv4",
	    "attack", "sha256" };
	struct source src;
	const char *nl;
	char *line;
	json_t *io, *rec;
	size_t vl;

	nl = memchr(data, '\n', size);
	vl = nl ? (size_t)(nl - (const char *)data) : size;
	(void)looks_like_instruction((const char *)data, size);
	memset(&src, 0, sizeof(src));
	io = json_object();
	rec_set_new(io, "value", json_string_safe((const char *)data, vl));
	rec_set_str(io, "type", types[size % 6]);
	rec_set_new(io, "context", json_string_safe((const char *)data,
	    size));
	(void)ioc_not_indicator(io);
	src.iocs = json_array();
	json_array_append_new(src.iocs, io);
	rec = json_object_get(io, "context");
	line = strdup(json_string_value(rec));
	if (line != NULL)
		(void)line_names_ioc(nl && strlen(line) >= vl ? line + vl :
		    line, &src);
	free(line);
	/* the extractive card of the input as an article */
	rec = json_object();
	rec_set_new(rec, "title", json_string_safe((const char *)data, vl));
	rec_set_new(rec, "text", json_string_safe((const char *)data, size));
	rec_set_new(rec, "iocs", src.iocs);
	if (source_init(&src, rec) == 0) {
		json_decref(extractive_digest(&src));
		source_free(&src);
	}
	json_decref(rec);
	return 0;
}
