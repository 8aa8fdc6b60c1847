/* iocinfo.c: indicator types, labels, IP scopes and the CSV noise rules. */
#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

#include "iocinfo.h"
#include "util.h"

/* Copy s into out with the defanging brackets taken away ("[.]" -> ".",
 * "[:]" -> ":", "[@]" -> "@", ...).  Schemes are left alone. */
static void
unbracket(struct buf *out, const char *s)
{
	static const struct {
		const char *from, *to;
	} map[] = {
		{ "[.]", "." }, { "(.)", "." }, { "{.}", "." },
		{ "[dot]", "." }, { "(dot)", "." }, { "[:]", ":" },
		{ "[@]", "@" }, { "(@)", "@" }, { "[at]", "@" },
		{ "[://]", "://" }, { "[/]", "/" },
	};
	size_t i, n;

	while (*s) {
		for (i = 0; i < NELEM(map); i++) {
			n = strlen(map[i].from);
			if (ascii_ncasecmp(s, map[i].from, n) == 0)
				break;
		}
		if (i < NELEM(map)) {
			buf_puts(out, map[i].to);
			s += n;
		} else
			buf_putc(out, *s++);
	}
}

static enum ri_ip_class
class4(const unsigned char a[4])
{
	if (a[0] == 0)
		return RI_IP_RESERVED;
	if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
	    (a[0] == 192 && a[1] == 168))
		return RI_IP_PRIVATE;
	if (a[0] == 100 && (a[1] & 0xc0) == 64)
		return RI_IP_SHARED;
	if (a[0] == 127)
		return RI_IP_LOOPBACK;
	if (a[0] == 169 && a[1] == 254)
		return RI_IP_LINKLOCAL;
	if (a[0] == 192 && a[1] == 0 && a[2] == 0)
		return RI_IP_RESERVED;
	if ((a[0] == 192 && a[1] == 0 && a[2] == 2) ||
	    (a[0] == 198 && a[1] == 51 && a[2] == 100) ||
	    (a[0] == 203 && a[1] == 0 && a[2] == 113) ||
	    (a[0] == 198 && (a[1] & 0xfe) == 18))
		return RI_IP_DOC;
	if ((a[0] & 0xf0) == 224)
		return RI_IP_MULTICAST;
	if ((a[0] & 0xf0) == 240)
		return RI_IP_RESERVED;
	return RI_IP_GLOBAL;
}

static enum ri_ip_class
class6(const unsigned char a[16])
{
	static const unsigned char zero[16];
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0xff, 0xff };

	if (memcmp(a, zero, 15) == 0)
		return a[15] == 1 ? RI_IP_LOOPBACK : RI_IP_RESERVED;
	if (memcmp(a, mapped, 12) == 0)
		return class4(a + 12);
	if ((a[0] & 0xfe) == 0xfc)
		return RI_IP_PRIVATE;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return RI_IP_LINKLOCAL;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
		return RI_IP_PRIVATE;	/* the old site-local */
	if (a[0] == 0xff)
		return RI_IP_MULTICAST;
	if ((a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) ||
	    (a[0] == 0x3f && a[1] == 0xff && (a[2] & 0xf0) == 0))
		return RI_IP_DOC;
	if ((a[0] & 0xe0) != 0x20)
		return RI_IP_RESERVED;	/* outside global unicast */
	return RI_IP_GLOBAL;
}

