/*
 * Reading meta-data safely: find the one document in an agent's stdout,
 * scan its bytes, and parse it with libxml2 under a policy that never
 * touches the network or the file system and never expands entities.
 * The model itself is built in meta-model.c; schemas are in meta-schema.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "meta.h"
#include "meta-int.h"

/* What one tracked parse found. */
struct meta_pstate {
	xmlSAXHandler	 sax;		/* libxml2's, with two wrappers */
	int		 depth;		/* element nesting */
	long		 root_end;	/* offset after the root's end, or -1 */
	struct oc_buf	 err;		/* the first error, or empty */
	int		 err_line;
	int		 err_code;
	startElementNsSAX2Func	 start;	/* libxml2's own handlers */
	endElementNsSAX2Func	 end;
};

static void	meta_sax_start(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *, int, const xmlChar **, int, int,
		    const xmlChar **);
static void	meta_sax_end(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *);

xmlParserInputPtr
meta_no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* libxml2's message on one line: "Input is not proper UTF-8, indicate
 * encoding !\nBytes: 0xE9" -> "...indicate encoding; bytes: 0xE9". */
static void
meta_add_message(struct oc_buf *b, const char *msg)
{
	size_t n;

	while (*msg != '\0') {
		n = strcspn(msg, "\n");
		while (n > 0 && (msg[n - 1] == ' ' || msg[n - 1] == '!'))
			n--;
		oc_buf_add(b, msg, n);
		msg += strcspn(msg, "\n");
		while (*msg == '\n')
			msg++;
		if (*msg != '\0')
			oc_buf_adds(b, "; ");
	}
}

/* Keep the first error libxml2 reports; the rest are consequences. */
static void
meta_parse_error(void *arg, xmlErrorPtr e)
{
	struct meta_pstate *ps = arg;

	if (e->level < XML_ERR_ERROR || ps->err.len != 0)
		return;
	ps->err_line = e->line;
	ps->err_code = e->code;
	if (e->code == XML_ERR_ENTITY_LOOP)
		oc_buf_adds(&ps->err, "entity expansion refused: the document "
		    "defines entities that expand without bound");
	else
		meta_add_message(&ps->err, e->message ? e->message :
		    "parse error");
	oc_buf_rtrim(&ps->err);
}

static void
meta_sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr, int ndef,
    const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct meta_pstate *ps = ctxt->_private;

	ps->depth++;
	ps->start(ctx, local, prefix, uri, nns, ns, nattr, ndef, attrs);
}

static void
meta_sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct meta_pstate *ps = ctxt->_private;

	ps->end(ctx, local, prefix, uri);
	if (--ps->depth == 0 && ps->root_end < 0)
		ps->root_end = xmlByteConsumed(ctxt);
}

/*
 * Parse data under our policy, noting where the root element ends.
 * Returns the document, or NULL with ps->err set.
 */
