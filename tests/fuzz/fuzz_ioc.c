/* fuzz_ioc: the IOC scanner, refang and the JSON builder on any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "ioc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT;
	json_t *a;

	a = ioc_scan_json((const char *)data, size, NULL, NULL);
	json_decref(a);
	ioc_refang(&b, (const char *)data, size);
	buf_free(&b);
	return 0;
}
