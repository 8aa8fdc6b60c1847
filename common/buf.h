/* buf.h: a growable byte string, always NUL-terminated. */
#ifndef SEC_BUF_H
#define SEC_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util.h"

struct buf {
	char	*s;	/* NUL-terminated once anything was added */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
/* Forget the contents, keep the memory. */
void	 buf_reset(struct buf *);
/* Make room for n more bytes (plus the NUL). */
void	 buf_grow(struct buf *, size_t n);
void	 buf_put(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...) PRINTFLIKE(2, 3);
void	 buf_vprintf(struct buf *, const char *, va_list);
/* The contents as a C string; "" for an empty buffer (borrowed). */
const char *buf_str(const struct buf *);
/* Take the string out of the buffer (new, caller frees); buffer is reset
 * to empty. */
char	*buf_detach(struct buf *);
/* Remove trailing ASCII white space. */
void	 buf_rtrim(struct buf *);

#endif
