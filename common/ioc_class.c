/* ioc_class.c: what an indicator is: the public suffix list behind domain
 * recognition, the scope of an IP address, and the allowlist of well-known
 * legitimate hosts and addresses.
 *
 * The public suffix list comes from libpsl: psl_latest() takes the newest of
 * the list compiled into libpsl and the system's copy (Debian's
 * "publicsuffix" package, /usr/share/publicsuffix), so the list stays as
 * current as the system's packages without a table of our own. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpsl.h>

#include "hash.h"
#include "ioc.h"
#include "ioc_int.h"
#include "url.h"
#include "util.h"

static psl_ctx_t *psl;
static int psl_tried;

static const psl_ctx_t *
getpsl(void)
{
	if (!psl_tried) {
		psl_tried = 1;
		psl = psl_latest(NULL);
		if (psl == NULL)
			psl = (psl_ctx_t *)psl_builtin();
	}
	return psl;
}

/*
 * libpsl takes a few thousand instructions a lookup, and a text names the
 * same few top-level domains and hosts again and again: remember the
 * answers in a small direct-mapped cache (a name that collides replaces
 * the old one).
 */
#define PSLCACHE 1024
static struct {
	char	 name[48];	/* kind byte, then the name */
	int	 yes;
} pslcache[PSLCACHE];

static int
psl_cached(int kind, const char *name, int type)
{
	const psl_ctx_t *p;
	uint32_t h;
	size_t l, k;

	if ((p = getpsl()) == NULL)
		return 0;
	l = strlen(name);
	if (l + 2 > sizeof(pslcache[0].name))
		return psl_is_public_suffix2(p, name, type);
	h = fnv1a32_more(FNV1A32_INIT ^ (uint32_t)kind, name, l);
	k = h % PSLCACHE;
	if (pslcache[k].name[0] == kind &&
	    strcmp(pslcache[k].name + 1, name) == 0)
		return pslcache[k].yes;
	pslcache[k].name[0] = (char)kind;
	memcpy(pslcache[k].name + 1, name, l + 1);
	pslcache[k].yes = psl_is_public_suffix2(p, name, type);
	return pslcache[k].yes;
}

int
ioc_psl_tld(const char *tld)
{
	return psl_cached('t', tld, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE);
}

int
ioc_psl_is_suffix(const char *name)
{
	return psl_cached('s', name, PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE);
}

const char *
ioc_psl_registrable(const char *name)
{
	const psl_ctx_t *p;

	if ((p = getpsl()) == NULL)
		return NULL;
	return psl_registrable_domain(p, name);
}

/* ---- IP scope ---- */

struct net4 {
	uint32_t	 addr, mask;
	const char	*scope;
};

static const struct net4 scope4[] = {
	{ 0x00000000, 0xFF000000, "reserved" },		/* 0/8 */
	{ 0x0A000000, 0xFF000000, "private" },		/* 10/8 */
	{ 0x64400000, 0xFFC00000, "cgnat" },		/* 100.64/10 */
	{ 0x7F000000, 0xFF000000, "loopback" },		/* 127/8 */
	{ 0xA9FE0000, 0xFFFF0000, "link-local" },	/* 169.254/16 */
	{ 0xAC100000, 0xFFF00000, "private" },		/* 172.16/12 */
	{ 0xC0000000, 0xFFFFFF00, "reserved" },		/* 192.0.0/24 */
	{ 0xC0000200, 0xFFFFFF00, "documentation" },	/* 192.0.2/24 */
	{ 0xC0A80000, 0xFFFF0000, "private" },		/* 192.168/16 */
	{ 0xC6120000, 0xFFFE0000, "reserved" },		/* 198.18/15 */
	{ 0xC6336400, 0xFFFFFF00, "documentation" },	/* 198.51.100/24 */
	{ 0xCB007100, 0xFFFFFF00, "documentation" },	/* 203.0.113/24 */
	{ 0xE0000000, 0xF0000000, "multicast" },	/* 224/4 */
	{ 0xF0000000, 0xF0000000, "reserved" },		/* 240/4 */
};

static int
parse4(const char *v, uint32_t *a, int *plen)
{
	char tmp[INET_ADDRSTRLEN];
	const char *sl;
	struct in_addr in;
	long long l;
	size_t n;

	sl = strchr(v, '/');
	n = sl ? (size_t)(sl - v) : strlen(v);
	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, &in) != 1)
		return -1;
	*a = ntohl(in.s_addr);
	*plen = 32;
	if (sl != NULL) {
		if (strtonum_ok(sl + 1, 0, 32, &l) == -1)
			return -1;
		*plen = (int)l;
	}
	return 0;
}

