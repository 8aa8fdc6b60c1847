/* ioc.c: the indicator scanner.
 *
 * The text is first refanged into a copy that remembers the original
 * offsets (ioc_norm.c).  The copy is then read once, left to right, as runs
 * of "token" bytes (ASCII letters, digits, '.', '-', '_') separated by
 * everything else; while a run is read the classes of its bytes are OR-ed
 * together, so most runs (plain words) are dismissed by one test.  A run is
 * looked at more closely only when its classes, its length or the byte
 * after it make an indicator possible: "://" after a scheme starts a URL,
 * '@' an e-mail address, ':' after a short hex run an IPv6 address, a dot
 * an IPv4 address or a host name, and so on.  Each recognizer moves forward
 * only, over a bounded stretch (IOC_MAX_LEN), so the whole scan is linear
 * in the length of the text.
 */
#include <arpa/inet.h>
#include <err.h>
#include <idn2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "defang.h"
#include "hash.h"
#include "ioc.h"
#include "ioc_int.h"
#include "record.h"
#include "simd.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

static const char *const tnames[IOC_NTYPES] = {
	"ipv4", "ipv6", "cidr", "domain", "url", "email", "md5", "sha1",
	"sha256", "sha512", "cve", "asn", "attack", "btc", "xmr", "onion",
	"eth"
};

const char *
ioc_type_name(enum ioc_type t)
{
	return (unsigned)t < IOC_NTYPES ? tnames[t] : "?";
}

int
ioc_types_parse(const char *list, unsigned *mask, const char **bad)
{
	const char *p, *e;
	size_t l, k;

	*mask = 0;
	for (p = list; *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",");
		l = (size_t)(e - p);
		if (l == 0)
			continue;
		if (l == 3 && ascii_ncasecmp(p, "all", 3) == 0) {
			*mask |= IOC_ALL;
			continue;
		}
		if (l == 4 && ascii_ncasecmp(p, "hash", 4) == 0) {
			*mask |= 1u << IOC_MD5 | 1u << IOC_SHA1 |
			    1u << IOC_SHA256 | 1u << IOC_SHA512;
			continue;
		}
		if (l == 2 && ascii_ncasecmp(p, "ip", 2) == 0) {
			*mask |= 1u << IOC_IPV4 | 1u << IOC_IPV6 |
			    1u << IOC_CIDR;
			continue;
		}
		for (k = 0; k < IOC_NTYPES; k++)
			if (strlen(tnames[k]) == l &&
			    ascii_ncasecmp(p, tnames[k], l) == 0)
				break;
		if (k == IOC_NTYPES) {
			if (bad != NULL)
				*bad = p;
			return -1;
		}
		*mask |= 1u << k;
	}
	return 0;
}

/* ---- byte classes ---- */

#define C_DIG	0x01
#define C_HEX	0x02	/* a-f A-F */
#define C_ALPHA	0x04	/* g-z G-Z */
#define C_DOT	0x08
#define C_DASH	0x10
#define C_UND	0x20
#define C_UPPER	0x40
#define C_COLON	0x80	/* not in a token, but starts "::1" */
#define C_LEAD	0x100	/* starts a 2-byte UTF-8 letter (Latin, Greek,
			 * Cyrillic: internationalized host names) */
#define C_CONT	0x200	/* UTF-8 continuation byte */
#define C_TOK	(C_DIG | C_HEX | C_ALPHA | C_DOT | C_DASH | C_UND)

static unsigned short cls[256];

static void
cls_init(void)
{
	int c;

	for (c = '0'; c <= '9'; c++)
		cls[c] = C_DIG;
	for (c = 'a'; c <= 'z'; c++) {
		cls[c] = c <= 'f' ? C_HEX : C_ALPHA;
		cls[c - 32] = cls[c] | C_UPPER;
	}
	cls['.'] = C_DOT;
	cls['-'] = C_DASH;
	cls['_'] = C_UND;
	cls[':'] = C_COLON;
	for (c = 0xC3; c <= 0xD3; c++)
		cls[c] = C_LEAD;
	for (c = 0x80; c <= 0xBF; c++)
		cls[c] = C_CONT;
}

#define CL(c)		cls[(unsigned char)(c)]
#define ISALNUM(c)	ASCII_ISALNUM((unsigned char)(c))
#define ISWORD(c)	(ISALNUM(c) || (unsigned char)(c) >= 0x80)
#define LOWER(c)	((char)ascii_lower((unsigned char)(c)))

/* Append s[0..n) to b in ASCII lower case. */
static void
put_lower(struct buf *b, const char *s, size_t n)
{
	size_t i;

	buf_grow(b, n);
	for (i = 0; i < n; i++)
		b->s[b->len + i] = LOWER(s[i]);
	b->len += n;
	b->s[b->len] = '\0';
}

struct scan {
	const char		*s;	/* refanged text */
	size_t			 n;
	const char		*raw;	/* as written */
	size_t			 rawn;
	struct ioc_norm		*nm;
	unsigned		 mask;
	ioc_fn			 fn;
	void			*arg;
	struct buf		 val;
	unsigned		 port;	/* for the next emit() */
	int			 schemeless;	/* likewise */
	int			 stop;
};

#define WANT(sc, t)	((sc)->mask & (1u << (t)))

/* Was s[a..b) written differently in the original? */
static int
was_defanged(const struct scan *sc, size_t a, size_t b)
{
	size_t oa, ob;

	oa = ioc_norm_map(sc->nm, a);
	ob = ioc_norm_map(sc->nm, b);
	if (ob - oa != b - a)
		return 1;
	return memcmp(sc->raw + oa, sc->s + a, b - a) != 0;
}

/* Report sc->val as an indicator of type t found at s[a..b). */
static void
emit(struct scan *sc, enum ioc_type t, size_t a, size_t b)
{
	struct ioc_hit h;
	size_t oa, ob;

	h.port = sc->port;
	h.schemeless = sc->schemeless;
	sc->port = 0;
	sc->schemeless = 0;
	if (sc->stop || !WANT(sc, t))
		return;
	oa = ioc_norm_map(sc->nm, a);
	ob = ioc_norm_map(sc->nm, b);
	if (ob < oa)
		ob = oa;
	h.type = t;
	h.value = buf_str(&sc->val);
	h.vlen = sc->val.len;
	h.off = oa;
	h.len = ob - oa;
	h.defanged = (ob - oa != b - a) ||
	    memcmp(sc->raw + oa, sc->s + a, b - a) != 0;
	sc->stop = sc->fn(&h, sc->raw, sc->rawn, sc->arg);
}

/* ---- host names ---- */

/* Top-level domains that are also common file name extensions
 * (file_name() decides), and one that is an extension of macOS bundles
 * ("Terminal.app"), which counts only when written with capitals. */
static const char *const filetld[] = {
	"cab", "inc", "md", "mov", "one", "pm", "ps", "py", "rs", "sh", "zip"
};
static const char *const bundletld[] = { "app" };
/* Product names written in capitals that are also host names. */
static const char *const techname[] = { "ado.net", "asp.net", "vb.net" };
/* Words in the first label that name a file ("invoice.zip"), and words
 * near the name that say it is one (matched without case). */
static const char *const fileword[] = {
	"archive", "backup", "doc", "file", "image", "img", "install",
	"invoice", "payload", "pdf", "photo", "readme", "report", "scan",
	"setup", "xls"
};
static const char *const nearword[] = {
	"file", "attachment", "attached", "archive", "download", "document",
	"named",
	"\xE3\x83\x95\xE3\x82\xA1\xE3\x82\xA4\xE3\x83\xAB",	/* file */
	"\xE6\xB7\xBB\xE4\xBB\x98",				/* attached */
	("\xE3\x83\x80\xE3\x82\xA6\xE3\x83\xB3\xE3\x83\xAD"
	"\xE3\x83\xBC\xE3\x83\x89"),				/* download */
	("\xE3\x82\xA2\xE3\x83\xBC\xE3\x82\xAB\xE3\x82\xA4"
	"\xE3\x83\x96"),				/* archive */
	"\xE5\x9C\xA7\xE7\xB8\xAE"				/* compressed */
};