enum ri_ip_class
ri_ip_classify(const char *s)
{
	struct buf b = BUF_INIT;
	unsigned char a[16];
	char *p, *q;
	enum ri_ip_class c = RI_IP_NONE;

	if (s == NULL)
		return RI_IP_NONE;
	while (ASCII_ISSPACE((unsigned char)*s))
		s++;
	unbracket(&b, s);
	p = b.s ? b.s : (char *)"";
	buf_rtrim(&b);
	if (*p == '[' && (q = strchr(p, ']')) != NULL) {	/* [v6]:port */
		*q = '\0';
		p++;
	}
	if ((q = strchr(p, '/')) != NULL)
		*q = '\0';
	if (strchr(p, '.') && (q = strchr(p, ':')) != NULL &&
	    strchr(q + 1, ':') == NULL)
		*q = '\0';			/* v4:port */
	if (inet_pton(AF_INET, p, a) == 1)
		c = class4(a);
	else if (inet_pton(AF_INET6, p, a) == 1)
		c = class6(a);
	buf_free(&b);
	return c;
}

const char *
ri_ip_class_name(enum ri_ip_class c)
{
	switch (c) {
	case RI_IP_GLOBAL:
		return "global";
	case RI_IP_PRIVATE:
		return "private";
	case RI_IP_LOOPBACK:
		return "loopback";
	case RI_IP_LINKLOCAL:
		return "link-local";
	case RI_IP_SHARED:
		return "shared";
	case RI_IP_DOC:
		return "documentation";
	case RI_IP_MULTICAST:
		return "multicast";
	case RI_IP_RESERVED:
		return "reserved";
	case RI_IP_NONE:
		break;
	}
	return NULL;
}

int
ri_public_resolver(const char *s)
{
	static const char *const res[] = {
		"1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4", "9.9.9.9",
		"149.112.112.112", "208.67.222.222", "208.67.220.220",
		"94.140.14.14", "94.140.15.15", "64.6.64.6", "64.6.65.6",
		"2606:4700:4700::1111", "2606:4700:4700::1001",
		"2001:4860:4860::8888", "2001:4860:4860::8844",
		"2620:fe::fe", "2620:fe::9",
	};
	unsigned char a[16], b[16];
	size_t i;
	int af;

	af = strchr(s, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(af, s, a) != 1)
		return 0;
	for (i = 0; i < NELEM(res); i++)
		if (inet_pton(af, res[i], b) == 1 &&
		    memcmp(a, b, af == AF_INET ? 4 : 16) == 0)
			return 1;
	return 0;
}

static int
allhex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!ASCII_ISXDIGIT((unsigned char)s[i]))
			return 0;
	return n > 0;
}

/* Guess the type of a value (with the defanging brackets removed). */
static const char *
guess(const char *v)
{
	const char *p, *at, *dot;
	size_t n = strlen(v), i;
	unsigned char a[16];
	int hasalpha;

	if (strstr(v, "://") || ascii_ncasecmp(v, "hxxp", 4) == 0)
		return "url";
	if (inet_pton(AF_INET, v, a) == 1)
		return "ipv4";
	if (inet_pton(AF_INET6, v, a) == 1)
		return "ipv6";
	switch (ri_ip_classify(v)) {	/* with a port or prefix */
	case RI_IP_NONE:
		break;
	default:
		return strchr(v, '.') ? "ipv4" : "ipv6";
	}
	if (ascii_ncasecmp(v, "CVE-", 4) == 0 && n >= 13 &&
	    ASCII_ISDIGIT(v[4]))
		return "cve";
	if (ascii_ncasecmp(v, "AS", 2) == 0 && n > 2 && n < 13) {
		for (i = 2; i < n && ASCII_ISDIGIT(v[i]); i++)
			;
		if (i == n)
			return "asn";
	}
	if (allhex(v, n)) {
		switch (n) {
		case 32:
			return "md5";
		case 40:
			return "sha1";
		case 64:
			return "sha256";
		case 128:
			return "sha512";
		}
	}
	if ((at = strchr(v, '@')) != NULL && at > v && strchr(at, '.'))
		return "email";
	if ((dot = strrchr(v, '.')) != NULL && dot > v && dot[1] != '\0') {
		hasalpha = 0;
		for (p = v; *p; p++) {
			if ((unsigned char)*p >= 0x80 || ASCII_ISALPHA(*p))
				hasalpha = 1;
			else if (!ASCII_ISDIGIT(*p) && *p != '.' &&
			    *p != '-' && *p != '_')
				return "other";
		}
		if (hasalpha)
			return "domain";
	}
	return "other";
}

