/* util.h: memory, numbers and output helpers shared by every tool. */
#ifndef SEC_UTIL_H
#define SEC_UTIL_H

#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__) || defined(__clang__)
#define NORETURN __attribute__((noreturn))
#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define NORETURN
#define PRINTFLIKE(f, a)
#endif

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation wrappers: they never return NULL; they exit 1 when memory
 * runs out. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/* Parse a whole decimal integer in [min, max] into *out.  Returns 0 on
 * success, -1 when s is empty, has junk, or is out of range (errno is
 * EINVAL or ERANGE). */
int	 strtonum_ok(const char *s, long long min, long long max,
	    long long *out);
/* Like strtonum_ok but exits 2 with "what: s: reason" on failure; for
 * option arguments. */
long long xstrtonum(const char *s, long long min, long long max,
	    const char *what);
/* Parse a size with an optional k/K, m/M, g/G suffix (powers of 1024). */
long long xstrtosize(const char *s, long long min, long long max,
	    const char *what);

/* Exit statuses shared by every tool (sec-record(5)): 1 bad input lines or
 * records with errors, 2 usage or configuration, 3 a failed write (full
 * disk, closed pipe, read-only output) so a script can tell them apart. */
#define EXIT_INPUT	1
#define EXIT_USAGE	2
#define EXIT_WRITE	3

/* Flush and check stdout; on failure print "<stdout>: reason" and exit
 * EXIT_WRITE.
 * Every exit path of every tool calls it (or finish()). */
void	 check_stdout(void);
/* check_stdout() and then exit(status). */
NORETURN void finish(int status);

/* Case-insensitive ASCII comparisons, independent of the locale. */
int	 ascii_casecmp(const char *, const char *);
int	 ascii_ncasecmp(const char *, const char *, size_t);
int	 ascii_lower(int c);
#define ASCII_ISDIGIT(c) ((unsigned)(c) - '0' < 10)
#define ASCII_ISALPHA(c) (((unsigned)(c) | 32) - 'a' < 26)
#define ASCII_ISALNUM(c) (ASCII_ISALPHA(c) || ASCII_ISDIGIT(c))
#define ASCII_ISSPACE(c) ((c) == ' ' || (unsigned)(c) - '\t' < 5)
#define ASCII_ISXDIGIT(c) (ASCII_ISDIGIT(c) || ((unsigned)(c) | 32) - 'a' < 6)

/* Read a whole file (or stdin for "-" or NULL) into a NUL-terminated
 * buffer, at most max bytes.  Returns the buffer (new) and sets *len; NULL
 * with errno set on failure, errno EFBIG when the file is larger than max. */
char	*read_file(const char *path, size_t max, size_t *len);

/* Write data to path atomically: a temporary file in the same directory,
 * fsync, rename.  Returns 0, or -1 with errno set (nothing is left
 * behind). */
int	 write_file_atomic(const char *path, const char *data, size_t len);

#endif