/* Words that make a dotted name an antivirus detection name
 * ("Trojan.Win32.Agent.gen", "HEUR:Trojan.AndroidOS.Boogr.gsh"). */
static const char *const avword[] = {
	"adware", "androidos", "backdoor", "downloader", "dropper",
	"exploit", "hacktool", "heur", "msil", "o97m", "pua", "pup", "ransom",
	"riskware", "spyware", "trojan", "trojandownloader", "trojanspy",
	"virus", "w32", "w64", "win32", "win64", "worm", "x97m"
};

static int
inlist(const char *const *l, size_t n, const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < n; k++)
		if ((l[k][0] | 32) == (s[0] | 32) && strlen(l[k]) == len &&
		    ascii_ncasecmp(l[k], s, len) == 0)
			return 1;
	return 0;
}

/* out holds a host name with non-ASCII labels: it must convert to an
 * ASCII (punycode) name under a public suffix; out becomes its normalized
 * (UTS #46: NFC, lower case) Unicode form. */
static int
idn_ok(struct buf *out, size_t nl)
{
	char *ascii = NULL, *uni = NULL, *tld;
	int ok = 0;

	if (idn2_to_ascii_8z(out->s, &ascii, IDN2_NFC_INPUT |
	    IDN2_NONTRANSITIONAL) != IDN2_OK)
		return 0;
	tld = strrchr(ascii, '.');
	if (tld != NULL && ioc_psl_tld(tld + 1) &&
	    !(nl <= 3 && ioc_psl_is_suffix(ascii)) &&
	    idn2_to_unicode_8z8z(ascii, &uni, 0) == IDN2_OK) {
		buf_reset(out);
		buf_puts(out, uni);
		ok = 1;
	}
	idn2_free(ascii);
	idn2_free(uni);
	return ok;
}

char *
ioc_idn_other(const char *name)
{
	char *r = NULL, *s;
	const char *p;
	int idn = 0;

	for (p = name; *p; p++)
		if ((unsigned char)*p >= 0x80)
			idn = 1;
	if (idn) {
		if (idn2_to_ascii_8z(name, &r, IDN2_NFC_INPUT |
		    IDN2_NONTRANSITIONAL) != IDN2_OK)
			return NULL;
	} else {
		if (strncmp(name, "xn--", 4) != 0 &&
		    strstr(name, ".xn--") == NULL)
			return NULL;
		if (idn2_to_unicode_8z8z(name, &r, 0) != IDN2_OK)
			return NULL;
		if (strcmp(r, name) == 0) {
			idn2_free(r);
			return NULL;
		}
	}
	s = xstrdup(r);
	idn2_free(r);
	return s;
}

static int
lower_seen(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (s[a] >= 'a' && s[a] <= 'z')
			return 1;
	return 0;
}

/* Does one of the words occur in s[a..b), without case?  Only positions
 * whose byte starts some word are tried. */