const char *
ri_type(const char *type, const char *value)
{
	static const struct {
		const char *alias, *type;
	} map[] = {
		{ "ipv4", "ipv4" }, { "ip4", "ipv4" }, { "ipv4-addr", "ipv4" },
		{ "ipv6", "ipv6" }, { "ip6", "ipv6" }, { "ipv6-addr", "ipv6" },
		{ "cidr", "cidr" }, { "ipv4-cidr", "cidr" },
		{ "ipv6-cidr", "cidr" }, { "domain", "domain" },
		{ "fqdn", "domain" }, { "hostname", "domain" },
		{ "host", "domain" }, { "domain-name", "domain" },
		{ "domain_name", "domain" }, { "url", "url" }, { "uri", "url" },
		{ "email", "email" }, { "e-mail", "email" },
		{ "email-addr", "email" }, { "md5", "md5" },
		{ "file_hash_md5", "md5" }, { "sha1", "sha1" },
		{ "sha-1", "sha1" }, { "file_hash_sha1", "sha1" },
		{ "sha256", "sha256" }, { "sha-256", "sha256" },
		{ "file_hash_sha256", "sha256" }, { "sha512", "sha512" },
		{ "sha-512", "sha512" }, { "file_hash_sha512", "sha512" },
		{ "cve", "cve" }, { "asn", "asn" }, { "as", "asn" },
		{ "filename", "filename" }, { "file", "filename" },
		{ "file-name", "filename" }, { "file_name", "filename" },
		{ "path", "path" }, { "filepath", "path" },
		{ "registry", "registry" }, { "btc", "btc" },
		{ "bitcoin", "btc" }, { "mutex", "mutex" },
		/* the report's own labels, as a model may answer with them */
		{ "FQDN名", "domain" }, { "FQDN", "domain" },
		{ "ドメイン", "domain" }, { "ドメイン名", "domain" },
		{ "メールアドレス", "email" }, { "AS番号", "asn" },
		{ "ファイル名", "filename" }, { "ファイルパス", "path" },
	};
	/* types that say only "an address" or "a hash": the value decides */
	static const char *const generic[] = { "ip", "ip-addr", "ipaddress",
	    "ip_address", "hash", "file_hash", "filehash", "IPアドレス",
	    "ハッシュ値", "ハッシュ" };
	struct buf b = BUF_INIT;
	const char *t;
	size_t i;

	if (type != NULL && *type != '\0') {
		for (i = 0; i < NELEM(map); i++)
			if (ascii_casecmp(type, map[i].alias) == 0)
				return map[i].type;
		for (i = 0; i < NELEM(generic); i++)
			if (ascii_casecmp(type, generic[i]) == 0)
				break;
		if (i == NELEM(generic))
			return type;
	}
	if (value == NULL)
		return "other";
	while (ASCII_ISSPACE((unsigned char)*value))
		value++;
	unbracket(&b, value);
	buf_rtrim(&b);
	t = guess(buf_str(&b));
	buf_free(&b);
	return t;
}

int
ri_type_is_ip(const char *type)
{
	return strcmp(type, "ipv4") == 0 || strcmp(type, "ipv6") == 0 ||
	    strcmp(type, "cidr") == 0;
}

