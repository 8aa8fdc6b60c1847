/* ioc_int.h: the interfaces between the files of the IOC scanner, not
 * for the tools (they use ioc.h): refanging text while remembering where
 * each byte came from (ioc_norm.c), the public suffix list (ioc_class.c)
 * and Bitcoin checksums (ioc_coin.c). */
#ifndef SEC_IOC_INT_H
#define SEC_IOC_INT_H

#include <stddef.h>

#include "buf.h"

/* The refanged copy of a text and a map back to the original offsets: edit
 * k says that norm offset eo[k] is original offset ei[k], and the bytes up
 * to the next edit were copied one for one. */
struct ioc_norm {
	const char	*txt;	/* the refanged text: out.s, or the input */
	size_t		 len;
	struct buf	 out;
	size_t		*eo, *ei;
	size_t		 ne, ecap;
	size_t		 hint;	/* ioc_norm_map()'s last answer */
};

void	 ioc_norm_init(struct ioc_norm *);
void	 ioc_norm_free(struct ioc_norm *);
/* Refang s[0..n) into nm (reset first). */
void	 ioc_norm_run(struct ioc_norm *, const char *s, size_t n);
/* The original offset of norm offset p (fastest when asked in order). */
size_t	 ioc_norm_map(struct ioc_norm *, size_t p);

/* Is the label (lower case, NUL-terminated) a top-level domain on the
 * public suffix list?  Is the whole name an ICANN public suffix itself? */
int	 ioc_psl_tld(const char *tld);
int	 ioc_psl_is_suffix(const char *name);
/* The registrable part of name (a pointer into it), or NULL. */
const char *ioc_psl_registrable(const char *name);

/* Is s[0..n) a Bitcoin address with a valid checksum (base58check, or
 * bech32/bech32m after "bc1")? */
int	 ioc_btc_ok(const char *s, size_t n);

#endif