static int
has_word(const char *s, size_t a, size_t b, const char *const *w, size_t nw)
{
	unsigned char first[256];
	size_t k, l, i;

	memset(first, 0, sizeof(first));
	for (k = 0; k < nw; k++) {
		first[(unsigned char)w[k][0]] = 1;
		first[(unsigned char)ascii_lower((unsigned char)w[k][0])] = 1;
		first[(unsigned char)(w[k][0] & ~32)] |=
		    ASCII_ISALPHA((unsigned char)w[k][0]);
	}
	for (i = a; i < b; i++) {
		if (!first[(unsigned char)s[i]])
			continue;
		for (k = 0; k < nw; k++) {
			l = strlen(w[k]);
			if (i + l <= b && ascii_ncasecmp(s + i, w[k], l) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * Is the dotted name s[a..b) (in a text of n bytes) a file name rather
 * than a host?  Only names under a top-level domain that is also a file
 * extension are in doubt.  Capitals or a label of digits make it a file
 * ("README.md", "CLAUDE[.]md", "products.8.4.zip"); so does a name that
 * was not defanged ("payload.zip", "tool-2.39-bin.zip"), a first label that
 * names a file ("invoice", "archive4"), or a word about files near it in
 * the same line ("添付ファイル: pdf[.]zip") unless a path follows it
 * (pathed).  A defanged name with none of these ("vpass-co[.]zip") is a
 * host.
 */
static int
file_name(const char *s, size_t n, size_t a, size_t b, int defanged,
    int pathed)
{
	size_t ls, nl, i, lo, hi;
	int digits, numeric = 0, upper = 0;

	ls = a;
	nl = 1;
	digits = 1;
	for (i = a; i < b; i++) {
		if (s[i] == '.') {
			numeric |= digits;
			digits = 1;
			ls = i + 1;
			nl++;
			continue;
		}
		if (!ASCII_ISDIGIT((unsigned char)s[i]))
			digits = 0;
		if (CL(s[i]) & C_UPPER)
			upper = 1;
	}
	if (inlist(bundletld, NELEM(bundletld), s + ls, b - ls))
		return upper;
	if (!inlist(filetld, NELEM(filetld), s + ls, b - ls))
		return 0;
	if (upper || numeric || !defanged)
		return 1;
	i = a;
	while (i < b && s[i] != '.')
		i++;
	if (has_word(s, a, i, fileword, NELEM(fileword)))
		return 1;
	if (pathed)
		return 0;	/* "govtop[.]one/incometax": a URL's host */
	lo = a > 120 ? a - 120 : 0;
	hi = n - b > 80 ? b + 80 : n;
	for (i = a; i > lo; i--)
		if (s[i - 1] == '\n')
			break;
	lo = i;
	for (i = b; i < hi; i++)
		if (s[i] == '\n')
			break;
	hi = i;
	return has_word(s, lo, a, nearword, NELEM(nearword)) ||
	    has_word(s, b, hi, nearword, NELEM(nearword));
}

/*
 * Is s[a..b) a host name under a real public suffix?  Its lower-case form
 * goes to out.  strict: the name stands bare in prose (not in a URL or an
 * e-mail address), so file names, detection names and run-together
 * sentences are ruled out unless the writer defanged it.
 */
static int
host_ok(const char *s, size_t a, size_t b, int strict, int defanged,
    struct buf *out)
{
	size_t i, ls, nl, tl, last2;
	int upper = 0, idn = 0;

	if (b - a < 4 || b - a > 253)
		return 0;
	nl = 0;
	ls = a;
	last2 = a;
	for (i = a; i <= b; i++) {
		if (i == b || s[i] == '.') {
			if (i == ls || i - ls > 63 || s[ls] == '-' ||
			    s[i - 1] == '-')
				return 0;
			if (strict && inlist(avword, NELEM(avword), s + ls,
			    i - ls))
				upper |= 2;
			nl++;
			if (i < b) {
				last2 = ls;
				ls = i + 1;
			}
			continue;
		}
		if ((unsigned char)s[i] >= 0x80) {
			idn = 1;
			continue;
		}
		if (!ISALNUM(s[i]) && s[i] != '-' && s[i] != '_')
			return 0;
		if (CL(s[i]) & C_UPPER)
			upper |= 1;
	}
	if (nl < 2)
		return 0;
	tl = b - ls;
	if (tl < 2)
		return 0;
	if (!(tl > 4 && ascii_ncasecmp(s + ls, "xn--", 4) == 0))
		for (i = ls; i < b; i++)
			if (!ASCII_ISALPHA((unsigned char)s[i]) &&
			    (unsigned char)s[i] < 0x80)
				return 0;
	for (i = last2; i < b; i++)
		if (s[i] == '_')
			return 0;
	if (strict && !defanged) {
		if (upper == 3)
			return 0;
		/* framework names that look like hosts */
		if (nl == 2 && !lower_seen(s, a, b) &&
		    inlist(techname, NELEM(techname), s + a, b - a))
			return 0;
		/* "fixed.Now", "R-W.Va.": a sentence run into the next, an
		 * abbreviation; hosts are written with a lower-case or
		 * all-capital top-level domain */
		if ((CL(s[ls]) & C_UPPER) && !(CL(s[ls + 1]) & C_UPPER))
			return 0;
	}
	buf_reset(out);
	put_lower(out, s + a, b - a);
	if (idn)
		return idn_ok(out, nl);
	if (!ioc_psl_tld(out->s + (ls - a)))
		return 0;
	/* "co.uk" alone is no host (public suffixes have few labels) */
	if (nl <= 3 && ioc_psl_is_suffix(out->s))
		return 0;
	return 1;
}

/* ---- IPv4 ---- */

/* Parse s[a..b) as a dotted quad; the canonical form goes to out. */
static int
ipv4_ok(const char *s, size_t a, size_t b, struct buf *out)
{
	unsigned v[4];
	size_t i, nd;
	int k;

	k = 0;
	nd = 0;
	v[0] = 0;
	for (i = a; i < b; i++) {
		if (s[i] == '.') {
			if (nd == 0 || k == 3)
				return 0;
			v[++k] = 0;
			nd = 0;
			continue;
		}
		if (!ASCII_ISDIGIT((unsigned char)s[i]) || ++nd > 3)
			return 0;
		v[k] = v[k] * 10 + (unsigned)(s[i] - '0');
		if (v[k] > 255)
			return 0;
	}
	if (k != 3 || nd == 0)
		return 0;
	buf_reset(out);
	buf_printf(out, "%u.%u.%u.%u", v[0], v[1], v[2], v[3]);
	return 1;
}

/* Is the word before s[a] one that makes a dotted number a version? */
static int
version_before(const char *s, size_t a)
{
	static const char *const w[] = { "version", "ver", "v", "build",
	    "release", "firmware",
	    /* バージョン */
	    ("\xE3\x83\x90\xE3\x83\xBC\xE3\x82\xB8"
	    "\xE3\x83\xA7\xE3\x83\xB3") };
	size_t e, b, k, l;

	e = a;
	while (e > 0 && a - e < 3 && (s[e - 1] == ' ' || s[e - 1] == '.'))
		e--;
	for (k = 0; k < NELEM(w); k++) {
		l = strlen(w[k]);
		if (e < l)
			continue;
		b = e - l;
		if (ascii_ncasecmp(s + b, w[k], l) == 0 &&
		    (b == 0 || !ASCII_ISALPHA((unsigned char)s[b - 1])))
			return 1;
	}
	return 0;
}

/* ---- IPv6 ---- */

static long long digits(const char *, size_t, size_t);
static unsigned port_at(const char *, size_t, size_t, size_t *);

#define ISHEXC(c) ((CL(c) & (C_DIG | C_HEX)) != 0)

/* An IPv6 address starting at s[a]; returns where it ends.  When the run
 * of hex digits, colons and dots there is not an address, returns its end
 * as a negative number (-end), so that nothing inside it (a certificate
 * serial number, a MAC address) is tried again. */
static long long
try_ipv6(struct scan *sc, size_t a)
{
	const char *s = sc->s;
	char tmp[64], o[INET6_ADDRSTRLEN];
	unsigned char bin[16];
	size_t e, j, k;
	int colons;

	j = a;
	while (j < sc->n && j - a < 60 && (ISHEXC(s[j]) || s[j] == ':' ||
	    s[j] == '.'))
		j++;
	if (j < sc->n && (ISALNUM(s[j]) || s[j] == ':'))
		return -(long long)j;
	e = j;
	while (e > a && s[e - 1] == '.')
		e--;
	if (e - a >= 2 && s[e - 1] == ':' && s[e - 2] != ':')
		e--;
	if (e - a <= 2 || e - a >= sizeof(tmp))
		return -(long long)j;
	colons = 0;
	for (k = a; k < e; k++)
		colons += s[k] == ':';
	memcpy(tmp, s + a, e - a);
	tmp[e - a] = '\0';
	if (colons < 2 || inet_pton(AF_INET6, tmp, bin) != 1 ||
	    inet_ntop(AF_INET6, bin, o, sizeof(o)) == NULL)
		return -(long long)j;
	buf_reset(&sc->val);
	buf_puts(&sc->val, o);
	/* "[2001:db8::1]:443" */
	if (a > 0 && s[a - 1] == '[' && e < sc->n && s[e] == ']')
		sc->port = port_at(s, sc->n, e + 1, &k);
	emit(sc, IOC_IPV6, a, e);
	return (long long)e;
}

/* ---- URLs ---- */

static const char *const schemes[] = {
	"http", "https", "ftp", "ftps", "sftp", "tftp", "ws", "wss", "ldap",
	"ldaps", "smb", "ssh", "telnet", "rdp", "irc", "git"
};

/* Bytes that end a URL: controls, space, non-ASCII and the delimiters
 * that RFC 3986 leaves out and prose puts around URLs (1); a comma (2) is
 * kept only between digits ("?ids=1,2"), being a delimiter otherwise
 * (prose, and CSV rows "url,type,..."). */
static unsigned char urlend[256];

static void
urlend_init(void)
{
	const char *d = "<>\"'`\\^{}|";
	int c;

	for (c = 0; c < 256; c++)
		urlend[c] = c <= ' ' || c >= 0x7F;
	for (; *d; d++)
		urlend[(unsigned char)*d] = 1;
	urlend[','] = 2;
}

static inline int
url_end(const char *s, size_t n, size_t i)
{
	unsigned char e = urlend[(unsigned char)s[i]];

	if (e != 2)
		return e;
	return !(i > 0 && i + 1 < n && ASCII_ISDIGIT((unsigned char)s[i - 1]) &&
	    ASCII_ISDIGIT((unsigned char)s[i + 1]));
}

/* Remove trailing punctuation and unbalanced closing brackets from
 * s[a..e); returns the new end, not before min. */
static size_t
url_trim(const char *s, size_t a, size_t e, size_t min)
{
	size_t i;
	int open, close;
	char c, o;

	while (e > min) {
		c = s[e - 1];
		if (strchr(".,;:!?*'\"", c) != NULL) {
			e--;
			continue;
		}
		if (c == ')' || c == ']') {
			o = c == ')' ? '(' : '[';
			open = close = 0;
			for (i = a; i < e; i++) {
				open += s[i] == o;
				close += s[i] == c;
			}
			if (close > open) {
				e--;
				continue;
			}
		}
		break;
	}
	return e;
}

/* The port written at s[p] (":8443"), its digits ending at *end: 1 to
 * 65535, not followed by a letter, a digit or another ':' (a time, a
 * list of hex groups).  0 when there is none. */
static unsigned
port_at(const char *s, size_t n, size_t p, size_t *end)
{
	size_t e;
	long long v;

	if (p + 1 >= n || s[p] != ':')
		return 0;
	for (e = p + 1; e < n && e - p <= 6 &&
	    ASCII_ISDIGIT((unsigned char)s[e]); e++)
		;
	if (e < n && (ISALNUM(s[e]) || s[e] == ':' || s[e] == '_'))
		return 0;
	v = digits(s, p + 1, e);
	if (v < 1 || v > 65535 || e - p > 6)
		return 0;
	*end = e;
	return (unsigned)v;
}

/* May code point cp stand in a URL's path?  Letters of any script do;
 * the punctuation that prose puts around a URL does not: Latin-1
 * symbols and quotes, general punctuation and arrows, CJK and
 * full-width punctuation ("、。「」（）"). */
static int
path_cp_ok(uint32_t cp)
{
	return !(cp < 0xC0 || cp == 0xD7 || cp == 0xF7 ||
	    (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || cp >= 0xFF00);
}

/* A run of non-ASCII letters at s[i] (valid UTF-8, path_cp_ok()); returns
 * its end, i when there is none.  *wide is set when the run holds a
 * letter of three bytes or more (CJK and others written without
 * spaces). */
static size_t
utf8_run(const char *s, size_t lim, size_t i, int *wide)
{
	uint32_t cp;
	int k;

	*wide = 0;
	while (i < lim && (unsigned char)s[i] >= 0x80) {
		if ((k = utf8_decode(s + i, lim - i, &cp)) < 0 ||
		    !path_cp_ok(cp))
			break;
		if (k > 2)
			*wide = 1;
		i += (size_t)k;
	}
	return i;
}

/* HTML tags that may follow a URL in text that still has its markup; a
 * placeholder never has these names. */
static const char *const tagword[] = {
	"a", "b", "br", "code", "div", "em", "hr", "i", "img", "li", "p",
	"pre", "span", "strong", "sub", "sup", "td", "tr", "u", "ul"
};

/* A template placeholder at s[i] in a URL: "<uid>", "{searchTerms}",
 * "${d}", "{IP}" - a name of letters, digits, '_', '-' or '.' (or other
 * scripts' letters) in angle or curly brackets, after a byte that ends a
 * URL's part ('/', '=', '&', '?', '-', '_', '.', ':', '$').  Returns the
 * end past the closing bracket, or 0. */
static size_t
placeholder(const char *s, size_t lim, size_t from, size_t i)
{
	size_t k, r;
	int wide;
	char close;

	if (s[i] != '<' && s[i] != '{')
		return 0;
	if (i <= from || strchr("/=&?-_.:$", s[i - 1]) == NULL)
		return 0;
	close = s[i] == '<' ? '>' : '}';
	for (k = i + 1; k < lim && k - i <= 48; k = r) {
		r = k + 1;
		if (!ISALNUM(s[k]) && s[k] != '_' && s[k] != '-' &&
		    s[k] != '.' && (r = utf8_run(s, lim, k, &wide)) == k)
			break;
	}
	if (k >= lim || s[k] != close || k == i + 1 || k - i > 48)
		return 0;
	if (close == '>' && inlist(tagword, NELEM(tagword), s + i + 1,
	    k - i - 1))
		return 0;
	return k + 1;
}

/* Where the URL whose bytes start at s[from] ends, at most at lim: at
 * white space, at a delimiter prose puts around it (url_end()), or at a
 * ']' that closes nothing ("[url](url)").  inpath: s[from] is already in
 * the path.  In the path, letters of other scripts are part of it
 * ("/uploads/фнс/фнс.zip"); a run of CJK letters only between two parts
 * of the path ("/uploads/印度邮箱/x.rar"), since CJK prose runs into a URL
 * without a space.  Template placeholders ("?uid=<uid>",
 * "/search?q={searchTerms}") are part of it too. */
static size_t
url_extent(const char *s, size_t n, size_t from, size_t lim, int inpath)
{
	size_t e, k;
	int sq, wide;
	char c;

	e = from;
	sq = 0;
	while (e < lim) {
		c = s[e];
		if ((unsigned char)c >= 0x80) {
			if (!inpath || (k = utf8_run(s, lim, e, &wide)) == e)
				break;
			if (wide && (strchr("/=-_", s[e - 1]) == NULL ||
			    k >= lim || !(s[k] == '/' || s[k] == '-' ||
			    s[k] == '_' || (s[k] == '.' && k + 1 < lim &&
			    ISALNUM(s[k + 1])))))
				break;
			e = k;
			continue;
		}
		if ((c == '<' || c == '{') &&
		    (k = placeholder(s, lim, from, e)) > 0) {
			e = k;
			continue;
		}
		if (url_end(s, n, e))
			break;
		/* "[url](url)": a ']' that closes nothing ends it */
		if (c == '[')
			sq++;
		else if (c == ']' && sq-- == 0)
			break;
		else if (c == '/' || c == '?' || c == '#')
			inpath = 1;
		e++;
	}
	return e;
}

/* A URL whose scheme starts at s[a] and ends at s[c] (the "://").
 * Returns where to go on. */
static size_t
try_url(struct scan *sc, size_t a, size_t c)
{
	const char *s = sc->s;
	char tmp[64];
	unsigned char bin[16];
	struct buf host = BUF_INIT;
	size_t as, e, at, hs, he, i, k, lim;
	int ok;

	as = c + 3;
	lim = sc->n - a > IOC_MAX_LEN ? a + IOC_MAX_LEN : sc->n;
	e = url_extent(s, sc->n, as, lim, 0);
	/* the authority: [userinfo@]host[:port] */
	i = as;
	at = 0;
	while (i < e && s[i] != '/' && s[i] != '?' && s[i] != '#') {
		if (s[i] == '@')
			at = i;
		i++;
	}
	hs = at ? at + 1 : as;
	ok = 0;
	if (hs < e && s[hs] == '[') {
		he = hs + 1;
		while (he < i && s[he] != ']')
			he++;
		if (he < i && he - hs - 1 < sizeof(tmp)) {
			memcpy(tmp, s + hs + 1, he - hs - 1);
			tmp[he - hs - 1] = '\0';
			ok = inet_pton(AF_INET6, tmp, bin) == 1;
			he++;
		}
	} else {
		he = hs;
		while (he < i && (ISALNUM(s[he]) || s[he] == '.' ||
		    s[he] == '-' || s[he] == '_'))
			he++;
		while (he > hs && s[he - 1] == '.')
			he--;
		ok = ipv4_ok(s, hs, he, &host) ||
		    host_ok(s, hs, he, 0, 0, &host);
	}
	buf_free(&host);
	if (!ok)
		return as;
	if (he < i && s[he] == ':') {
		/* a port, or a placeholder for one (":<port>") */
		if ((k = placeholder(s, i, he, he + 1)) > 0)
			he = k;
		else
			for (he++; he < i &&
			    ASCII_ISDIGIT((unsigned char)s[he]); he++)
				;
	}
	if (he < i)	/* junk after the host: the URL ends there */
		e = he;
	e = url_trim(s, a, e, he);
	buf_reset(&sc->val);
	put_lower(&sc->val, s + a, c - a);
	buf_put(&sc->val, s + c, hs - c);
	put_lower(&sc->val, s + hs, he - hs);
	buf_put(&sc->val, s + he, e - he);
	emit(sc, IOC_URL, a, e);
	return e;
}

static int file_name(const char *, size_t, size_t, size_t, int, int);
static int host_ok(const char *, size_t, size_t, int, int, struct buf *);

/* Is s[p..e), after a host, a list of more hosts and addresses separated
 * by '/' ("a.example[.]com/b.example[.]net/192.0.2.1", as prose writes
 * them) rather than a path?  If so, they are reported. */
static int
host_list(struct scan *sc, size_t p, size_t e)
{
	const char *s = sc->s;
	size_t x, y;
	int pass, df, ok = 1;

	if (s[p] != '/')
		return 0;
	for (pass = 0; pass < 2 && ok; pass++)
		for (x = p + 1; x < e && ok; x = y + 1) {
			for (y = x; y < e && s[y] != '/'; y++)
				;
			if (y == x)
				continue;
			df = was_defanged(sc, x, y);
			if (ipv4_ok(s, x, y, &sc->val)) {
				if (pass == 1)
					emit(sc, IOC_IPV4, x, y);
			} else if (!file_name(s, sc->n, x, y, df, 0) &&
			    host_ok(s, x, y, 1, df, &sc->val)) {
				if (pass == 1)
					emit(sc, IOC_DOMAIN, x, y);
			} else
				ok = 0;
		}
	return ok;
}

/* A URL written without a scheme: the host (canonical, in host) was
 * found at s[a], and its path or query starts at s[p] ('/' or '?', after
 * the ":port" if there was one, which is s[hend..p)).  It is reported
 * with IOC_SCHEME_ADDED before it when something follows the '/'.
 * Returns where the URL ends (its path is not scanned again). */
static size_t
bare_url(struct scan *sc, const char *host, size_t a, size_t hend, size_t p)
{
	const char *s = sc->s;
	size_t e, k, lim;

	lim = sc->n - a > IOC_MAX_LEN ? a + IOC_MAX_LEN : sc->n;
	e = url_extent(s, sc->n, p, lim, 1);
	if (e - p < 2 && hend == p)
		return e;	/* "example.com/" is the host */
	e = url_trim(s, a, e, p + 1);
	if (e - p < 2 && hend == p)
		return e;
	/* "127.0.0.1:10044/10091", "192.0.2.1:443/4321/53": ports */
	for (k = p; hend < p && k < e && (s[k] == '/' ||
	    ASCII_ISDIGIT((unsigned char)s[k])); k++)
		;
	if (hend < p && k == e)
		return e;
	if (host_list(sc, p, e))
		return e;
	buf_reset(&sc->val);
	buf_puts(&sc->val, IOC_SCHEME_ADDED);
	buf_puts(&sc->val, host);
	buf_put(&sc->val, s + hend, e - hend);
	sc->schemeless = 1;
	emit(sc, IOC_URL, a, e);
	return e;
}

/* ---- e-mail addresses ---- */

#define ISLOCAL(c) (ISALNUM(c) || (c) == '.' || (c) == '_' || (c) == '-' || \
	(c) == '+' || (c) == '%')

/* The '@' is at s[at].  Returns where to go on, or 0. */
static size_t
try_email(struct scan *sc, size_t at)
{
	const char *s = sc->s;
	struct buf dom = BUF_INIT;
	size_t l, e;

	l = at;
	while (l > 0 && at - l < 64 && ISLOCAL(s[l - 1]))
		l--;
	while (l < at && (s[l] == '.' || s[l] == '-'))
		l++;
	if (l == at || s[at - 1] == '.')
		return 0;
	e = at + 1;
	while (e < sc->n && e - at < 256 && (CL(s[e]) & C_TOK))
		e++;
	while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-' ||
	    s[e - 1] == '_'))
		e--;
	if (!host_ok(s, at + 1, e, 0, 0, &dom)) {
		buf_free(&dom);
		return 0;
	}
	buf_reset(&sc->val);
	put_lower(&sc->val, s + l, at - l);
	buf_putc(&sc->val, '@');
	buf_puts(&sc->val, dom.s);
	buf_free(&dom);
	emit(sc, IOC_EMAIL, l, e);
	return e;
}

/* ---- runs without a dot ---- */

static int
all_in(const char *s, size_t a, size_t b, const char *set)
{
	for (; a < b; a++)
		if (strchr(set, s[a]) == NULL || s[a] == '\0')
			return 0;
	return 1;
}

#define B58 "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
#define B32 "abcdefghijklmnopqrstuvwxyz234567"

/* Digits s[a..b) as an unsigned number of at most 10 digits, or -1. */
static long long
digits(const char *s, size_t a, size_t b)
{
	long long v = 0;

	if (b <= a || b - a > 10)
		return -1;
	for (; a < b; a++) {
		if (!ASCII_ISDIGIT((unsigned char)s[a]))
			return -1;
		v = v * 10 + (s[a] - '0');
	}
	return v;
}

/* CVE-YYYY-NNNN at s[a..b) (the "CVE" part already checked to be at a,
 * and the year at y). */
static int
cve_ok(const char *s, size_t y, size_t b)
{
	if (b - y < 9 || b - y > 12 || s[y + 4] != '-')
		return 0;
	return digits(s, y, y + 4) >= 1999 && digits(s, y + 5, b) >= 0;
}

static int
attack_ok(const char *s, size_t a, size_t b)
{
	if (s[a] != 'T' || (b - a != 5 && b - a != 9))
		return 0;
	if (digits(s, a + 1, a + 5) < 0)
		return 0;
	return b - a == 5 || (s[a + 5] == '.' && digits(s, a + 6, b) >= 0);
}

/* Is s[p] the start of a path after a host: '/' and a byte of one, or a
 * port and then '/'? */
static int
pathed(const char *s, size_t n, size_t p)
{
	size_t e;

	if (p < n && s[p] == ':' && port_at(s, n, p, &e) > 0)
		p = e;
	return p + 1 < n && s[p] == '/' && !url_end(s, n, p + 1) &&
	    s[p + 1] != '/';
}

/* The host or address in sc->val (of type t) was found at s[a..b), the
 * end of its token: report it with the port written after it, if any,
 * and then, when a path or query follows, the URL it begins.  Returns
 * where to go on. */
static size_t
host_port(struct scan *sc, enum ioc_type t, size_t a, size_t b)
{
	const char *s = sc->s;
	struct buf host = BUF_INIT;
	size_t p = b, e;

	sc->port = port_at(s, sc->n, b, &p);
	buf_puts(&host, buf_str(&sc->val));
	emit(sc, t, a, b);
	e = p;
	if (p < sc->n && (s[p] == '/' || s[p] == '?'))
		e = bare_url(sc, host.s, a, b, p);
	buf_free(&host);
	return e;
}

/* The IPv4 address in sc->val was found at s[a..b), in a token ending at
 * en: host_port() when it ends the token, but without a port it begins a
 * URL only when its path starts with a letter ("192.0.2.1/admin", not
 * "192.0.2.1/255.255.255.0"). */
static size_t
ip_port(struct scan *sc, size_t a, size_t b, size_t en)
{
	const char *s = sc->s;

	if (b < en || (en < sc->n && s[en] == '/' && !(en + 1 < sc->n &&
	    ASCII_ISALPHA((unsigned char)s[en + 1])))) {
		emit(sc, IOC_IPV4, a, b);
		return en;
	}
	return host_port(sc, IOC_IPV4, a, b);
}

/* A run of token bytes s[st..en) with classes fl; returns where to go
 * on. */
static size_t
token(struct scan *sc, size_t st, size_t en, unsigned fl)
{
	const char *s = sc->s;
	struct buf *v = &sc->val;
	size_t a, b, len, k, e;
	long long as, r;
	char nx;

	nx = en < sc->n ? s[en] : '\0';
	len = en - st;
	if (nx == ':') {
		if (en + 2 < sc->n && s[en + 1] == '/' && s[en + 2] == '/') {
			if (inlist(schemes, NELEM(schemes), s + st, len))
				return try_url(sc, st, en);
		} else if (len <= 4 && !(fl & ~(C_DIG | C_HEX | C_UPPER)) &&
		    WANT(sc, IOC_IPV6)) {
			r = try_ipv6(sc, st);
			return (size_t)(r < 0 ? -r : r);
		}
	}
	if (nx == '@' && WANT(sc, IOC_EMAIL) && (k = try_email(sc, en)) > 0)
		return k;
	a = st;
	b = en;
	while (a < b && !ISWORD(s[a]))
		a++;
	while (b > a && !ISWORD(s[b - 1]))
		b--;
	if (a == b)
		return en;
	len = b - a;
	fl = 0;
	for (k = a; k < b; k++)
		fl |= CL(s[k]);

	if (fl & C_DOT) {
		if (!(fl & ~(C_DIG | C_DOT))) {
			if (!ipv4_ok(s, a, b, v) || version_before(s, a))
				return en;
			if (nx == '/' && en + 1 < sc->n &&
			    ASCII_ISDIGIT((unsigned char)s[en + 1])) {
				e = en + 1;
				while (e < sc->n && e - en < 4 &&
				    ASCII_ISDIGIT((unsigned char)s[e]))
					e++;
				as = digits(s, en + 1, e);
				if (as >= 0 && as <= 32 && (e == sc->n ||
				    !ISALNUM(s[e])) && WANT(sc, IOC_CIDR)) {
					buf_printf(v, "/%lld", as);
					emit(sc, IOC_CIDR, a, e);
					return e;
				}
			}
			return ip_port(sc, a, b, en);
		}
		if (!(fl & ~(C_DIG | C_DOT | C_DASH | C_UND))) {
			/* "192.0.2.1-192.0.2.9": each end */
			for (k = a; k <= b; k++) {
				if (k < b && s[k] != '-' && s[k] != '_')
					continue;
				if (ipv4_ok(s, a, k, v))
					emit(sc, IOC_IPV4, a, k);
				a = k + 1;
			}
			return en;
		}
		if (attack_ok(s, a, b)) {
			buf_reset(v);
			buf_put(v, s + a, len);
			emit(sc, IOC_ATTACK, a, b);
			return en;
		}
		if (len > 6 && ascii_ncasecmp(s + b - 6, ".onion", 6) == 0) {
			/* a Tor service is a host name (RFC 7686) whose
			 * label is a v2 or v3 service id */
			k = b - 6;
			while (k > a && s[k - 1] != '.')
				k--;
			if (b - 6 - k != 56 && b - 6 - k != 16)
				return en;
			buf_reset(v);
			put_lower(v, s + a, b - a);
			if (!all_in(v->s, k - a, b - 6 - a, B32))
				return en;
			if (b < en) {
				emit(sc, IOC_DOMAIN, a, b);
				return en;
			}
			return host_port(sc, IOC_DOMAIN, a, en);
		}
		if (!WANT(sc, IOC_DOMAIN) && !WANT(sc, IOC_URL))
			return en;
		if (st > 0 && (s[st - 1] == '/' || s[st - 1] == '\\') &&
		    !(st > 1 && s[st - 2] == '/'))
			return en;	/* a path: "dir/setup.py" */
		if (nx == '(' || nx == '=' || (st > 0 && (s[st - 1] == '$' ||
		    s[st - 1] == '%')))
			return en;	/* code */
		k = (size_t)was_defanged(sc, a, b);
		if (file_name(s, sc->n, a, b, (int)k, b == en &&
		    pathed(s, sc->n, en)) || !host_ok(s, a, b, 1, (int)k, v))
			return en;
		if (b < en) {
			emit(sc, IOC_DOMAIN, a, b);
			return en;
		}
		return host_port(sc, IOC_DOMAIN, a, en);
	}

	/* no dot */
	if ((len == 32 || len == 40 || len == 64 || len == 128) &&
	    !(fl & ~(C_DIG | C_HEX | C_UPPER))) {
		buf_reset(v);
		put_lower(v, s + a, b - a);
		emit(sc, len == 32 ? IOC_MD5 : len == 40 ? IOC_SHA1 :
		    len == 64 ? IOC_SHA256 : IOC_SHA512, a, b);
		return en;
	}
	if (len >= 3 && ascii_ncasecmp(s + a, "cve", 3) == 0) {
		k = 0;
		if (len > 4 && s[a + 3] == '-' && cve_ok(s, a + 4, b))
			k = b;
		else if (len == 3 && en + 1 < sc->n && s[en] == ' ') {
			e = en + 1;
			while (e < sc->n && e - en < 16 && (CL(s[e]) &
			    (C_DIG | C_DASH)))
				e++;
			if (cve_ok(s, en + 1, e)) {
				a = en + 1;
				k = e;
			} else
				return en;
		}
		if (k > 0) {
			buf_reset(v);
			buf_puts(v, "CVE-");
			buf_put(v, s + (len == 3 ? a : a + 4),
			    k - (len == 3 ? a : a + 4));
			emit(sc, IOC_CVE, len == 3 ? st : a, k);
			return k;
		}
		return en;
	}
	if (len >= 2 && (s[a] | 32) == 'a' && (s[a + 1] | 32) == 's') {
		k = a + 2;
		if (k < b && (s[k] | 32) == 'n')
			k++;
		as = -1;
		e = en;
		if (k < b && (k == a + 3 || b - k >= 3))
			as = digits(s, k, b);
		else if (en + 1 < sc->n && s[en] == ' ' &&
		    ((len == 2 && memcmp(s + a, "AS", 2) == 0) ||
		    (len == 3 && ascii_ncasecmp(s + a, "asn", 3) == 0))) {
			e = en + 1;
			while (e < sc->n && e - en < 12 &&
			    ASCII_ISDIGIT((unsigned char)s[e]))
				e++;
			if (e < sc->n && ISALNUM(s[e]))
				return en;
			as = digits(s, en + 1, e);
		}
		if (as >= 0 && as <= 4294967295LL) {
			buf_reset(v);
			buf_printf(v, "AS%lld", as);
			emit(sc, IOC_ASN, a, e);
			return e;
		}
		return en;
	}
	if (attack_ok(s, a, b)) {
		buf_reset(v);
		buf_put(v, s + a, len);
		emit(sc, IOC_ATTACK, a, b);
		return en;
	}
	if (fl & (C_DOT | C_DASH | C_UND))
		return en;
	if ((s[a] == '1' || s[a] == '3') && len >= 26 && len <= 35 &&
	    (fl & C_UPPER) && (fl & C_DIG) && ioc_btc_ok(s + a, len)) {
		buf_reset(v);
		buf_put(v, s + a, len);
		emit(sc, IOC_BTC, a, b);
		return en;
	}
	if (len >= 42 && len <= 62 && memcmp(s + a, "bc1", 3) == 0 &&
	    ioc_btc_ok(s + a, len)) {
		buf_reset(v);
		buf_put(v, s + a, len);
		emit(sc, IOC_BTC, a, b);
		return en;
	}
	/* Ethereum: "0x" and 40 hex digits (a SHA-1 is never written so) */
	if (len == 42 && s[a] == '0' && (s[a + 1] | 32) == 'x' &&
	    all_in(s, a + 2, b, "0123456789abcdefABCDEF")) {
		buf_reset(v);
		put_lower(v, s + a, len);
		emit(sc, IOC_ETH, a, b);
		return en;
	}
	if ((len == 95 || len == 106) && (s[a] == '4' || s[a] == '8') &&
	    all_in(s, a, b, B58)) {
		buf_reset(v);
		buf_put(v, s + a, len);
		emit(sc, IOC_XMR, a, b);
		return en;
	}
	if (len == 56 && s[b - 1] == 'd' && (fl & C_DIG) && !(fl & C_UPPER) &&
	    all_in(s, a, b, B32)) {
		buf_reset(v);
		buf_put(v, s + a, len);
		emit(sc, IOC_ONION, a, b);
		return en;
	}
	return en;
}

/* The first seed at or after s[i], or n.  Every token that can hold an
 * indicator holds a seed: a digit, '.', ':' or '@' (the bytes after a
 * scheme, an IPv6 group or a mailbox), or, for a hash written with the
 * letters a-f only, a run of 16 such letters.  A seed elsewhere costs only
 * a look at its token; plain words, most of any text, are never visited. */
static size_t
next_seed(const unsigned char *s, size_t i, size_t n)
{
	size_t hex;
#ifdef SEC_SIMD16
	simd16 v, m;
	unsigned bits;

	for (; i + 16 <= n; i += 16) {
		v = simd_load(s + i);
		m = simd_or(simd_range(v, '0', ':'), simd_eq(v, '.'));
		m = simd_or(m, simd_eq(v, '@'));
		if ((bits = simd_bits(m)) != 0)
			return i + simd_ctz(bits);
		if (simd_bits(simd_range(simd_or8(v, 0x20), 'a', 'f')) ==
		    0xFFFF)
			return i;
	}
#endif
	for (hex = 0; i < n; i++) {
		if (cls[s[i]] & (C_DIG | C_DOT | C_COLON) || s[i] == '@')
			return i;
		if (!(cls[s[i]] & C_HEX) || (cls[s[i]] & C_DIG))
			hex = 0;
		else if (++hex == 16)
			return i - 15;
	}
	return n;
}

/* Where the token holding s[p] starts, not before lo: token bytes and
 * two-byte letters, as scan_norm() reads them forward. */
static size_t
tok_start(const unsigned char *s, size_t lo, size_t p)
{
	for (;;) {
		if (p > lo && (cls[s[p - 1]] & C_TOK))
			p--;
		else if (p >= lo + 2 && (cls[s[p - 1]] & C_CONT) &&
		    (cls[s[p - 2]] & C_LEAD))
			p -= 2;
		else
			return p;
	}
}

static void
scan_norm(struct scan *sc)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	size_t n = sc->n, i, st, p, w;
	long long r;
	unsigned fl;

	i = 0;
	while (i < n) {
		if ((p = next_seed(s, i, n)) == n)
			break;
		st = tok_start(s, i, p);
		/* "CVE 2024-1234", "AS 13335": the word before the number */
		if (st >= i + 3 && s[st - 1] == ' ') {
			w = tok_start(s, i, st - 1);
			if (st - 1 - w >= 2 && st - 1 - w <= 3 &&
			    ((s[w] | 32) == 'a' || (s[w] | 32) == 'c'))
				st = w;
		}
		i = st;
		if (s[i] == ':') {
			if (i + 1 < n && s[i + 1] == ':' &&
			    WANT(sc, IOC_IPV6) && (i == 0 ||
			    (!ISALNUM(s[i - 1]) && s[i - 1] != ':'))) {
				r = try_ipv6(sc, i);
				i = (size_t)(r < 0 ? -r : r);
				if (sc->stop)
					break;
				continue;
			}
			i++;
			continue;
		}
		st = i;
		fl = 0;
		for (;;) {
			while (i < n && (cls[s[i]] & C_TOK))
				fl |= cls[s[i++]];
			/* a letter of two bytes: part of an IDN label */
			if (i + 1 < n && (cls[s[i]] & C_LEAD) &&
			    (cls[s[i + 1]] & C_CONT)) {
				fl |= C_LEAD;
				i += 2;
				continue;
			}
			break;
		}
		if (i == st) {		/* a lone lead byte */
			i++;
			continue;
		}
		/* plain words (no dot, no digit) matter only before ':'
		 * (a scheme, an IPv6 group), '@', or as "CVE"/"AS" before a
		 * number */
		if (!(fl & (C_DOT | C_DIG)) && i - st < 32 && (i == n ||
		    (s[i] != ':' &&
		    s[i] != '@' && !(s[i] == ' ' && i - st <= 3 &&
		    ((s[st] | 32) == 'a' || (s[st] | 32) == 'c')))))
			continue;
		i = token(sc, st, i, fl);
		if (i < st + 1)
			i = st + 1;
		if (sc->stop)
			break;
	}
}

int
ioc_scan(const char *text, size_t len, unsigned mask, ioc_fn fn, void *arg)
{
	struct ioc_norm nm;
	struct scan sc;

	if (!cls['a']) {
		cls_init();
		urlend_init();
	}
	ioc_norm_init(&nm);
	ioc_norm_run(&nm, text, len);
	memset(&sc, 0, sizeof(sc));
	sc.s = nm.txt;
	sc.n = nm.len;
	sc.raw = text;
	sc.rawn = len;
	sc.nm = &nm;
	sc.mask = mask;
	sc.fn = fn;
	sc.arg = arg;
	buf_init(&sc.val);
	scan_norm(&sc);
	buf_free(&sc.val);
	ioc_norm_free(&nm);
	return sc.stop;
}

void
ioc_defang(struct buf *out, enum ioc_type t, const char *value,
    int schemeless)
{
	size_t n = strlen(IOC_SCHEME_ADDED);

	if (t == IOC_URL && schemeless &&
	    strncmp(value, IOC_SCHEME_ADDED, n) == 0)
		value += n;
	defang(out, value, ioc_type_name(t));
}

void
ioc_refang(struct buf *out, const char *s, size_t n)
{
	struct ioc_norm nm;

	ioc_norm_init(&nm);
	ioc_norm_run(&nm, s, n);
	buf_put(out, nm.txt, nm.len);
	ioc_norm_free(&nm);
}

/* ---- context ---- */

/* Does a sentence end just before text[i] (the end mark is at i - k)? */
static size_t
endmark(const char *t, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)t;

	if (i < len && (t[i] == '.' || t[i] == '!' || t[i] == '?') &&
	    (i + 1 == len || ASCII_ISSPACE(u[i + 1])))
		return 1;
	/* 。！？ */
	if (i + 2 < len && ((u[i] == 0xE3 && u[i + 1] == 0x80 &&
	    u[i + 2] == 0x82) || (u[i] == 0xEF && u[i + 1] == 0xBC &&
	    (u[i + 2] == 0x81 || u[i + 2] == 0x9F))))
		return 3;
	return 0;
}

