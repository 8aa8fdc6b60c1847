/* fsutil.h: the input files of a filter, directories, the per-user
 * cache and data directories of the tools, SHA-256 for naming what is
 * stored there, and the cache core: one file per entry, replaced as a
 * whole. */
#ifndef SEC_FSUTIL_H
#define SEC_FSUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* The input operands of a filter: each file named, in order, or stdin
 * when there are none; "-" is stdin too. */
struct operands {
	char	**argv;
	int	 argc;
	int	 next;		/* the next operand to open */
	size_t	 nbad;		/* operands that could not be opened */
};

void	 operands_init(struct operands *, int argc, char **argv);
/* Open the next operand: its stream (stdin for "-") and in *name the name
 * for diagnostics ("<stdin>" for stdin), or NULL when none is left.  One
 * that cannot be opened is reported (warn(3)), counted in nbad and
 * skipped. */
FILE	*operands_next(struct operands *, const char **name);
/* Close a stream of operands_next(); stdin stays open, its EOF cleared. */
void	 operands_close(FILE *);

/* Make dir and the parents it lacks (mkdir -p) with mode for those it
 * creates; 0, or -1 with errno set. */
int	 mkdirs(const char *dir, mode_t mode);

enum xdg_kind {
	XDG_CACHE,	/* $XDG_CACHE_HOME, else $HOME/.cache */
	XDG_DATA	/* $XDG_DATA_HOME, else $HOME/.local/share */
};

/* sub below the base directory of kind: the XDG variable when it is an
 * absolute path (a relative one is ignored, as the XDG Base Directory
 * specification says), else below $HOME.  A new string, or NULL when
 * neither is set. */
char	*xdg_path(enum xdg_kind kind, const char *sub);
/* The directory of one tool: xdg_path(kind, "sec-tools/<tool>"), tool
 * without its "sec-" ("fetch", "summarize"). */
char	*xdg_tool_dir(enum xdg_kind kind, const char *tool);

#define SHA256_LEN	32
#define SHA256_HEXLEN	64

struct sha256 {
	uint32_t h[8];
	uint8_t	 blk[64];
	uint64_t len;
	size_t	 n;
};

void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
/* The digest (the state is used up). */
void	 sha256_final(struct sha256 *, unsigned char out[SHA256_LEN]);
/* The digest as 64 lower-case hex digits and a NUL (the state is used
 * up). */
void	 sha256_hex(struct sha256 *, char out[SHA256_HEXLEN + 1]);
/* SHA-256 of p[0..n). */
void	 sha256(const void *p, size_t n, unsigned char out[SHA256_LEN]);

/* The entry dir/name (name may hold a subdirectory) as a new
 * NUL-terminated buffer of at most max bytes, its length in *len; NULL
 * with errno set when it cannot be read (ENOENT: there is none). */
char	*cache_read(const char *dir, const char *name, size_t max,
	    size_t *len);
/* Store data[0..len) as the entry dir/name, making the directories it
 * needs (mode 0700) and replacing the file at once, so that a reader
 * never sees half an entry; 0, or -1 with errno set. */
int	 cache_write(const char *dir, const char *name, const void *data,
	    size_t len);

#endif