const char *
ri_type_label(const char *type)
{
	static const struct {
		const char *type, *label;
	} map[] = {
		{ "ipv4", "IPアドレス" }, { "ipv6", "IPアドレス" },
		{ "cidr", "IPアドレス" }, { "url", "URL" },
		{ "domain", "FQDN名" }, { "md5", "ハッシュ値" },
		{ "sha1", "ハッシュ値" }, { "sha256", "ハッシュ値" },
		{ "sha512", "ハッシュ値" }, { "email", "メールアドレス" },
		{ "cve", "CVE" }, { "asn", "AS番号" },
		{ "filename", "ファイル名" }, { "path", "ファイルパス" },
		{ "registry", "レジストリキー" }, { "btc", "暗号資産アドレス" },
		{ "mutex", "ミューテックス" }, { "other", "その他" },
	};
	size_t i;

	for (i = 0; i < NELEM(map); i++)
		if (strcmp(type, map[i].type) == 0)
			return map[i].label;
	return type;
}

const char *
ri_csv_type(const char *type)
{
	static const struct {
		const char *type, *csv;
	} map[] = {
		{ "ipv4", "ip" }, { "ipv6", "ip" }, { "domain", "domain" },
		{ "url", "url" }, { "md5", "file_hash_md5" },
		{ "sha1", "file_hash_sha1" }, { "sha256", "file_hash_sha256" },
		{ "sha512", "file_hash_sha512" }, { "email", "email" },
	};
	size_t i;

	for (i = 0; i < NELEM(map); i++)
		if (strcmp(type, map[i].type) == 0)
			return map[i].csv;
	return NULL;
}

/* Remove trailing punctuation that ends a sentence rather than the
 * indicator; a closing bracket goes only when it has no opening one. */
static void
trimpunct(struct buf *b)
{
	static const struct {
		char open, close;
	} pairs[] = { { '(', ')' }, { '[', ']' }, { '{', '}' }, { '<', '>' } };
	size_t i, k, nopen, nclose;
	char c;

	while (b->len > 0) {
		c = b->s[b->len - 1];
		if (strchr(".,;:!?'\"", c) != NULL) {
			b->s[--b->len] = '\0';
			continue;
		}
		for (k = 0; k < NELEM(pairs) && pairs[k].close != c; k++)
			;
		if (k == NELEM(pairs))
			break;
		nopen = nclose = 0;
		for (i = 0; i < b->len; i++) {
			nopen += b->s[i] == pairs[k].open;
			nclose += b->s[i] == pairs[k].close;
		}
		if (nclose <= nopen)
			break;
		b->s[--b->len] = '\0';
	}
}

void
ri_refang(struct buf *out, const char *value, const char *type)
{
	struct buf b = BUF_INIT, c = BUF_INIT;
	const char *p, *s;
	size_t n, i;

	if (value == NULL)
		return;
	while (ASCII_ISSPACE((unsigned char)*value) ||
	    (*value && strchr("(<[\"'", *value) && value[1] != '.' &&
	    value[1] != ':'))
		value++;
	unbracket(&b, value);
	buf_rtrim(&b);
	trimpunct(&b);
	s = buf_str(&b);
	/* the scheme */
	if (ascii_ncasecmp(s, "hxxps", 5) == 0) {
		buf_puts(&c, "https");
		s += 5;
	} else if (ascii_ncasecmp(s, "hxxp", 4) == 0) {
		buf_puts(&c, "http");
		s += 4;
	} else if (ascii_ncasecmp(s, "fxp", 3) == 0 && strncmp(s + 3, "://",
	    3) == 0) {
		buf_puts(&c, "ftp");
		s += 3;
	}
	buf_puts(&c, s);
	s = buf_str(&c);
	if (strcmp(type, "domain") == 0) {
		if ((p = strstr(s, "://")) != NULL)
			s = p + 3;
		if ((p = strchr(s, '@')) != NULL && p < s + strcspn(s, "/?#"))
			s = p + 1;
		n = strcspn(s, "/?#:");
		while (n > 0 && s[n - 1] == '.')
			n--;
		for (i = 0; i < n; i++)
			buf_putc(out, ascii_lower((unsigned char)s[i]));
	} else if (strcmp(type, "ipv4") == 0) {
		buf_put(out, s, strcspn(s, ":/"));
	} else if (strcmp(type, "md5") == 0 || strcmp(type, "sha1") == 0 ||
	    strcmp(type, "sha256") == 0 || strcmp(type, "sha512") == 0 ||
	    strcmp(type, "ipv6") == 0) {
		for (; *s; s++)
			buf_putc(out, ascii_lower((unsigned char)*s));
	} else if (strcmp(type, "url") == 0 && (p = strstr(s, "://")) !=
	    NULL) {
		/* scheme and host are case-insensitive; the rest is not */
		n = (size_t)(p - s) + 3;
		n += strcspn(s + n, "/?#");
		for (i = 0; i < n; i++)
			buf_putc(out, ascii_lower((unsigned char)s[i]));
		buf_puts(out, s + n);
	} else
		buf_puts(out, s);
	buf_free(&c);
	buf_free(&b);
}

