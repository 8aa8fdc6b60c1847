/* ioc_norm.c: turn defanged indicators back into their real form, keeping a
 * map to the original offsets so that what is found can be reported where
 * it was written.
 *
 * The forms undone (sec-ioc(1) lists them for users):
 *   a dot, comma, "dot", "punto", "punkt" between two brackets of any
 *   kind and direction ("[.]", "(.)", "{.}", "<.>", "].[", "[dot]",
 *   full-width brackets and dots), with optional spaces inside and, between
 *   two words, outside ("example [.] com");
 *   "@", "at", "arroba" the same way ("[@]", "(at)", " [at] "), and the
 *   upper-case words " AT " and " DOT " between two words;
 *   ":", "://", ":/", "/", "//", "-" in brackets, and a scheme in brackets
 *   ("[http]://"), but not "/" or ":" between two placeholders
 *   ("<user>/<repo>", "{host}:{port}");
 *   "\." and "\/";
 *   hxxp, hXXp, hxxps, fxp (the scheme letters x become t);
 *   spaces around "://" after a scheme, and "http//" without its colon;
 *   " @ " between two words; the full-width dot, at sign and hyphen
 *   between letters or digits; full-width letters and digits (as ASCII);
 *   the ideographic full stop between digits ("198。51。100。1");
 *   zero-width spaces, joiners and the BOM (dropped).
 */
#include <stdlib.h>
#include <string.h>

#include "ioc_int.h"
#include "simd.h"
#include "util.h"

void
ioc_norm_init(struct ioc_norm *nm)
{
	memset(nm, 0, sizeof(*nm));
	buf_init(&nm->out);
}

void
ioc_norm_free(struct ioc_norm *nm)
{
	buf_free(&nm->out);
	free(nm->eo);
	free(nm->ei);
	memset(nm, 0, sizeof(*nm));
}

static void
edit(struct ioc_norm *nm, size_t orig)
{
	if (nm->ne > 0 && nm->eo[nm->ne - 1] == nm->out.len) {
		nm->ei[nm->ne - 1] = orig;
		return;
	}
	if (nm->ne == nm->ecap) {
		nm->ecap = nm->ecap ? nm->ecap * 2 : 64;
		nm->eo = xreallocarray(nm->eo, nm->ecap, sizeof(size_t));
		nm->ei = xreallocarray(nm->ei, nm->ecap, sizeof(size_t));
	}
	nm->eo[nm->ne] = nm->out.len;
	nm->ei[nm->ne] = orig;
	nm->ne++;
}

