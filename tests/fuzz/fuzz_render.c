/* fuzz_render.c: libFuzzer target for sec-render: any record rendered in
 * every format must give valid UTF-8, a report with the seven sections
 * and no raw line break inside a line, and CSVs that start with their
 * header. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../cmd/sec-render/render.h"
#include "buf.h"
#include "ioc.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_opts o;
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct strv gaps = { NULL, 0 };
	struct day *d;
	const char *why, *p;
	json_t *rec;

	memset(&o, 0, sizeof(o));
	o.date = "2026-11-25";
	o.preamble = "pre";
	o.notes = "notes";
	utf8_repair(&in, (const char *)data, size);
	rec = json_loadb(in.s ? in.s : "", in.len, 0, NULL);
	buf_free(&in);
	if (rec == NULL || !json_is_object(rec)) {
		json_decref(rec);
		return 0;
	}
	d = day_new();
	day_add(d, rec, &why);
	day_add(d, rec, &why);
	json_decref(rec);
	day_markdown(d, &o, &out);
	if (!utf8_valid(buf_str(&out), out.len) ||
	    strstr(buf_str(&out), "### その他のメモ\n") == NULL)
		abort();
	/* every line is a heading, a bullet, a URL, N/A, blank or ours */
	for (p = buf_str(&out); *p; p = strchr(p, '\n') + 1) {
		if (strncmp(p, "#", 1) != 0 && strncmp(p, "- ", 2) != 0 &&
		    strncmp(p, "    - ", 6) != 0 &&
		    strncmp(p, "        - ", 10) != 0 && *p != '\n' &&
		    strncmp(p, "N/A\n", 4) != 0 && strncmp(p, "pre\n", 4) &&
		    strncmp(p, "notes\n", 6) != 0 && strchr(p, ' ') != NULL &&
		    strchr(p, ' ') < strchr(p, '\n'))
			abort();	/* a URL line holds no space */
		if (strchr(p, '\n') == NULL)
			abort();
	}
	buf_reset(&out);
	day_json(d, &o, &out);
	if (!utf8_valid(buf_str(&out), out.len))
		abort();
	rec = json_loadb(out.s, out.len, 0, NULL);
	if (rec == NULL)
		abort();
	json_decref(rec);
	buf_reset(&out);
	day_csv(d, &o, &out, NULL);
	if (!utf8_valid(buf_str(&out), out.len) ||
	    strncmp(buf_str(&out), "ioc_type,", 9) != 0)
		abort();
	buf_reset(&out);
	day_events(d, &o, &out);
	if (!utf8_valid(buf_str(&out), out.len) ||
	    strncmp(buf_str(&out), "event_key,", 10) != 0 ||
	    strstr(buf_str(&out), "\n2026-11-25_") == NULL)
		abort();
	buf_reset(&out);
	day_tags(d, &o, &out, &gaps);
	if (!utf8_valid(buf_str(&out), out.len) ||
	    strncmp(buf_str(&out), "event_key,", 10) != 0)
		abort();
	buf_reset(&out);
	day_log(d, &o, &out);
	if (!utf8_valid(buf_str(&out), out.len))
		abort();
	strv_free(&gaps);
	buf_free(&out);
	day_free(d);
	ioc_cleanup();
	return 0;
}
