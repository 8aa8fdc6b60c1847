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

int
ri_noise(const char *type, const char *value, const char *scope,
    int known)
{
	struct buf h = BUF_INIT;
	const char *p, *rest, *it;
	enum ioc_type t = ioctype(type);
	int r = 0;

	if (known)
		return 1;
	if (ri_type_is_ip(type)) {
		ioc_addr_bare(&h, value);
		/* a public resolver is known whatever its scope */
		it = ioc_addr_type(buf_str(&h));
		r = (it != NULL && ioc_known(strcmp(it, "ipv4") == 0 ?
		    IOC_IPV4 : IOC_IPV6, buf_str(&h)));
		buf_free(&h);
		if (scope == NULL)
			scope = ri_scope(type, value);
		return r || scope == NULL || strcmp(scope, "global") != 0;
	}
	if (t == IOC_URL && (p = url_authority(value)) != NULL) {
		/* a URL on an address that is not global */
		rest = p + url_authority_len(p);
		buf_put(&h, p, (size_t)(rest - p));
		p = buf_str(&h);
		if (strchr(p, '@') != NULL)
			p = strrchr(p, '@') + 1;
		if ((it = ioc_addr_type(p)) != NULL)
			r = ri_noise(it, p, NULL, 0);
		buf_free(&h);
		if (it != NULL)
			return r;
	}
	return t != IOC_NTYPES && ioc_known(t, value);
}
