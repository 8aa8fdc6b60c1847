/* fuzz_ndjson.c: libFuzzer target for the NDJSON reader and the UTF-8
 * repair it uses. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ndjson.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ndjson_in in;
	struct buf b = BUF_INIT;
	json_t *rec;
	FILE *fp;
	char *name = "-";

	utf8_repair(&b, (const char *)data, size);
	if (!utf8_valid(b.s ? b.s : "", b.len))
		abort();
	buf_free(&b);
	if ((fp = fmemopen((void *)data, size ? size : 1, "r")) == NULL)
		return 0;
	if (size == 0) {
		fclose(fp);
		return 0;
	}
	/* read through the public interface, with stdin swapped */
	{
		FILE *saved = stdin;

		stdin = fp;
		ndjson_in_init(&in, 1, &name, 4096);
		while ((rec = ndjson_in_next(&in)) != NULL)
			json_decref(rec);
		ndjson_in_free(&in);
		stdin = saved;
	}
	fclose(fp);
	return 0;
}