static const char *
scope_v4(uint32_t a)
{
	size_t k;

	for (k = 0; k < NELEM(scope4); k++)
		if ((a & scope4[k].mask) == scope4[k].addr)
			return scope4[k].scope;
	return "global";
}

static int
parse6(const char *v, unsigned char *a, int *plen)
{
	char tmp[INET6_ADDRSTRLEN + 8];
	const char *sl;
	long long l;
	size_t n;

	sl = strchr(v, '/');
	n = sl ? (size_t)(sl - v) : strlen(v);
	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET6, tmp, a) != 1)
		return -1;
	*plen = 128;
	if (sl != NULL) {
		if (strtonum_ok(sl + 1, 0, 128, &l) == -1)
			return -1;
		*plen = (int)l;
	}
	return 0;
}

static const char *
scope_v6(const unsigned char *a)
{
	static const unsigned char zero[16];
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0xFF, 0xFF };

	if (memcmp(a, zero, 15) == 0 && a[15] == 1)
		return "loopback";
	if (memcmp(a, zero, 16) == 0)
		return "reserved";
	if (memcmp(a, mapped, 12) == 0)
		return scope_v4((uint32_t)a[12] << 24 | (uint32_t)a[13] << 16 |
		    (uint32_t)a[14] << 8 | a[15]);
	if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80)
		return "link-local";
	if ((a[0] & 0xFE) == 0xFC)
		return "private";
	if (a[0] == 0xFF)
		return "multicast";
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8)
		return "documentation";
	if ((a[0] & 0xE0) == 0x20)
		return "global";
	return "reserved";
}

const char *
ioc_scope(enum ioc_type t, const char *v)
{
	unsigned char a6[16];
	uint32_t a;
	int plen;

	if (t == IOC_IPV4 || t == IOC_CIDR) {
		if (parse4(v, &a, &plen) == -1)
			return NULL;
		return scope_v4(a);
	}
	if (t == IOC_IPV6) {
		if (parse6(v, a6, &plen) == -1)
			return NULL;
		return scope_v6(a6);
	}
	return NULL;
}

/* ---- allowlist ---- */

/*
 * The bundled list: hosts and addresses that news articles name as the
 * legitimate services that attackers abuse or that defenders use.  A domain
 * entry covers its subdomains up to the registrable domain (so
 * "raw.githubusercontent.com" is known, but "evil.github.io" is not: the
 * public suffix list makes github.io a suffix under which anyone registers
 * names).  Addresses are public DNS resolvers.
 */