#define CTX_SIDE 150
#define CTX_BARE 12	/* a line with fewer other bytes is "bare" */
#define CTX_BACK 2000	/* how far back to look for a bare line's lead */

/* The sentence around text[off..off+n) within one line, at most CTX_SIDE
 * bytes to either side, cut at a word boundary when the side limit is
 * reached. */
static void
sentence(const char *t, size_t len, size_t off, size_t n, size_t *cs,
    size_t *ce)
{
	size_t lo, hi, k, s;

	lo = off;
	while (lo > 0 && off - lo < CTX_SIDE && t[lo - 1] != '\n') {
		if (lo >= 1 && endmark(t, len, lo - 1) == 1)
			break;
		if (lo >= 3 && endmark(t, len, lo - 3) == 3)
			break;
		lo--;
	}
	if (lo > 0 && off - lo >= CTX_SIDE) {
		/* cut at the first space, not inside a word */
		for (s = lo; s < off && t[s] != ' '; s++)
			;
		if (s < off)
			lo = s + 1;
	}
	hi = off + n;
	while (hi < len && hi - off - n < CTX_SIDE && t[hi] != '\n') {
		if ((k = endmark(t, len, hi)) > 0) {
			hi += k;
			break;
		}
		hi++;
	}
	if (hi < len && hi - off - n >= CTX_SIDE && t[hi] != '\n') {
		for (s = hi; s > off + n && t[s - 1] != ' '; s--)
			;
		if (s > off + n)
			hi = s - 1;
	}
	while (lo < off && (t[lo] & 0xC0) == 0x80)
		lo++;
	while (hi > off + n && hi < len && (t[hi] & 0xC0) == 0x80)
		hi--;
	while (lo < off && ASCII_ISSPACE((unsigned char)t[lo]))
		lo++;
	while (hi > off + n && ASCII_ISSPACE((unsigned char)t[hi - 1]))
		hi--;
	*cs = lo;
	*ce = hi;
}