static xmlDocPtr
meta_read(const char *data, size_t len, struct meta_pstate *ps)
{
	const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
	xmlExternalEntityLoader old = xmlGetExternalEntityLoader();
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	ps->depth = 0;
	ps->root_end = -1;
	ps->err_line = 0;
	ps->err_code = 0;
	oc_buf_init(&ps->err);
	if (len > (size_t)OC_META_MAX_BYTES) {
		oc_buf_addf(&ps->err, "the document is %zu bytes, more than "
		    "the %u ocf-check reads", len, OC_META_MAX_BYTES);
		return NULL;
	}
	xmlSAXVersion(&ps->sax, 2);
	ps->start = ps->sax.startElementNs;
	ps->end = ps->sax.endElementNs;
	ps->sax.startElementNs = meta_sax_start;
	ps->sax.endElementNs = meta_sax_end;
	ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	if (ctxt == NULL) {
		oc_buf_adds(&ps->err, "libxml2 could not set up a parser");
		return NULL;
	}
	xmlFree(ctxt->sax);
	ctxt->sax = &ps->sax;
	ctxt->_private = ps;
	xmlCtxtUseOptions(ctxt, opts);
	xmlSetExternalEntityLoader(meta_no_loader);
	xmlSetStructuredErrorFunc(ps, meta_parse_error);
	xmlParseDocument(ctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetExternalEntityLoader(old);
	doc = ctxt->myDoc;
	if (!ctxt->wellFormed) {
		if (ps->err.len == 0)
			oc_buf_adds(&ps->err, "not well-formed");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	ctxt->sax = NULL;	/* ours; keep libxml2 from freeing it */
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static int
meta_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skip white space, comments and processing instructions from i. */
static size_t
meta_skip_misc(const char *d, size_t i, size_t len)
{
	const char *close;

	for (;;) {
		while (i < len && meta_blank((unsigned char)d[i]))
			i++;
		if (i + 4 <= len && memcmp(d + i, "<!--", 4) == 0)
			close = memmem(d + i + 4, len - i - 4, "-->", 3);
		else if (i + 2 <= len && memcmp(d + i, "<?", 2) == 0 &&
		    !(i + 6 <= len && memcmp(d + i, "<?xml", 5) == 0 &&
		    meta_blank((unsigned char)d[i + 5])))
			close = memmem(d + i + 2, len - i - 2, "?>", 2);
		else
			return i;
		if (close == NULL)
			return i;
		i = (size_t)(close - d) + (close[0] == '-' ? 3 : 2);
	}
}

/* Can c follow '<' at the start of a document ("<?", "<!", a name)? */
static int
meta_start_char(unsigned char c)
{
	return c == '?' || c == '!' || c == '_' || c == ':' || c >= 0x80 ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The first '<' that can begin a document, or len. */
static size_t
meta_find_start(const char *d, size_t len)
{
	const char *p = d;

	while ((p = memchr(p, '<', (size_t)(d + len - p))) != NULL) {
		if (p + 1 < d + len && meta_start_char((unsigned char)p[1]))
			return (size_t)(p - d);
		p++;
	}
	return len;
}

void
oc_meta_locate(const char *data, size_t len, struct oc_meta_extent *x)
{
	struct meta_pstate ps;
	size_t bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t i;
	xmlDocPtr doc;

	memset(x, 0, sizeof(*x));
	x->start = bom + meta_find_start(data + bom, len - bom);
	x->end = x->trail = len;
	if (x->start == len)
		return;
	x->found = 1;
	for (i = bom; i < x->start && meta_blank((unsigned char)data[i]); i++)
		;
	if (i < x->start)
		x->lead_stray = 1;
	else if (x->start > bom && len - x->start >= 6 &&
	    memcmp(data + x->start, "<?xml", 5) == 0)
		x->lead_stray = x->lead_blank = 1;
	doc = meta_read(data + x->start, len - x->start, &ps);
	xmlFreeDoc(doc);
	oc_buf_release(&ps.err);
	if (ps.root_end < 0)
		return;
	x->root_closed = 1;
	x->end = x->start + (size_t)ps.root_end;
	x->trail = meta_skip_misc(data, x->end, len);
	if (x->trail == len)
		x->end = len;
}

/* Is the document declared in an encoding other than UTF-8? */
static int
meta_other_encoding(const char *d, size_t len)
{
	const char *end, *enc;
	char name[16];
	size_t n;

	if (len < 6 || memcmp(d, "<?xml", 5) != 0 ||
	    (end = memmem(d, len, "?>", 2)) == NULL ||
	    (enc = memmem(d, (size_t)(end - d), "encoding", 8)) == NULL)
		return 0;
	for (enc += 8; enc < end && strchr(" \t\r\n=\"'", *enc); enc++)
		;
	for (n = 0; enc + n < end && n < sizeof(name) - 1 &&
	    !strchr(" \t\r\n\"'", enc[n]); n++)
		name[n] = (char)(enc[n] | 0x20);
	name[n] = '\0';
	return strcmp(name, "utf-8") != 0 && strcmp(name, "utf8") != 0 &&
	    strcmp(name, "us-ascii") != 0 && n > 0;
}

int
oc_meta_scan_bytes(const char *data, size_t len, struct oc_buf *out)
{
	const unsigned char *s = (const unsigned char *)data;
	int nul = 0, bad = 0, check_utf8 = !meta_other_encoding(data, len);
	size_t i = 0;
	int l, max = 3;

	while (i < len) {
		if (s[i] == 0) {
			if (nul++ < max)
				oc_buf_addf(out, "byte %zu: a NUL byte "
				    "(Pacemaker keeps output as a C string "
				    "and cuts it there)\n", i);
			i++;
			continue;
		}
		l = (int)(len - i > 4 ? 4 : len - i);
		if (!check_utf8 || s[i] < 0x80 ||
		    (xmlGetUTF8Char(s + i, &l) >= 0 && l > 0)) {
			i += s[i] < 0x80 || !check_utf8 ? 1 : (size_t)l;
			continue;
		}
		if (bad++ < max)
			oc_buf_addf(out, "byte %zu: 0x%02x is not valid UTF-8 "
			    "and no other encoding is declared\n", i, s[i]);
		i++;
	}
	if (nul > max)
		oc_buf_addf(out, "%d more NUL bytes\n", nul - max);
	if (bad > max)
		oc_buf_addf(out, "%d more bytes of invalid UTF-8\n", bad - max);
	oc_buf_rtrim(out);
	return nul + bad;
}

/* Lines before offset n of data (the document's first line is n + 1). */
static int
meta_lines_before(const char *d, size_t n)
{
	int lines = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (d[i] == '\n')
			lines++;
	return lines;
}

struct oc_meta *
oc_meta_parse(const char *data, size_t len, struct oc_buf *err)
{
	struct oc_meta_extent x;
	struct meta_pstate ps;
	struct oc_meta *m;
	xmlDocPtr doc;
	int base;

	if (len == 0) {
		oc_buf_adds(err, "the output is empty");
		return NULL;
	}
	oc_meta_locate(data, len, &x);
	if (!x.found) {
		oc_buf_adds(err, "the output holds no XML document");
		return NULL;
	}
	base = meta_lines_before(data, x.start);
	doc = meta_read(data + x.start, (x.root_closed ? x.trail : len) -
	    x.start, &ps);
	if (doc == NULL) {
		oc_buf_addf(err, "line %d: %s", ps.err_line + base, ps.err.buf);
		oc_buf_release(&ps.err);
		return NULL;
	}
	oc_buf_release(&ps.err);
	m = meta_model_build(doc, base, err);
	if (m == NULL)
		xmlFreeDoc(doc);
	return m;
}

void
oc_meta_cleanup(void)
{
	meta_schema_cleanup();
	xmlCleanupParser();
}
