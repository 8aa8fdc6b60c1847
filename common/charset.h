/* charset.h: charset labels, the <meta> sniffer, conversion with iconv,
 * and the choice of the charset a page really decodes in, shared by
 * sec-fetch -p and sec-extract -r. */
#ifndef SEC_CHARSET_H
#define SEC_CHARSET_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* How far into a page the <meta> sniffer looks. */
#define CHARSET_SNIFF_BYTES 4096

/* The iconv name for a charset label, matched without regard to case
 * (Shift_JIS -> CP932, euc-jp -> EUC-JP-MS, ISO-8859-1 -> WINDOWS-1252
 * as WHATWG has it, ...); borrowed, or the label itself when unknown. */
const char *charset_alias(const char *label);
/* The charset a byte order mark at the start of s names, its length in
 * *len; NULL (and *len 0) when there is none. */
const char *charset_bom(const char *s, size_t n, size_t *len);
/* The label a <meta charset> or <meta http-equiv content="...;
 * charset=..."> within the first CHARSET_SNIFF_BYTES of s declares, as
 * written, into enc (cap bytes).  Returns 0, or -1 when there is none. */
int	 charset_sniff_meta(const char *s, size_t n, char *enc, size_t cap);
/* Append s[0..n) converted from the iconv charset name to UTF-8 to out;
 * each byte that does not convert becomes U+FFFD.  Returns the number of
 * such bytes, or -1 (out untouched) when iconv does not know name. */
long	 charset_convert(struct buf *out, const char *s, size_t n,
	    const char *name);

/* What charset_pick() decided about a page. */
struct charset_pick {
	const char *name;	/* iconv name to decode with ("UTF-8") */
	const char *base;	/* what the label (or, with none, the bytes'
				 * first look) gave; differs from name only
				 * when detected */
	char	 label[64];	/* the label as declared; "" when none */
	size_t	 bad;		/* bytes that do not decode in name */
	int	 detected;	/* name comes from the bytes, not the label */
	int	 lost;		/* nothing decodes the page: bad is large */
};

/* Choose the charset for page bytes s[0..n) (after any BOM) whose label,
 * from the server or a <meta>, is label (NULL when none).  A label that
 * decodes the page is kept.  When it does not, or nothing is declared,
 * the bytes decide among UTF-8, ISO-2022-JP, Shift_JIS (CP932) and
 * EUC-JP: the one that decodes cleanly and reads as Japanese.  Without a
 * label and such a find, the page is UTF-8 when most of its multi-byte
 * sequences are, else windows-1252. */
void	 charset_pick(const char *s, size_t n, const char *label,
	    struct charset_pick *);
/* A sentence for stderr on what charset_pick() did (no name, no
 * newline), in buf (cap bytes); NULL when nothing needs saying. */
const char *charset_note(const struct charset_pick *, char *buf,
	    size_t cap);

/* The windows-1252 character for a code point of the C1 range (the
 * HTML5 rule for numeric references and for mojibake); others as they
 * are. */
uint32_t c1_remap(uint32_t cp);

/* Decoding, in chunks: bytes of any encoding to valid UTF-8. */
struct charset_decoder;
/* A decoder from the named encoding (NULL or "" means UTF-8).  Returns
 * NULL when the encoding is unknown to iconv. */
struct charset_decoder *charset_decoder_new(const char *encoding);
/* Append the UTF-8 of in[0..n) to out; invalid or unconvertible bytes
 * become U+FFFD, C0 controls other than tab, LF and CR too.  Partial
 * sequences at the end are kept for the next call; final flushes them. */
void	 charset_decoder_feed(struct charset_decoder *, const char *in,
	    size_t n, struct buf *out, int final);
void	 charset_decoder_free(struct charset_decoder *);
/* Decode an HTML page's body to UTF-8, appended to html: in the charset
 * a BOM names, else the one charset_pick() chooses from the charset of
 * ctype (may be NULL) or of the page's <meta>.  The choice is left in
 * *pick, for charset_note(). */
void	 charset_decode_page(const char *body, size_t n, const char *ctype,
	    struct buf *html, struct charset_pick *pick);
/* The encoding an XML document's first bytes announce: a BOM (sets *bom
 * to its length) or the XML declaration.  Writes into enc (cap bytes);
 * returns 0, or -1 when nothing is announced. */
int	 charset_sniff_xml(const char *s, size_t n, char *enc, size_t cap,
	    size_t *bom);
/* The charset an HTML page announces: BOM, then <meta charset> or
 * <meta http-equiv content> within the first 4 KiB.  As above. */
int	 charset_sniff_html(const char *s, size_t n, char *enc, size_t cap,
	    size_t *bom);
/* The charset parameter of a Content-Type value, into enc; 0 or -1. */
int	 charset_from_ctype(const char *ctype, char *enc, size_t cap);

#endif