/* Bytes of text[ls..le) that are not white space. */
static size_t
solid(const char *t, size_t ls, size_t le)
{
	size_t i, c = 0;

	for (i = ls; i < le; i++)
		if (!ASCII_ISSPACE((unsigned char)t[i]))
			c++;
	return c;
}

/* Does text[ls..le) hold a space between words (not a bare token)? */
static int
spaced(const char *t, size_t ls, size_t le)
{
	while (ls < le && ASCII_ISSPACE((unsigned char)t[ls]))
		ls++;
	for (; ls < le; ls++)
		if (t[ls] == ' ' || t[ls] == '\t')
			return 1;
	return 0;
}

void
ioc_context(const char *t, size_t len, size_t off, size_t n, size_t *cs,
    size_t *cn)
{
	size_t lo, hi, ls, le, own, k;

	if (off > len)
		off = len;
	if (n > len - off)
		n = len - off;
	sentence(t, len, off, n, &lo, &hi);
	*cs = lo;
	*cn = hi - lo;
	if (solid(t, lo, hi) - solid(t, off, off + n) >= CTX_BARE)
		return;
	/*
	 * The indicator stands (almost) alone on its line, as in a list of
	 * indicators: the line that leads into the list says more.  Walk
	 * back over blank lines and other bare lines.
	 */
	le = lo;
	while (le > 0 && t[le - 1] != '\n')
		le--;
	own = solid(t, lo, hi) - solid(t, off, off + n);
	while (le > 0 && off - le < CTX_BACK) {
		le--;			/* the newline ending the line before */
		ls = le;
		while (ls > 0 && t[ls - 1] != '\n')
			ls--;
		while (le > ls && ASCII_ISSPACE((unsigned char)t[le - 1]))
			le--;
		k = solid(t, ls, le);
		if (k == 0 || (k < 80 && !spaced(t, ls, le))) {
			le = ls;	/* blank, or another bare item */
			continue;
		}
		/* a lead-in ending in a colon, or a heading over a bare list */
		if (t[le - 1] == ':' || (le - ls >= 3 &&
		    memcmp(t + le - 3, "\xef\xbc\x9a", 3) == 0) ||
		    (own == 0 && k < 100 && t[le - 1] != '.' &&
		    !(le - ls >= 3 && memcmp(t + le - 3, "\xe3\x80\x82", 3)
		    == 0))) {
			if (le - ls > 2 * CTX_SIDE)
				ls = le - 2 * CTX_SIDE;
			sentence(t, len, le - 1, 1, &lo, &hi);
			if (lo < ls)
				lo = ls;
			*cs = lo;
			*cn = hi - lo;
		}
		return;
	}
}

