/* fuzz_csv.c: libFuzzer target for common/csv.c: no crash, every record
 * starts on a line the input has, and the reader always ends. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv c;
	const char *why;
	unsigned long lines = 1, last = 0;
	size_t i, n = 0;
	int r;

	for (i = 0; i < size; i++)
		if (data[i] == '\n')
			lines++;
	csv_init(&c, (const char *)data, size);
	while ((r = csv_next(&c, &why)) != 0) {
		if (c.line > lines || c.line <= last)
			abort();
		last = c.line;
		if (r == 1)
			for (i = 0; i < c.nfield; i++)
				n += strlen(c.field[i]);
		else if (why == NULL)
			abort();
		if (n > size)
			abort();
	}
	csv_free(&c);
	return 0;
}