int
ri_well_known_host(const char *host)
{
	static const char *const hosts[] = {
		"amazon.com", "amazonaws.com", "apple.com", "bing.com",
		"bit.ly", "cloudflare.com", "discord.com", "discord.gg",
		"docs.google.com", "drive.google.com", "dropbox.com",
		"facebook.com", "gist.github.com", "github.com", "gitlab.com",
		"google.com", "instagram.com", "linkedin.com", "live.com",
		"login.microsoftonline.com", "mega.nz", "microsoft.com",
		"office.com", "onedrive.live.com", "outlook.com",
		"pastebin.com", "raw.githubusercontent.com", "t.me",
		"telegram.me", "telegram.org", "twitter.com",
		"virustotal.com", "wikipedia.org", "x.com", "youtu.be",
		"youtube.com",
	};
	size_t i;

	if (ascii_ncasecmp(host, "www.", 4) == 0)
		host += 4;
	for (i = 0; i < NELEM(hosts); i++)
		if (ascii_casecmp(host, hosts[i]) == 0)
			return 1;
	return 0;
}

/* Is the IP address in s noise?  scope as in ri_noise. */
static int
ipnoise(const char *s, const char *scope)
{
	struct buf b = BUF_INIT;
	int r;

	buf_put(&b, s, strcspn(s, "/"));
	if (ri_public_resolver(buf_str(&b)))
		r = 1;
	else if (scope != NULL && *scope != '\0')
		r = strcmp(scope, "global") != 0;
	else
		r = ri_ip_classify(s) != RI_IP_GLOBAL;
	buf_free(&b);
	return r;
}

int
ri_noise(const char *type, const char *value, const char *scope,
    int known)
{
	struct buf h = BUF_INIT;
	const char *p, *rest;
	int r = 0;

	if (known)
		return 1;
	if (ri_type_is_ip(type))
		return ipnoise(value, scope);
	if (strcmp(type, "domain") == 0)
		return ri_well_known_host(value);
	if (strcmp(type, "url") == 0 && (p = strstr(value, "://")) != NULL) {
		p += 3;
		rest = p + strcspn(p, "/?#");
		buf_put(&h, p, (size_t)(rest - p));
		if (h.s != NULL && strchr(h.s, '@'))	/* user@host */
			memmove(h.s, strchr(h.s, '@') + 1,
			    strlen(strchr(h.s, '@') + 1) + 1);
		if (h.s != NULL && h.s[0] == '[')
			r = ri_ip_classify(h.s) != RI_IP_GLOBAL;
		else {
			if (h.s != NULL && strchr(h.s, ':') != NULL)
				*strchr(h.s, ':') = '\0';
			if (ri_ip_classify(buf_str(&h)) != RI_IP_NONE)
				r = ri_ip_classify(buf_str(&h)) != RI_IP_GLOBAL ||
				    ri_public_resolver(buf_str(&h));
			else
				r = ri_well_known_host(buf_str(&h)) &&
				    (*rest == '\0' || strcmp(rest, "/") == 0);
		}
		buf_free(&h);
	}
	return r;
}