/* ---- sets of distinct indicators ---- */

/* Distinct ports remembered per address or host. */
#define IOC_MAX_PORTS	32

struct ioc_ent {
	enum ioc_type	 type;
	char		*value;
	size_t		 count;
	size_t		 off;
	char		*ctx;
	const char	*field;
	unsigned	*ports;		/* as written after it, in order */
	size_t		 nports;
	int		 schemeless;	/* every occurrence was */
};

/* Remember port p (nonzero) of e, once. */
static void
ent_port(struct ioc_ent *e, unsigned p)
{
	size_t k;

	for (k = 0; k < e->nports; k++)
		if (e->ports[k] == p)
			return;
	if (e->nports == IOC_MAX_PORTS)
		return;
	if (e->ports == NULL)
		e->ports = xreallocarray(NULL, IOC_MAX_PORTS,
		    sizeof(*e->ports));
	e->ports[e->nports++] = p;
}

struct ioc_set {
	struct ioc_ent	*v;
	size_t		 n, cap;
	struct strset	 seen;		/* type byte and value: index */
	struct buf	 key;
	size_t		 max;
	size_t		 dropped;
	const char	*field;		/* of the text being scanned */
};

struct ioc_set *
ioc_set_new(size_t max)
{
	struct ioc_set *set;

	set = xcalloc(1, sizeof(*set));
	set->max = max;
	return set;
}

