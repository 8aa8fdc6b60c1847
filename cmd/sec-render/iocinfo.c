/* iocinfo.c: indicator types, labels, IP scopes and the CSV noise rules. */
#include <string.h>

#include "defang.h"
#include "ioc.h"
#include "iocinfo.h"
#include "url.h"
#include "util.h"

/* Copy s into out with every defanged form turned back (common/ioc.h),
 * surrounding white space removed. */
static void
refanged(struct buf *out, const char *s)
{
	size_t n;

	while (ASCII_ISSPACE((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && ASCII_ISSPACE((unsigned char)s[n - 1]))
		n--;
	ioc_refang(out, s, n);
}

/* The common/ioc.h type of a canonical type name, or IOC_NTYPES. */
static enum ioc_type
ioctype(const char *type)
{
	enum ioc_type t;

	for (t = 0; t < IOC_NTYPES; t++)
		if (strcmp(type, ioc_type_name(t)) == 0)
			return t;
	return IOC_NTYPES;
}

const char *
ri_scope(const char *type, const char *value)
{
	struct buf v = BUF_INIT, a = BUF_INIT;
	const char *it, *s = NULL;

	if (!ri_type_is_ip(type) || value == NULL)
		return NULL;
	refanged(&v, value);
	if ((it = ioc_addr_type(buf_str(&v))) != NULL) {
		if (strchr(buf_str(&v), '/') != NULL)	/* a network */
			s = ioc_scope(strcmp(it, "ipv4") == 0 ? IOC_CIDR :
			    IOC_IPV6, buf_str(&v));
		if (s == NULL) {
			ioc_addr_bare(&a, buf_str(&v));
			s = ioc_scope(strcmp(it, "ipv4") == 0 ? IOC_IPV4 :
			    IOC_IPV6, buf_str(&a));
		}
	}
	buf_free(&a);
	buf_free(&v);
	return s;
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
	refanged(&b, value);
	buf_rtrim(&b);
	t = ioc_guess_type(buf_str(&b));
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
	struct buf b = BUF_INIT;
	const char *p, *s;
	size_t n, i;

	if (value == NULL)
		return;
	while (ASCII_ISSPACE((unsigned char)*value) ||
	    (*value && strchr("(<[\"'", *value) && value[1] != '.' &&
	    value[1] != ':'))
		value++;
	refanged(&b, value);
	buf_rtrim(&b);
	trimpunct(&b);
	s = buf_str(&b);
	if (strcmp(type, "domain") == 0) {
		if ((p = url_authority(s)) != NULL)
			s = p;
		if ((p = strchr(s, '@')) != NULL && p < s + strcspn(s, "/?#"))
			s = p + 1;
		n = strcspn(s, "/?#:");
		while (n > 0 && s[n - 1] == '.')
			n--;
		for (i = 0; i < n; i++)
			buf_putc(out, ascii_lower((unsigned char)s[i]));
	} else if (strcmp(type, "ipv4") == 0) {
		buf_put(out, s, strcspn(s, ":/"));
	} else if (strcmp(type, "ipv6") == 0 && strchr(s, ']') != NULL) {
		/* "[2001:db8::1]:443": the address alone */
		for (s += *s == '['; *s && *s != ']'; s++)
			buf_putc(out, ascii_lower((unsigned char)*s));
	} else if (strcmp(type, "md5") == 0 || strcmp(type, "sha1") == 0 ||
	    strcmp(type, "sha256") == 0 || strcmp(type, "sha512") == 0 ||
	    strcmp(type, "ipv6") == 0) {
		for (; *s; s++)
			buf_putc(out, ascii_lower((unsigned char)*s));
	} else if (strcmp(type, "url") == 0 &&
	    (p = url_authority(s)) != NULL) {
		/* scheme and host are case-insensitive; the rest is not */
		n = (size_t)(p - s) + url_authority_len(p);
		for (i = 0; i < n; i++)
			buf_putc(out, ascii_lower((unsigned char)s[i]));
		buf_puts(out, s + n);
	} else
		buf_puts(out, s);
	buf_free(&b);
}

/* Is the URL u (refanged) a specific page of a code, package or chat
 * host: a repository, a gist, a package, a Telegram post?  Such a URL
 * named as an indicator is kept even when its host is well known. */
static int
code_page(const char *u)
{
	static const char *const hosts[] = { "github.com", "www.github.com",
	    "gist.github.com", "raw.githubusercontent.com",
	    "gist.githubusercontent.com", "npmjs.com", "www.npmjs.com",
	    "registry.npmjs.org", "rubygems.org", "pkg.go.dev",
	    "proxy.golang.org", "t.me", "telegram.me" };
	const char *h, *rest;
	size_t n, i;

	if ((h = url_host(u, &n)) == NULL)
		return 0;
	rest = h + n + strcspn(h + n, "/?#");
	if (*rest == '\0' || strcmp(rest, "/") == 0)
		return 0;
	for (i = 0; i < NELEM(hosts); i++)
		if (strlen(hosts[i]) == n && ascii_ncasecmp(h, hosts[i], n) == 0)
			return 1;
	return 0;
}

const char *
ri_noise(const char *type, const char *value, const char *scope,
    int known)
{
	struct buf h = BUF_INIT;
	const char *p, *rest, *it, *r = NULL, *own;
	enum ioc_type t = ioctype(type);

	if (ri_type_is_ip(type)) {
		ioc_addr_bare(&h, value);
		/* a public resolver is known whatever its scope */
		it = ioc_addr_type(buf_str(&h));
		if (it != NULL && ioc_known(strcmp(it, "ipv4") == 0 ?
		    IOC_IPV4 : IOC_IPV6, buf_str(&h)))
			r = "a public resolver or well-known address";
		buf_free(&h);
		if (r != NULL)
			return r;
		/* the address decides; a stated scope only adds to it */
		own = ri_scope(type, value);
		if (own == NULL)
			return "not an address";
		if (strcmp(own, "global") != 0)
			return "not a global address";
		if (scope != NULL && strcmp(scope, "global") != 0)
			return "not a global address";
		return known ? "well known" : NULL;
	}
	if (t == IOC_URL && (p = url_authority(value)) != NULL) {
		/* a URL on an address that is not global */
		rest = p + url_authority_len(p);
		buf_put(&h, p, (size_t)(rest - p));
		p = buf_str(&h);
		if (strchr(p, '@') != NULL)
			p = strrchr(p, '@') + 1;
		if ((it = ioc_addr_type(p)) != NULL)
			r = ri_noise(it, p, NULL, known);
		buf_free(&h);
		if (it != NULL)
			return r;
		if (ioc_known(t, value))
			return "a well-known host";
		if (code_page(value))
			return NULL;
		return known ? "well known" : NULL;
	}
	if (t != IOC_NTYPES && ioc_known(t, value))
		return "a well-known host";
	return known ? "well known" : NULL;
}

/* Does s match the validator's domain pattern,
 * ^(?=.{1,253}$)(?!-)(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}\.?$ ? */
static int
domain_ok(const char *s)
{
	size_t n = strlen(s), i, lab = 0, last = 0, nlab = 0;

	if (n == 0 || n > 253 || *s == '-')
		return 0;
	if (s[n - 1] == '.')
		n--;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (lab == 0 || lab > 63)
				return 0;
			last = i - lab;
			nlab++;
			lab = 0;
			continue;
		}
		if (!ASCII_ISALNUM((unsigned char)s[i]) && s[i] != '-')
			return 0;
		lab++;
	}
	if (nlab < 2 || n - last < 2 || n - last > 63)
		return 0;
	for (i = last; i < n; i++)
		if (!ASCII_ISALPHA((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
hex_ok(const char *s, size_t len)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!ASCII_ISXDIGIT((unsigned char)s[i]))
			return 0;
	return i == len;
}

const char *
ri_csv_invalid(const char *csvtype, const char *v)
{
	static const char *const schemes[] = { "http://", "https://",
	    "ftp://", "wss://" };
	const char *it;
	size_t i, n;

	for (i = 0; v[i] != '\0'; i++)
		if ((unsigned char)v[i] <= 0x20 || v[i] == 0x7f)
			return "white space or a control character";
	if (strstr(v, "[.]") != NULL || strstr(v, "(.)") != NULL ||
	    strstr(v, "[:]") != NULL || ascii_ncasecmp(v, "hxxp", 4) == 0)
		return "still defanged";
	if (strcmp(csvtype, "ip") == 0) {
		it = ioc_addr_type(v);
		if (it == NULL || strchr(v, '/') != NULL || *v == '[' ||
		    (strcmp(it, "ipv4") == 0 && strchr(v, ':') != NULL))
			return "not an address without a port";
		return NULL;
	}
	if (strcmp(csvtype, "domain") == 0)
		return domain_ok(v) ? NULL : "not a host name the validator "
		    "accepts";
	if (strcmp(csvtype, "url") == 0) {
		for (i = 0; i < NELEM(schemes); i++)
			if (ascii_ncasecmp(v, schemes[i],
			    strlen(schemes[i])) == 0)
				break;
		if (i == NELEM(schemes))
			return "not an http, https, ftp or wss URL";
		if (url_host(v, &n) == NULL || n == 0)
			return "a URL without a host";
		return NULL;
	}
	if (strcmp(csvtype, "file_hash_md5") == 0)
		return hex_ok(v, 32) ? NULL : "not an MD5 hash";
	if (strcmp(csvtype, "file_hash_sha1") == 0)
		return hex_ok(v, 40) ? NULL : "not a SHA-1 hash";
	if (strcmp(csvtype, "file_hash_sha256") == 0)
		return hex_ok(v, 64) ? NULL : "not a SHA-256 hash";
	return "not a type of the CSV";
}
