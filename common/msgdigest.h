/* msgdigest.h: MD5 and SHA-1, for identifiers only (never for security):
 * name-based UUIDs (RFC 9562 version 5, which the STIX 2.1 ids use) and
 * the value hashes of a MISP feed's hashes.csv. */
#ifndef SEC_MSGDIGEST_H
#define SEC_MSGDIGEST_H

#include <stddef.h>
#include <stdint.h>

#define MD5_LEN		16
#define SHA1_LEN	20
#define UUID_STRLEN	36

void	 md5(const void *, size_t, unsigned char out[MD5_LEN]);
void	 sha1(const void *, size_t, unsigned char out[SHA1_LEN]);
/* Lower-case hex of the MD5 of s[0..n) into out (33 bytes). */
void	 md5_hex(const void *s, size_t n, char out[2 * MD5_LEN + 1]);
/* Parse "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" into 16 bytes: 0 or -1. */
int	 uuid_parse(const char *, unsigned char out[16]);
/* The version 5 UUID of name in namespace ns (text form, lower case,
 * 37 bytes with the NUL). */
void	 uuid5(const unsigned char ns[16], const char *name, size_t n,
	    char out[UUID_STRLEN + 1]);

#endif