void
ioc_set_free(struct ioc_set *set)
{
	size_t k;

	if (set == NULL)
		return;
	for (k = 0; k < set->n; k++) {
		free(set->v[k].value);
		free(set->v[k].ctx);
		free(set->v[k].ports);
	}
	free(set->v);
	strset_free(&set->seen);
	buf_free(&set->key);
	free(set);
}

size_t
ioc_set_dropped(const struct ioc_set *set)
{
	return set->dropped;
}

static int
set_hit(const struct ioc_hit *h, const char *text, size_t len, void *arg)
{
	struct ioc_set *set = arg;
	struct ioc_ent *e;
	size_t j, cs, cn;

	buf_reset(&set->key);
	buf_putc(&set->key, (unsigned char)h->type);
	buf_put(&set->key, h->value, h->vlen);
	if ((j = strset_get(&set->seen, set->key.s, set->key.len)) !=
	    STRSET_NONE) {
		set->v[j].count++;
		if (h->port)
			ent_port(&set->v[j], h->port);
		if (!h->schemeless)
			set->v[j].schemeless = 0;
		return 0;
	}
	if (set->n >= set->max) {
		set->dropped++;
		return 0;
	}
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	e = &set->v[set->n];
	e->type = h->type;
	e->value = xstrndup(h->value, h->vlen);
	e->count = 1;
	e->off = h->off;
	e->field = set->field;
	e->ports = NULL;
	e->nports = 0;
	if (h->port)
		ent_port(e, h->port);
	e->schemeless = h->schemeless;
	ioc_context(text, len, h->off, h->len, &cs, &cn);
	e->ctx = xstrndup(text + cs, cn);
	(void)strset_add(&set->seen, set->key.s, set->key.len, NULL);
	set->n++;
	return 0;
}