static const char *const builtin[] = {
	/* public DNS resolvers */
	"1.1.1.1", "1.0.0.1", "2606:4700:4700::1111", "2606:4700:4700::1001",
	"8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844",
	"9.9.9.9", "149.112.112.112", "2620:fe::fe", "2620:fe::9",
	"208.67.222.222", "208.67.220.220", "94.140.14.14", "94.140.15.15",
	"76.76.2.0", "185.228.168.9", "64.6.64.6", "64.6.65.6",
	"dns.google", "one.one.one.one", "cloudflare-dns.com", "quad9.net",
	"opendns.com",
	/* search, mail and big platforms */
	"google.com", "googleapis.com", "gstatic.com", "googleusercontent.com",
	"googlevideo.com", "youtube.com", "youtu.be", "gmail.com",
	"microsoft.com", "windows.com", "windows.net", "windowsupdate.com",
	"live.com", "outlook.com", "office.com", "office365.com",
	"microsoftonline.com", "sharepoint.com", "onedrive.com",
	"1drv.ms", "azure.com", "azureedge.net", "azurewebsites.net",
	"msn.com", "bing.com", "skype.com", "teams.microsoft.com",
	"apple.com", "icloud.com", "amazon.com", "amazonaws.com",
	"cloudfront.net", "awsstatic.com", "facebook.com", "fb.com",
	"instagram.com", "whatsapp.com", "whatsapp.net", "meta.com",
	"twitter.com", "x.com", "t.co", "linkedin.com", "yahoo.com",
	"yandex.ru", "yandex.com", "baidu.com", "qq.com", "naver.com",
	"protonmail.com", "proton.me", "mozilla.org", "wikipedia.org",
	"reddit.com", "zoom.us", "slack.com", "salesforce.com",
	"oracle.com", "ibm.com", "adobe.com", "cisco.com",
	/* CDNs and clouds */
	"cloudflare.com", "akamai.net", "akamaiedge.net", "akamaihd.net",
	"akamaized.net", "edgekey.net", "edgesuite.net", "fastly.net",
	"fastly.com", "digitaloceanspaces.com", "digitalocean.com",
	"cloudapp.net", "trafficmanager.net", "herokuapp.com",
	"vercel.app", "netlify.app", "pages.dev", "workers.dev",
	"firebaseapp.com", "web.app", "appspot.com", "page.link",
	"alibabacloud.com", "aliyuncs.com", "oraclecloud.com",
	/* code and package hosting */
	"github.com", "githubusercontent.com", "github.io", "gitlab.com",
	"bitbucket.org", "sourceforge.net", "npmjs.com", "npmjs.org",
	"pypi.org", "pythonhosted.org", "rubygems.org", "nuget.org",
	"docker.com", "docker.io", "crates.io", "golang.org", "pkg.go.dev",
	"huggingface.co", "stackoverflow.com",
	/* file sharing and paste sites */
	"dropbox.com", "dropboxusercontent.com", "drive.google.com",
	"docs.google.com", "box.com", "mega.nz", "mega.io", "mediafire.com",
	"wetransfer.com", "we.tl", "pastebin.com", "paste.ee", "ghostbin.com",
	"discord.com", "discordapp.com", "discordapp.net", "cdn.discordapp.com",
	"telegram.org", "t.me", "transfer.sh", "anonfiles.com",
	"filetransfer.io", "gofile.io", "4shared.com", "notion.so",
	"trello.com", "ngrok.io", "ngrok-free.app",
	/* more paste, file-drop and snippet sites */
	"catbox.moe", "file.io", "temp.sh", "0x0.st", "bashupload.com",
	"ufile.io", "hastebin.com", "paste.rs", "controlc.com",
	"justpaste.it", "privatebin.net", "rentry.co", "rentry.org",
	"glot.io", "telegra.ph", "graph.org", "teletype.in", "telegram.me",
	"webhook.site", "requestbin.net", "pipedream.net", "filen.io",
	"dpaste.org", "codepen.io", "jsfiddle.net", "replit.com",
	/* tunnels and hosting for apps */
	"trycloudflare.com", "loca.lt", "serveo.net", "localhost.run",
	"pinggy.io", "onrender.com", "fly.dev", "glitch.me", "railway.app",
	"supabase.co", "cloudinary.com", "myqcloud.com", "linode.com",
	"vultr.com", "ovh.net", "appdomain.cloud", "duckdns.org",
	"no-ip.com", "dyndns.org", "app.google",
	/* "what is my IP" services */
	"ipify.org", "ipinfo.io", "ip-api.com", "icanhazip.com",
	"ifconfig.me", "myexternalip.com", "wtfismyip.com", "ipwho.is",
	"myip.com", "checkip.amazonaws.com",
	/* public blockchain RPC providers */
	"infura.io", "alchemy.com", "ankr.com", "publicnode.com",
	"llamarpc.com", "drpc.org", "blastapi.io", "merkle.io",
	"cloudflare-eth.com", "quiknode.pro",
	/* URL shorteners */
	"bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "ow.ly", "is.gd",
	"buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "tiny.cc",
	"lnkd.in", "s.id", "t.ly", "v.gd", "clck.ru", "u.to", "qrco.de",
	"goo.su", "tr.im",
	/* security vendors and references */
	"virustotal.com", "abuse.ch", "urlhaus.abuse.ch", "shodan.io",
	"censys.io", "mitre.org", "attack.mitre.org", "nvd.nist.gov",
	"cve.org", "first.org", "cisa.gov", "us-cert.gov", "jpcert.or.jp",
	"ipa.go.jp", "nisc.go.jp", "any.run", "hybrid-analysis.com",
	"example.com", "example.net", "example.org",
};

static char **names;		/* sorted, lower-case */
static size_t nnames, capnames;
struct anet {
	int		 fam;
	unsigned char	 a[16];
	int		 plen;
};
static struct anet *nets;
static size_t nnets, capnets;
static int sorted;

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add one entry; returns -1 when it is neither a host nor an address. */
static int
addentry(const char *e)
{
	struct anet an;
	uint32_t a4;
	char *s;
	size_t i;

	memset(&an, 0, sizeof(an));
	if (parse4(e, &a4, &an.plen) == 0) {
		an.fam = 4;
		an.a[0] = a4 >> 24;
		an.a[1] = a4 >> 16 & 0xFF;
		an.a[2] = a4 >> 8 & 0xFF;
		an.a[3] = a4 & 0xFF;
	} else if (strchr(e, ':') != NULL && parse6(e, an.a, &an.plen) == 0)
		an.fam = 6;
	if (an.fam != 0) {
		if (nnets == capnets) {
			capnets = capnets ? capnets * 2 : 64;
			nets = xreallocarray(nets, capnets, sizeof(*nets));
		}
		nets[nnets++] = an;
		return 0;
	}
	for (i = 0; e[i]; i++)
		if (!ASCII_ISALNUM((unsigned char)e[i]) && e[i] != '.' &&
		    e[i] != '-' && e[i] != '_')
			return -1;
	if (i == 0 || e[0] == '.')
		return -1;
	s = xstrdup(e);
	for (i = 0; s[i]; i++)
		s[i] = (char)ascii_lower((unsigned char)s[i]);
	if (i > 0 && s[i - 1] == '.')
		s[i - 1] = '\0';
	if (nnames == capnames) {
		capnames = capnames ? capnames * 2 : 256;
		names = xreallocarray(names, capnames, sizeof(*names));
	}
	names[nnames++] = s;
	sorted = 0;
	return 0;
}

