/*
 * Validating meta-data against the schemas ocf-check carries: our own
 * ra-api-1.dtd and OCF 1.1 RELAX NG grammar, embedded at build time and
 * loaded once.  Each validation works on a copy of the document without
 * its DOCTYPE (an internal subset never changes the outcome), without
 * entity references and without the known extension attributes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>

#include "meta.h"
#include "meta-int.h"

/* Problems collected during one validation; the same words on several
 * lines are said once. */
struct schema_err {
	char	*what;		/* "element <x>: what was expected" */
	int	 line, last, times;
	int	 echo;		/* only said after another problem */
};
struct schema_errs {
	const struct oc_meta	*m;
	struct schema_err	*v;
	size_t			 n;
	int			 last_line;
};

/* Non-standard attributes that managers are known to use. */
static const struct {
	const char	*elem, *attr, *who;
} schema_ext[] = {
	{ "parameter", "private", "Pacemaker: hide the value in output" },
};

static xmlDtdPtr	schema_dtd;
static xmlRelaxNGPtr	schema_rng;
static int		schema_failed;

static void
schema_quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* Load both embedded schemas once; 0, or -1 if either is broken. */
static int
schema_load(void)
{
	xmlExternalEntityLoader old = xmlGetExternalEntityLoader();
	xmlParserInputBufferPtr in;
	xmlRelaxNGParserCtxtPtr pc;

	if (schema_dtd != NULL || schema_failed)
		return schema_failed ? -1 : 0;
	xmlSetExternalEntityLoader(meta_no_loader);
	xmlSetStructuredErrorFunc(NULL, schema_quiet);
	in = xmlParserInputBufferCreateMem((const char *)oc_schema_ra_api_1_dtd,
	    (int)oc_schema_ra_api_1_dtd_len, XML_CHAR_ENCODING_NONE);
	if (in != NULL)
		schema_dtd = xmlIOParseDTD(NULL, in, XML_CHAR_ENCODING_NONE);
	pc = xmlRelaxNGNewMemParserCtxt((const char *)oc_schema_ocf_1_1_rng,
	    (int)oc_schema_ocf_1_1_rng_len);
	if (pc != NULL) {
		schema_rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetExternalEntityLoader(old);
	schema_failed = schema_dtd == NULL || schema_rng == NULL;
	return schema_failed ? -1 : 0;
}

void
meta_schema_cleanup(void)
{
	xmlFreeDtd(schema_dtd);
	xmlRelaxNGFree(schema_rng);
	schema_dtd = NULL;
	schema_rng = NULL;
	schema_failed = 0;
}

/* Remove entity references below n: they stay unexpanded. */
static void
schema_drop_entity_refs(xmlNodePtr n)
{
	xmlNodePtr next;

	for (; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_ENTITY_REF_NODE) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_ELEMENT_NODE)
			schema_drop_entity_refs(n->children);
	}
}

/* Take the OCF 1.1 constructs out of one element, if it is one. */
static int
schema_strip_11(xmlNodePtr n)
{
	xmlNodePtr c, next;
	xmlChar *v;
	int drop = 0;

	if (meta_is(n, "parameter")) {
		xmlUnsetProp(n, (const xmlChar *)"unique-group");
		xmlUnsetProp(n, (const xmlChar *)"reloadable");
	} else if (meta_is(n, "deprecated") && meta_is(n->parent, "parameter"))
		drop = 1;
	else if (meta_is(n, "action")) {
		v = xmlGetNoNsProp(n, (const xmlChar *)"name");
		drop = v != NULL && strcmp((const char *)v, "reload-agent") == 0;
		xmlFree(v);
	} else if (meta_is(n, "content")) {
		v = xmlGetNoNsProp(n, (const xmlChar *)"type");
		if (v != NULL && strcmp((const char *)v, "select") == 0) {
			xmlSetProp(n, (const xmlChar *)"type",
			    (const xmlChar *)"string");
			for (c = n->children; c != NULL; c = next) {
				next = c->next;
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		}
		xmlFree(v);
	}
	return drop;
}

/* Walk the elements below n: strip extensions, and 1.1 constructs too
 * when strip11 is set. */
static void
schema_strip(xmlNodePtr n, int strip11)
{
	xmlNodePtr next;
	size_t i;

	for (; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < OC_ARRAY_SIZE(schema_ext); i++)
			if (meta_is(n, schema_ext[i].elem))
				xmlUnsetProp(n, (const xmlChar *)schema_ext[i].attr);
		if (strip11 && schema_strip_11(n)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			continue;
		}
		schema_strip(n->children, strip11);
	}
}

/* The document as the validators see it. */
static xmlDocPtr
schema_copy(const struct oc_meta *m, int strip11)
{
	xmlDocPtr doc = xmlCopyDoc(m->doc, 1);
	xmlDtdPtr dtd;

	if (doc == NULL)
		oc_die("out of memory copying meta-data");
	if ((dtd = xmlGetIntSubset(doc)) != NULL) {
		xmlUnlinkNode((xmlNodePtr)dtd);
		xmlFreeDtd(dtd);
	}
	doc->intSubset = doc->extSubset = NULL;
	schema_drop_entity_refs(doc->children);
	schema_strip(doc->children, strip11);
	return doc;
}