void
ioc_set_scan(struct ioc_set *set, const char *text, size_t len,
    unsigned mask, const char *field)
{
	set->field = field;
	ioc_scan(text, len, mask, set_hit, set);
}

/* The URL s with scheme and host lower-case and an empty path as "/"
 * (new): less than url_canon(), which also drops what tracks. */
static char *
link_canon(const char *s)
{
	struct buf b = BUF_INIT;
	const char *h, *e;

	if ((h = url_authority(s)) == NULL)
		return xstrdup(s);
	e = h + url_authority_len(h);
	for (; s < e; s++)
		buf_putc(&b, LOWER(*s));
	if (*e != '/')
		buf_putc(&b, '/');
	buf_puts(&b, e);
	return buf_detach(&b);
}

static int
linked(const struct ioc_ent *e, const json_t *links)
{
	const json_t *l, *u;
	const char *us, *h;
	char *a, *b;
	size_t i, hl;
	int r = 0;

	if (!json_is_array(links))
		return 0;
	json_array_foreach(links, i, l) {
		if ((u = json_object_get(l, "url")) == NULL ||
		    (us = json_string_value(u)) == NULL)
			continue;
		if (e->type == IOC_URL) {
			a = link_canon(us);
			b = link_canon(e->value);
			r = strcmp(a, b) == 0;
			free(a);
			free(b);
		} else if (e->type == IOC_DOMAIN || e->type == IOC_IPV4) {
			if ((h = url_host(us, &hl)) == NULL)
				continue;
			r = hl == strlen(e->value) &&
			    ascii_ncasecmp(h, e->value, hl) == 0;
		}
		if (r)
			return 1;
	}
	return 0;
}

json_t *
ioc_set_json(const struct ioc_set *set, const json_t *links)
{
	struct buf d = BUF_INIT;
	struct ioc_ent *e;
	const char *sc;
	char *alt;
	json_t *arr, *o, *p;
	size_t k, j;

	arr = json_array();
	if (arr == NULL)
		errx(1, "out of memory");
	for (k = 0; k < set->n; k++) {
		e = &set->v[k];
		if ((o = json_object()) == NULL)
			errx(1, "out of memory");
		rec_set_str(o, "type", ioc_type_name(e->type));
		rec_set_str(o, "value", e->value);
		buf_reset(&d);
		ioc_defang(&d, e->type, e->value, e->schemeless);
		rec_set_str(o, "defanged", buf_str(&d));
		if (e->schemeless)
			rec_set_new(o, "schemeless", json_true());
		if (e->nports > 0)
			rec_set_new(o, "port",
			    json_integer((json_int_t)e->ports[0]));
		if (e->nports > 1) {
			if ((p = json_array()) == NULL)
				errx(1, "out of memory");
			for (j = 0; j < e->nports; j++)
				arr_append_new(p, json_integer(
				    (json_int_t)e->ports[j]));
			rec_set_new(o, "ports", p);
		}
		rec_set_new(o, "count", json_integer((json_int_t)e->count));
		if (e->field != NULL)
			rec_set_str(o, "field", e->field);
		rec_set_new(o, "first_offset",
		    json_integer((json_int_t)e->off));
		rec_set_str(o, "context", e->ctx);
		if ((sc = ioc_scope(e->type, e->value)) != NULL)
			rec_set_str(o, "scope", sc);
		if (e->type == IOC_DOMAIN &&
		    (alt = ioc_idn_other(e->value)) != NULL) {
			rec_set_str(o, strncmp(alt, "xn--", 4) == 0 ||
			    strstr(alt, ".xn--") ?
			    "punycode" : "unicode", alt);
			free(alt);
		}
		rec_set_new(o, "known",
		    json_boolean(ioc_known(e->type, e->value)));
		rec_set_new(o, "linked", json_boolean(linked(e, links)));
		arr_append_new(arr, o);
	}
	buf_free(&d);
	return arr;
}

json_t *
ioc_scan_json(const char *text, size_t len, const json_t *links,
    const char *types)
{
	struct ioc_set *set;
	unsigned mask = IOC_ALL;
	json_t *arr;

	if (types != NULL && ioc_types_parse(types, &mask, NULL) == -1) {
		/* unknown names are ignored: keep the ones that parse */
		const char *p, *e;
		unsigned m;
		char tmp[32];

		mask = 0;
		for (p = types; *p; p = *e ? e + 1 : e) {
			e = p + strcspn(p, ",");
			if ((size_t)(e - p) < sizeof(tmp)) {
				memcpy(tmp, p, (size_t)(e - p));
				tmp[e - p] = '\0';
				if (ioc_types_parse(tmp, &m, NULL) == 0)
					mask |= m;
			}
		}
	}
	set = ioc_set_new(IOC_MAX_UNIQUE);
	ioc_set_scan(set, text, len, mask, NULL);
	arr = ioc_set_json(set, links);
	ioc_set_free(set);
	return arr;
}