size_t
ioc_norm_map(struct ioc_norm *nm, size_t p)
{
	size_t lo, hi, mid;

	if (nm->ne == 0)
		return p;
	/* hits come in order: try a few steps on from the last answer */
	lo = nm->hint < nm->ne ? nm->hint : 0;
	if (nm->eo[lo] <= p) {
		for (hi = lo + 8; lo + 1 < nm->ne && lo < hi &&
		    nm->eo[lo + 1] <= p; lo++)
			;
		if (lo + 1 == nm->ne || nm->eo[lo + 1] > p)
			goto found;
	}
	lo = 0;
	hi = nm->ne;
	/* last edit with eo <= p */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (nm->eo[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
found:
	nm->hint = lo;
	return nm->ei[lo] + (p - nm->eo[lo]);
}

#define ISALNUM(c) ASCII_ISALNUM((unsigned char)(c))

/* Length of the bracket at s[0..n) (ASCII or full-width), or 0. */
static size_t
bracket(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return 0;
	switch (u[0]) {
	case '[': case ']': case '(': case ')': case '{': case '}':
	case '<': case '>':
		return 1;
	case 0xEF:
		/* U+FF08 U+FF09 U+FF3B U+FF3D U+FF5B U+FF5D */
		if (n >= 3 && ((u[1] == 0xBC && (u[2] == 0x88 ||
		    u[2] == 0x89 || u[2] == 0xBB || u[2] == 0xBD)) ||
		    (u[1] == 0xBD && (u[2] == 0x9B || u[2] == 0x9D))))
			return 3;
		return 0;
	case 0xE3:
		/* U+3010 U+3011 lenticular brackets */
		if (n >= 3 && u[1] == 0x80 && (u[2] == 0x90 || u[2] == 0x91))
			return 3;
		return 0;
	}
	return 0;
}

/* The ASCII letter or digit that the full-width one at u[0..n) stands
 * for (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A), or 0. */
static int
fw_alnum(const unsigned char *u, size_t n)
{
	if (n < 3 || u[0] != 0xEF)
		return 0;
	if (u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
		return '0' + (u[2] - 0x90);
	if (u[1] == 0xBC && u[2] >= 0xA1 && u[2] <= 0xBA)
		return 'A' + (u[2] - 0xA1);
	if (u[1] == 0xBD && u[2] >= 0x81 && u[2] <= 0x9A)
		return 'a' + (u[2] - 0x81);
	return 0;
}

/* Is there a digit, ASCII or full-width, at u[i] / ending at u[i]? */
static int
digit_at(const unsigned char *u, size_t n, size_t i)
{
	return i < n && (ASCII_ISDIGIT(u[i]) ||
	    ASCII_ISDIGIT(fw_alnum(u + i, n - i)));
}

static int
digit_before(const unsigned char *u, size_t i)
{
	return i > 0 && (ASCII_ISDIGIT(u[i - 1]) ||
	    (i >= 3 && ASCII_ISDIGIT(fw_alnum(u + i - 3, 3))));
}

/* Is u[i] an ideographic full stop (U+3002) or its half-width form
 * (U+FF61) between two digits, as in "198。51。100。1"?  Between other
 * characters it ends a sentence. */
static int
ideo_dot(const unsigned char *u, size_t n, size_t i)
{
	if (i + 3 > n || !((u[i] == 0xE3 && u[i + 1] == 0x80 &&
	    u[i + 2] == 0x82) || (u[i] == 0xEF && u[i + 1] == 0xBD &&
	    u[i + 2] == 0xA1)))
		return 0;
	return digit_before(u, i) && digit_at(u, n, i + 3);
}

/* The ASCII character the three bytes at u[i] stand for wherever they
 * are: a full-width letter or digit, or a dot for an ideographic full
 * stop between digits; or 0. */
static int
fw_char(const unsigned char *u, size_t n, size_t i)
{
	int c;

	if ((c = fw_alnum(u + i, n - i)) != 0)
		return c;
	return ideo_dot(u, n, i) ? '.' : 0;
}

static const struct core {
	const char	*word;
	const char	*rep;
	int		 kind;	/* 'd' dot, 'a' at, 's' scheme, 'o' other */
} cores[] = {
	{ "://", "://", 'o' }, { ":/", "://", 'o' }, { "//", "//", 'o' },
	{ ".", ".", 'd' }, { "\xEF\xBC\x8E", ".", 'd' }, { ",", ".", 'd' },
	{ "dot", ".", 'd' }, { "punto", ".", 'd' }, { "punkt", ".", 'd' },
	{ "@", "@", 'a' }, { "\xEF\xBC\xA0", "@", 'a' }, { "at", "@", 'a' },
	{ "arroba", "@", 'a' },
	{ ":", ":", 'o' }, { "/", "/", 'o' }, { "-", "-", 'o' },
	{ "https", "https", 's' }, { "http", "http", 's' },
	{ "hxxps", "https", 's' }, { "hxxp", "http", 's' },
	{ "ftp", "ftp", 's' }
};

/* A bracketed form at s[0..n): returns the bytes it spans and sets *c, or
 * 0. */
static size_t
bform(const char *s, size_t n, const struct core **c)
{
	size_t i, b, k, wl;

	if ((b = bracket(s, n)) == 0)
		return 0;
	i = b;
	while (i < n && s[i] == ' ')
		i++;
	if (i == n || strchr(".,:/@-hHfFdDpPaA\xEF", s[i]) == NULL ||
	    s[i] == '\0')
		return 0;
	for (k = 0; k < NELEM(cores); k++) {
		wl = strlen(cores[k].word);
		if (n - i < wl || ascii_ncasecmp(s + i, cores[k].word, wl) != 0)
			continue;
		/* "at"/"dot" must not be the start of a longer word */
		if (ASCII_ISALPHA((unsigned char)cores[k].word[0]) &&
		    i + wl < n && ASCII_ISALPHA((unsigned char)s[i + wl]))
			continue;
		break;
	}
	if (k == NELEM(cores))
		return 0;
	i += wl;
	while (i < n && s[i] == ' ')
		i++;
	if ((b = bracket(s + i, n - i)) == 0)
		return 0;
	/* a scheme in brackets only before "://" ("[http]://") */
	if (cores[k].kind == 's' && !(n - i - b >= 3 &&
	    memcmp(s + i + b, "://", 3) == 0))
		return 0;
	/* "<user>/<repo>", "{host}:{port}": placeholders side by side */
	if ((cores[k].word[0] == '/' || cores[k].word[0] == ':') &&
	    ((s[0] == '>' && s[i] == '<') || (s[0] == '}' && s[i] == '{')))
		return 0;
	/* "(-)" is too common in prose; only "[-]" */
	if (cores[k].word[0] == '-' && (s[0] != '[' || s[i] != ']'))
		return 0;
	*c = &cores[k];
	return i + b;
}

/* Is out's tail a URL scheme word that starts a word? */
static int
ends_scheme(const struct buf *out)
{
	static const char *const sch[] = { "https", "http", "ftp", "hxxps",
	    "hxxp" };
	size_t k, l;

	for (k = 0; k < NELEM(sch); k++) {
		l = strlen(sch[k]);
		if (out->len >= l && ascii_ncasecmp(out->s + out->len - l,
		    sch[k], l) == 0 && (out->len == l ||
		    !ASCII_ISALPHA((unsigned char)out->s[out->len - l - 1])))
			return 1;
	}
	return 0;
}

/* Does out end with a scheme word and a colon? */
static int
colon_scheme(struct ioc_norm *nm)
{
	int r;

	if (nm->out.len == 0 || nm->out.s[nm->out.len - 1] != ':')
		return 0;
	nm->out.len--;
	r = ends_scheme(&nm->out);
	nm->out.len++;
	return r;
}

/* Does the raw text at s[i..n), which is a run of spaces, hold a dot or at
 * form with a word on both sides?  Returns the bytes to skip and the
 * replacement, or 0. */
static size_t
spaced(const char *s, size_t n, size_t i, const char **rep)
{
	const struct core *c;
	size_t j, k, l;
	int word;

	j = i;
	while (j < n && s[j] == ' ')
		j++;
	if (j == n)
		return 0;
	word = 1;	/* a bare form needs a space after it as well */
	if ((l = bform(s + j, n - j, &c)) > 0 &&
	    (c->kind == 'd' || c->kind == 'a')) {
		*rep = c->rep;
		word = 0;
	} else if (s[j] == '@') {
		l = 1;
		*rep = "@";
	} else if (n - j >= 2 && memcmp(s + j, "AT", 2) == 0) {
		l = 2;
		*rep = "@";
	} else if (n - j >= 3 && memcmp(s + j, "DOT", 3) == 0) {
		l = 3;
		*rep = ".";
	} else
		return 0;
	k = j + l;
	if (word && (k == n || s[k] != ' '))
		return 0;
	while (k < n && s[k] == ' ')
		k++;
	if (k == n || !ISALNUM(s[k]))
		return 0;
	return k - i;
}

static unsigned char trig[256];
static unsigned char spnext[256];	/* may follow spaces in a form */

/* Could the trigger byte s[i] start a form?  A quick look, so that the
 * common bytes (spaces, slashes) cost little. */
static int
maybe(const char *s, size_t n, size_t i)
{
	const struct core *c;
	const unsigned char *u = (const unsigned char *)s;
	size_t j;

	switch (u[i]) {
	case 'x':
	case 'X':
		return i > 0 && ((s[i - 1] | 32) == 'h' ||
		    (s[i - 1] | 32) == 'f');
	case '/':
		return i + 1 < n && s[i + 1] == '/' && i > 0 && s[i - 1] != ':';
	case ' ':
		j = i;
		while (j < n && s[j] == ' ')
			j++;
		if (j == n || i == 0)
			return 0;
		return spnext[u[j]] || s[i - 1] == '/';
	case '\\':
		return 1;
	case 0xE2:
		return i + 2 < n && ((u[i + 1] == 0x80 && u[i + 2] >= 0x8B &&
		    u[i + 2] <= 0x8D) ||
		    (u[i + 1] == 0x81 && u[i + 2] == 0xA0));
	case 0xE3:
		return fw_char(u, n, i) != 0;
	case 0xEF:
		if (i + 2 >= n)
			return 0;
		if (fw_char(u, n, i) != 0)
			return 1;
		if (u[i + 1] == 0xBB)
			return u[i + 2] == 0xBF;
		if (u[i + 1] == 0xBC)
			return u[i + 2] == 0x8E || u[i + 2] == 0xA0 ||
			    u[i + 2] == 0x8D ||
			    bform(s + i, n - i, &c) > 0;
		return u[i + 1] == 0xBD && bform(s + i, n - i, &c) > 0;
	}
	/* a bracket */
	return bform(s + i, n - i, &c) > 0;
}

static void
trig_init(void)
{
	const char *t = "[]{}()<>\\xX /";

	for (; *t; t++)
		trig[(unsigned char)*t] = 1;
	/* 0xE3 starts most Japanese characters: of those only the
	 * ideographic full stop between digits is a form (the lenticular
	 * bracket U+3010 only closes one), and the vector test lets 0xE3
	 * through only there */
	trig[0xE2] = trig[0xE3] = trig[0xEF] = 1;
	for (t = ":[({<@AD"; *t; t++)
		spnext[(unsigned char)*t] = 1;
	spnext[0xEF] = 1;
}

/* Can a form start at s[i]?  A run of spaces is looked at from its first
 * space only: maybe() reads the run to its end. */
static int
wanted(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!trig[u[i]] || (u[i] == ' ' && i > 0 && u[i - 1] == ' '))
		return 0;
	return maybe(s, n, i);
}

/* The first place at or after s[i] where a form can start, or n. */
static size_t
next_form(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
#ifdef SEC_SIMD16
	simd16 v, pv, nv, m, t;
	unsigned bits;

	if (i == 0 && n > 0) {
		if (wanted(s, n, 0))
			return 0;
		i = 1;
	}
	/* each block is read with the byte before and the byte after, so
	 * that only what maybe() can accept comes out: the first space of
	 * a run when a form can follow it, "//" not after ':', "x" after
	 * 'h' or 'f', and the brackets, backslash, 0xE2 and 0xEF */
	for (; i + 17 <= n; i += 16) {
		v = simd_load(u + i);
		pv = simd_load(u + i - 1);
		nv = simd_load(u + i + 1);
		t = simd_or(simd_eq(nv, ':'), simd_eq(simd_and8(nv, 0xDF),
		    '['));
		t = simd_or(t, simd_or(simd_eq(nv, '('), simd_eq(nv, '<')));
		t = simd_or(t, simd_or(simd_range(nv, '@', 'A'),
		    simd_eq(nv, 'D')));
		t = simd_or(t, simd_or(simd_eq(nv, 0xEF), simd_eq(nv, ' ')));
		t = simd_or(t, simd_eq(pv, '/'));
		m = simd_andnot(simd_and(simd_eq(v, ' '), t),
		    simd_eq(pv, ' '));
		m = simd_or(m, simd_andnot(simd_and(simd_eq(v, '/'),
		    simd_eq(nv, '/')), simd_eq(pv, ':')));
		t = simd_or8(pv, 0x20);
		m = simd_or(m, simd_and(simd_eq(simd_and8(v, 0xDF), 'X'),
		    simd_or(simd_eq(t, 'h'), simd_eq(t, 'f'))));
		m = simd_or(m, simd_range(simd_and8(v, 0xDF), 0x5B, 0x5D));
		m = simd_or(m, simd_range(v, '(', ')'));
		m = simd_or(m, simd_range(v, '<', '>'));
		m = simd_or(m, simd_or(simd_eq(v, 0xE2), simd_eq(v, 0xEF)));
		m = simd_or(m, simd_and(simd_and(simd_eq(v, 0xE3),
		    simd_eq(nv, 0x80)), simd_or(simd_range(pv, '0', '9'),
		    simd_range(pv, 0x90, 0x99))));
		for (bits = simd_bits(m); bits != 0; bits &= bits - 1)
			if (wanted(s, n, i + simd_ctz(bits)))
				return i + simd_ctz(bits);
	}
#else
	for (;;) {
		while (i + 4 <= n && !(trig[u[i]] | trig[u[i + 1]] |
		    trig[u[i + 2]] | trig[u[i + 3]]))
			i += 4;
		if (i + 4 > n || wanted(s, n, i))
			break;
		i++;
	}
#endif
	while (i < n && !wanted(s, n, i))
		i++;
	return i;
}

void
ioc_norm_run(struct ioc_norm *nm, const char *s, size_t n)
{
	const struct core *c;
	const unsigned char *u = (const unsigned char *)s;
	const char *rep;
	size_t i, j, l, from;

	if (!trig['['])
		trig_init();
	buf_reset(&nm->out);
	nm->ne = nm->hint = 0;
	edit(nm, 0);
	/* s[from..i) is still to be copied: nothing is copied until the
	 * first change, and a text without defanged forms is not copied */
	from = 0;
	i = 0;
	while (i < n) {
		if ((i = next_form(s, i, n)) == n)
			break;
		buf_put(&nm->out, s + from, i - from);
		from = i;
		switch (u[i]) {
		case 'x':
		case 'X':
			/* hxxp(s), fxp */
			if (i > 0 && (u[i - 1] | 32) == 'h' && i + 2 < n &&
			    (u[i + 1] | 32) == 'x' && (u[i + 2] | 32) == 'p' &&
			    (i < 2 || !ASCII_ISALPHA(u[i - 2]))) {
				buf_put(&nm->out, "tt", 2);
				i += 2;
				from = i;
				continue;
			}
			if (i > 0 && (u[i - 1] | 32) == 'f' && i + 1 < n &&
			    (u[i + 1] | 32) == 'p' &&
			    (i < 2 || !ASCII_ISALPHA(u[i - 2])) && i + 2 < n &&
			    (u[i + 2] == ':' || u[i + 2] == '[' ||
			    (u[i + 2] | 32) == 's')) {
				buf_putc(&nm->out, 't');
				i++;
				from = i;
				continue;
			}
			break;
		case '\\':
			/* "http:\\\\host" */
			if (i + 1 < n && s[i + 1] == '\\' && colon_scheme(nm)) {
				buf_put(&nm->out, "//", 2);
				i += 2;
				while (i < n && s[i] == '\\')
					i++;
				edit(nm, from = i);
				continue;
			}
			if (i + 1 < n && (s[i + 1] == '.' || s[i + 1] == '/')) {
				buf_putc(&nm->out, s[i + 1]);
				i += 2;
				edit(nm, from = i);
				continue;
			}
			break;
		case ' ':
			/* "http ://", "http:// host" */
			j = i;
			while (j < n && s[j] == ' ')
				j++;
			if (j + 3 <= n && memcmp(s + j, "://", 3) == 0 &&
			    ends_scheme(&nm->out)) {
				i = j;
				edit(nm, from = i);
				continue;
			}
			if (j < n && ISALNUM(s[j]) && nm->out.len >= 3 &&
			    memcmp(nm->out.s + nm->out.len - 3, "://", 3) ==
			    0) {
				i = j;
				edit(nm, from = i);
				continue;
			}
			if (nm->out.len > 0 &&
			    ISALNUM(nm->out.s[nm->out.len - 1]) &&
			    (l = spaced(s, n, i, &rep)) > 0) {
				buf_puts(&nm->out, rep);
				i += l;
				edit(nm, from = i);
				continue;
			}
			i = j;
			continue;
		case '/':
			/* "http//host" */
			if (i + 2 < n && s[i + 1] == '/' && ISALNUM(s[i + 2]) &&
			    ends_scheme(&nm->out) &&
			    (i == 0 || s[i - 1] != ':')) {
				buf_putc(&nm->out, ':');
				edit(nm, i);
			}
			break;
		case 0xE2:
			/* U+200B..U+200D, U+2060: dropped */
			if (i + 2 < n && ((u[i + 1] == 0x80 &&
			    u[i + 2] >= 0x8B && u[i + 2] <= 0x8D) ||
			    (u[i + 1] == 0x81 && u[i + 2] == 0xA0))) {
				i += 3;
				edit(nm, from = i);
				continue;
			}
			break;
		case 0xE3:
		case 0xEF:
			/* full-width letters and digits are their ASCII
			 * selves, 。 between digits a dot */
			if ((l = (size_t)fw_char(u, n, i)) != 0) {
				buf_putc(&nm->out, (char)l);
				i += 3;
				edit(nm, from = i);
				continue;
			}
			if (u[i] == 0xE3)
				break;
			if (i + 2 < n && u[i + 1] == 0xBB && u[i + 2] == 0xBF) {
				i += 3;
				edit(nm, from = i);
				continue;
			}
			/* full-width dot, at sign and hyphen between ASCII
			 * words */
			if (i + 3 < n && u[i + 1] == 0xBC &&
			    (u[i + 2] == 0x8E || u[i + 2] == 0xA0 ||
			    u[i + 2] == 0x8D) &&
			    nm->out.len > 0 &&
			    ISALNUM(nm->out.s[nm->out.len - 1]) &&
			    (ISALNUM(s[i + 3]) || fw_alnum(u + i + 3, n - i - 3))) {
				buf_putc(&nm->out, u[i + 2] == 0x8E ? '.' :
				    u[i + 2] == 0xA0 ? '@' : '-');
				i += 3;
				edit(nm, from = i);
				continue;
			}
			break;
		}
		if ((l = bform(s + i, n - i, &c)) > 0) {
			buf_puts(&nm->out, c->rep);
			i += l;
			/* "example [.] com": the spaces after go too */
			if ((c->kind == 'd' || c->kind == 'a') && i < n &&
			    s[i] == ' ' && nm->out.len >= 2 &&
			    nm->out.s[nm->out.len - 2] != ' ') {
				j = i;
				while (j < n && s[j] == ' ')
					j++;
				if (j < n && ISALNUM(s[j]))
					i = j;
			}
			edit(nm, from = i);
			continue;
		}
		/* any other trigger byte is copied as it is */
		i++;
	}
	if (nm->ne == 1 && nm->out.len == 0) {
		nm->txt = s;
		nm->len = n;
		return;
	}
	buf_put(&nm->out, s + from, n - from);
	nm->txt = nm->out.s;
	nm->len = nm->out.len;
}