/* The values a DTD enumeration allows: "(1|0)". */
static void
schema_enum(const xmlChar *elem, const xmlChar *attr, struct oc_buf *b)
{
	xmlAttributePtr a = xmlGetDtdAttrDesc(schema_dtd, elem, attr);
	xmlEnumerationPtr e;

	if (a == NULL || a->tree == NULL)
		return;
	oc_buf_adds(b, "; allowed: ");
	for (e = a->tree; e != NULL; e = e->next)
		oc_buf_addf(b, "%s%s", (const char *)e->name, e->next ? ", " : "");
}

/* A content model as libxml2 prints it, without the spaces before ','
 * and ')': "(version, longdesc, shortdesc)". */
static void
schema_add_model(struct oc_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(s[i] == ' ' && i + 1 < n && (s[i + 1] == ',' ||
		    s[i + 1] == ')')))
			oc_buf_addch(b, s[i]);
}

/* The DTD's complaints, in plainer words where we know the message. */
static int
schema_words_dtd(const xmlError *e, struct oc_buf *b)
{
	const char *msg = e->message ? e->message : "";
	const char *exp, *got;

	if (e->code == XML_DTD_CONTENT_MODEL &&
	    (exp = strstr(msg, "expecting ")) != NULL &&
	    (got = strstr(exp, ", got ")) != NULL) {
		oc_buf_adds(b, "its children are ");
		schema_add_model(b, got + 6, strcspn(got + 6, "\n"));
		oc_buf_adds(b, " but must be ");
		schema_add_model(b, exp + 10, (size_t)(got - exp - 10));
	} else if (e->code == XML_DTD_ATTRIBUTE_VALUE && e->str1 && e->str2 &&
	    e->node != NULL) {
		oc_buf_addf(b, "%s=\"%s\" is not allowed", e->str2, e->str1);
		schema_enum(((xmlNodePtr)e->node)->name,
		    (const xmlChar *)e->str2, b);
	} else if (e->code == XML_DTD_UNKNOWN_ATTRIBUTE && e->str1)
		oc_buf_addf(b, "attribute %s is not part of ra-api-1.dtd",
		    e->str1);
	else if (e->code == XML_DTD_UNKNOWN_ELEM)
		oc_buf_adds(b, "this element is not part of ra-api-1.dtd");
	else if (e->code == XML_DTD_NOT_EMPTY)
		oc_buf_adds(b, "must be empty, but has content");
	else if (e->code == XML_DTD_MISSING_ATTRIBUTE && e->str2)
		oc_buf_addf(b, "the required attribute %s is missing", e->str2);
	else
		return 0;
	return 1;
}

/* The grammar's complaints (str1 and str2 are its two arguments). */
static int
schema_words_rng(const xmlError *e, struct oc_buf *b)
{
	const char *s1 = e->str1 ? e->str1 : "", *s2 = e->str2 ? e->str2 : "";

	switch (e->code) {
	case XML_RELAXNG_ERR_ELEMNAME:
		oc_buf_addf(b, "expected <%s> here, found <%s>", s1, s2);
		break;
	case XML_RELAXNG_ERR_NOELEM:
		if (*s1 != '\0')
			oc_buf_addf(b, "a child <%s> is missing", s1);
		else
			oc_buf_adds(b, "a child element is missing");
		break;
	case XML_RELAXNG_ERR_EXTRACONTENT:
		oc_buf_addf(b, "the child <%s> is not allowed here", s2);
		break;
	case XML_RELAXNG_ERR_INVALIDATTR:
		oc_buf_addf(b, "attribute %s is unknown here, or its value "
		    "is not allowed", s1);
		break;
	case XML_RELAXNG_ERR_ELEMWRONG:
		oc_buf_adds(b, "not allowed here (misplaced, out of order "
		    "or unknown)");
		break;
	case XML_RELAXNG_ERR_INTEREXTRA:
		oc_buf_addf(b, "<%s> does not fit here (check its attributes)",
		    s1);
		break;
	case XML_RELAXNG_ERR_ELEMNOTEMPTY:
		oc_buf_adds(b, "must be empty, but has content");
		break;
	default:
		return 0;
	}
	return 1;
}

static void
schema_words(const xmlError *e, struct oc_buf *b)
{
	const char *msg = e->message ? e->message : "invalid";

	if (e->domain == XML_FROM_RELAXNGV ? !schema_words_rng(e, b) :
	    !schema_words_dtd(e, b))
		oc_buf_add(b, msg, strcspn(msg, "\n"));
}

/* RELAX NG repeats "failed to validate" up the tree after the real
 * problem; those lines say nothing new unless they are all there is. */
static int
schema_is_echo(const xmlError *e)
{
	return e->domain == XML_FROM_RELAXNGV &&
	    (e->code == XML_RELAXNG_ERR_CONTENTVALID ||
	    e->code == XML_RELAXNG_ERR_ATTRVALID);
}