static int builtin_done;

static void
load_builtin(void)
{
	size_t k;

	if (builtin_done)
		return;
	builtin_done = 1;
	for (k = 0; k < NELEM(builtin); k++)
		addentry(builtin[k]);
}

int
ioc_allowlist_load(const char *path, char *err, size_t errlen)
{
	FILE *fp;
	char *line = NULL, *p, *e;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	load_builtin();
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		p = line;
		while (ASCII_ISSPACE((unsigned char)*p))
			p++;
		e = p + strlen(p);
		while (e > p && ASCII_ISSPACE((unsigned char)e[-1]))
			*--e = '\0';
		if (*p == '\0')
			continue;
		if (strpbrk(p, " \t") != NULL || addentry(p) == -1) {
			snprintf(err, errlen, "%s:%zu: not a host name or "
			    "address: %s", path, lineno, p);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(fp)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(fp);
	return rc;
}

static int
name_known(const char *host)
{
	const char *reg, *p;
	char *key;

	if (!sorted) {
		qsort(names, nnames, sizeof(*names), cmpstr);
		sorted = 1;
	}
	reg = ioc_psl_registrable(host);
	p = host;
	for (;;) {
		key = (char *)p;
		if (bsearch(&key, names, nnames, sizeof(*names), cmpstr))
			return 1;
		if (reg != NULL && p >= reg)
			break;
		if ((p = strchr(p, '.')) == NULL)
			break;
		p++;
	}
	return 0;
}

static int
addr_known(int fam, const unsigned char *a)
{
	size_t k;
	int bits, i;

	for (k = 0; k < nnets; k++) {
		if (nets[k].fam != fam)
			continue;
		bits = nets[k].plen;
		for (i = 0; bits >= 8; i++, bits -= 8)
			if (nets[k].a[i] != a[i])
				break;
		if (bits >= 8)
			continue;
		if (bits == 0 || ((nets[k].a[i] ^ a[i]) &
		    (0xFF << (8 - bits) & 0xFF)) == 0)
			return 1;
	}
	return 0;
}

int
ioc_known(enum ioc_type t, const char *v)
{
	unsigned char a[16];
	char host[256];
	const char *h, *e;
	uint32_t a4;
	int plen;
	size_t n;

	load_builtin();
	switch (t) {
	case IOC_IPV4:
		if (parse4(v, &a4, &plen) == -1)
			return 0;
		a[0] = a4 >> 24;
		a[1] = a4 >> 16 & 0xFF;
		a[2] = a4 >> 8 & 0xFF;
		a[3] = a4 & 0xFF;
		return addr_known(4, a);
	case IOC_IPV6:
		if (parse6(v, a, &plen) == -1)
			return 0;
		return addr_known(6, a);
	case IOC_DOMAIN:
		return name_known(v);
	case IOC_URL:
		/* only the bare host: a path on a known host is specific */
		if ((h = url_authority(v)) == NULL)
			return 0;
		e = h + url_authority_len(h);
		if (*e != '\0' && strcmp(e, "/") != 0)
			return 0;
		n = (size_t)(e - h);
		if (memchr(h, '@', n) != NULL || n >= sizeof(host))
			return 0;
		memcpy(host, h, n);
		host[n] = '\0';
		if (host[0] == '[') {
			if (n < 2)
				return 0;
			host[n - 1] = '\0';
			return ioc_known(IOC_IPV6, host + 1);
		}
		if (strchr(host, ':') != NULL)
			*strchr(host, ':') = '\0';
		if (parse4(host, &a4, &plen) == 0)
			return ioc_known(IOC_IPV4, host);
		return name_known(host);
	default:
		return 0;
	}
}

void
ioc_cleanup(void)
{
	size_t k;

	for (k = 0; k < nnames; k++)
		free(names[k]);
	free(names);
	free(nets);
	names = NULL;
	nets = NULL;
	nnames = capnames = nnets = capnets = 0;
	builtin_done = 0;
	memset(pslcache, 0, sizeof(pslcache));
	if (psl != NULL && psl != psl_builtin())
		psl_free(psl);
	psl = NULL;
	psl_tried = 0;
}