static void
schema_note(struct schema_errs *se, int line, char *what, int echo)
{
	struct schema_err *e;
	size_t i;

	for (i = 0; i < se->n; i++) {
		e = &se->v[i];
		if (strcmp(e->what, what) != 0)
			continue;
		if (line != e->last)
			e->times++;
		e->last = line;
		free(what);
		return;
	}
	se->v = xrealloc(se->v, (se->n + 1) * sizeof(*se->v));
	se->v[se->n++] = (struct schema_err){ what, line, line, 1, echo };
}

static void
schema_error(void *arg, xmlErrorPtr e)
{
	struct schema_errs *se = arg;
	const xmlNode *node = e->node;
	struct oc_buf what = OC_BUF_INIT;

	if (e->level < XML_ERR_ERROR)
		return;
	if (node != NULL)
		se->last_line = meta_line(se->m, node);
	else if (e->line > 0)
		se->last_line = e->line + se->m->line_base;
	if (node != NULL && node->type == XML_ELEMENT_NODE)
		oc_buf_addf(&what, "element <%s>: ", (const char *)node->name);
	schema_words(e, &what);
	schema_note(se, se->last_line, oc_buf_detach(&what, NULL),
	    schema_is_echo(e));
}

/* Write the problems to out, one a line (echoes only if there is
 * nothing else); returns how many were written. */
static int
schema_flush(struct schema_errs *se, struct oc_buf *out)
{
	struct schema_err *e;
	size_t i;
	int plain = 0, n = 0;

	for (i = 0; i < se->n; i++)
		plain |= !se->v[i].echo;
	for (i = 0; i < se->n; i++) {
		e = &se->v[i];
		if (!plain || !e->echo) {
			oc_buf_addf(out, "%sline %d: %s", out->len ? "\n" : "",
			    e->line, e->what);
			if (e->times == 2)
				oc_buf_addf(out, " (again on line %d)", e->last);
			else if (e->times > 2)
				oc_buf_addf(out, " (and %d more times, the "
				    "last on line %d)", e->times - 1, e->last);
			n++;
		}
		free(e->what);
	}
	free(se->v);
	return n;
}

/* Validate a copy against the DTD (rng == 0) or the grammar. */
static int
schema_validate(const struct oc_meta *m, int rng, int strip11,
    struct oc_buf *out)
{
	struct schema_errs se = { m, NULL, 0, m->line_base + 1 };
	xmlDocPtr doc;
	xmlValidCtxtPtr vc;
	xmlRelaxNGValidCtxtPtr rc;
	int ok;

	if (schema_load() < 0)
		return -1;
	doc = schema_copy(m, strip11);
	xmlSetStructuredErrorFunc(&se, schema_error);
	if (rng) {
		rc = xmlRelaxNGNewValidCtxt(schema_rng);
		xmlRelaxNGSetValidStructuredErrors(rc, schema_error, &se);
		ok = xmlRelaxNGValidateDoc(rc, doc) == 0;
		xmlRelaxNGFreeValidCtxt(rc);
	} else {
		vc = xmlNewValidCtxt();
		ok = xmlValidateDtd(vc, doc, schema_dtd) == 1;
		xmlFreeValidCtxt(vc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeDoc(doc);
	if (!ok && se.n == 0)
		schema_note(&se, m->line_base + 1,
		    xstrdup("the document is not valid"), 0);
	return schema_flush(&se, out);
}

int
oc_meta_validate_dtd(const struct oc_meta *m, struct oc_buf *out)
{
	return schema_validate(m, 0, 0, out);
}

int
oc_meta_validate_rng11(const struct oc_meta *m, struct oc_buf *out)
{
	return schema_validate(m, 1, 0, out);
}

int
oc_meta_dtd_valid_but_11(const struct oc_meta *m)
{
	struct oc_buf scratch = OC_BUF_INIT;
	int n = schema_validate(m, 0, 1, &scratch);

	oc_buf_release(&scratch);
	return n < 0 ? -1 : n == 0;
}

/* One line per known extension attribute below n. */
static int
schema_find_ext(const struct oc_meta *m, xmlNodePtr n, struct oc_buf *out)
{
	int count = 0;
	size_t i;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < OC_ARRAY_SIZE(schema_ext); i++)
			if (meta_is(n, schema_ext[i].elem) &&
			    xmlHasProp(n, (const xmlChar *)schema_ext[i].attr)) {
				oc_buf_addf(out, "%sline %d: element <%s>: "
				    "attribute %s (%s) is not part of OCF",
				    out->len ? "\n" : "", meta_line(m, n),
				    schema_ext[i].elem, schema_ext[i].attr,
				    schema_ext[i].who);
				count++;
			}
		count += schema_find_ext(m, n->children, out);
	}
	return count;
}

int
oc_meta_extensions(const struct oc_meta *m, struct oc_buf *out)
{
	return schema_find_ext(m, ((xmlDocPtr)m->doc)->children, out);
}
