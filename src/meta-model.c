/*
 * The meta-data model: walk a parsed resource-agent document once and
 * copy what the checks need into plain C structures (meta.h), keeping
 * attribute values as written beside their parsed forms for the lint.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "duration.h"
#include "meta.h"
#include "meta-int.h"

static void	model_desc(struct oc_meta *, xmlNodePtr, long param, int depr);

int
meta_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

int
meta_line(const struct oc_meta *m, const xmlNode *n)
{
	return (int)xmlGetLineNo(n) + m->line_base;
}

/* An attribute's value as a string we own, or NULL. */
static char *
model_prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* The text content of n, as a string we own. */
static char *
model_text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");

	xmlFree(v);
	return s;
}

/* Pacemaker's reading of a true flag: 1, true, yes, on, y. */
static int
model_true(const char *s)
{
	return s != NULL && (strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0 ||
	    strcasecmp(s, "yes") == 0 || strcasecmp(s, "on") == 0 ||
	    strcasecmp(s, "y") == 0);
}

/* Append s to a NULL-terminated vector. */
static char **
model_push(char **v, size_t *n, char *s)
{
	v = xrealloc(v, (*n + 2) * sizeof(*v));
	v[(*n)++] = s;
	v[*n] = NULL;
	return v;
}

static void
model_trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)s[i]))
		i++;
	memmove(s, s + i, n - i + 1);
}

/* "1.1" -> 1, 1; anything else -> -1, -1. */
static void
model_version(struct oc_meta *m)
{
	const char *s = m->version;
	char *end;
	long major, minor;

	m->ocf_major = m->ocf_minor = -1;
	if (s == NULL || !isdigit((unsigned char)s[0]))
		return;
	major = strtol(s, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return;
	minor = strtol(end + 1, &end, 10);
	if (*end != '\0' || major > 1000 || minor > 1000)
		return;
	m->ocf_major = (int)major;
	m->ocf_minor = (int)minor;
}

static void
model_content(struct oc_meta_param *p, xmlNodePtr n, int line)
{
	xmlNodePtr c;
	size_t nopt = 0;

	if (p->ncontent++ > 0)
		return;
	p->type = model_prop(n, "type");
	p->def = model_prop(n, "default");
	p->content_line = line;
	for (c = n->children; c != NULL; c = c->next) {
		char *v;

		if (!meta_is(c, "option"))
			continue;
		p->noptions++;
		if ((v = model_prop(c, "value")) != NULL)
			p->options = model_push(p->options, &nopt, v);
	}
}

static void
model_deprecated(struct oc_meta *m, struct oc_meta_param *p, xmlNodePtr n,
    long idx)
{
	xmlNodePtr c;
	size_t nrep = 0;
	char *v;

	p->deprecated = 1;
	for (c = n->children; c != NULL; c = c->next)
		if (meta_is(c, "replaced-with") &&
		    (v = model_prop(c, "name")) != NULL)
			p->replaced_with = model_push(p->replaced_with, &nrep, v);
		else if (meta_is(c, "desc"))
			model_desc(m, c, idx, 1);
}

static void
model_param(struct oc_meta *m, xmlNodePtr n)
{
	struct oc_meta_param *p;
	long idx = (long)m->nparams;
	xmlNodePtr c;

	m->params = xrealloc(m->params, (m->nparams + 1) * sizeof(*m->params));
	p = &m->params[m->nparams++];
	memset(p, 0, sizeof(*p));
	p->name = model_prop(n, "name");
	p->line = meta_line(m, n);
	p->unique_group = model_prop(n, "unique-group");
	p->required_s = model_prop(n, "required");
	p->unique_s = model_prop(n, "unique");
	p->reloadable_s = model_prop(n, "reloadable");
	p->required = model_true(p->required_s);
	p->unique = model_true(p->unique_s);
	p->reloadable = model_true(p->reloadable_s);
	for (c = n->children; c != NULL; c = c->next) {
		if (meta_is(c, "longdesc") || meta_is(c, "shortdesc"))
			model_desc(m, c, idx, 0);
		else if (meta_is(c, "deprecated"))
			model_deprecated(m, &m->params[idx], c, idx);
		else if (meta_is(c, "content"))
			model_content(&m->params[idx], c, meta_line(m, c));
	}
}

/* A duration attribute: -1 if absent (absent_ms) or not a duration. */
static long long
model_duration(const char *s, long long absent_ms)
{
	long long ms;

	if (s == NULL)
		return absent_ms;
	return oc_duration_parse(s, &ms) == 0 ? ms : -1;
}

static int
model_depth(const char *s)
{
	char *end;
	long v;

	if (s == NULL)
		return 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || v > 1000000)
		return -1;
	return (int)v;
}

static void
model_action(struct oc_meta *m, xmlNodePtr n)
{
	struct oc_meta_action *a;

	m->actions = xrealloc(m->actions, (m->nactions + 1) *
	    sizeof(*m->actions));
	a = &m->actions[m->nactions++];
	memset(a, 0, sizeof(*a));
	a->name = model_prop(n, "name");
	a->timeout = model_prop(n, "timeout");
	a->interval = model_prop(n, "interval");
	a->depth = model_prop(n, "depth");
	a->role = model_prop(n, "role");
	a->start_delay = model_prop(n, "start-delay");
	a->timeout_ms = model_duration(a->timeout, -1);
	a->interval_ms = model_duration(a->interval, 0);
	a->depth_n = model_depth(a->depth);
	a->line = meta_line(m, n);
}

static void
model_desc(struct oc_meta *m, xmlNodePtr n, long param, int depr)
{
	struct oc_meta_desc *d;
	xmlNodePtr c;

	m->descs = xrealloc(m->descs, (m->ndescs + 1) * sizeof(*m->descs));
	d = &m->descs[m->ndescs++];
	memset(d, 0, sizeof(*d));
	d->elem = meta_is(n, "longdesc") ? "longdesc" :
	    meta_is(n, "shortdesc") ? "shortdesc" : "desc";
	d->lang = model_prop(n, "lang");
	d->text = model_text(n);
	d->param = param;
	d->line = meta_line(m, n);
	d->in_deprecated = depr != 0;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			d->markup = 1;
}

static void
model_doctype(struct oc_meta *m, xmlDocPtr doc)
{
	xmlDtdPtr dtd = doc->intSubset;

	if (doc->encoding != NULL)
		m->encoding = xstrdup((const char *)doc->encoding);
	if (dtd == NULL)
		return;
	m->has_doctype = 1;
	m->doctype_subset = dtd->children != NULL;
	if (dtd->name != NULL)
		m->doctype_name = xstrdup((const char *)dtd->name);
	if (dtd->SystemID != NULL)
		m->doctype_system = xstrdup((const char *)dtd->SystemID);
	if (dtd->ExternalID != NULL)
		m->doctype_public = xstrdup((const char *)dtd->ExternalID);
}

/* Does the tree below n hold entity references (left unexpanded)? */
static int
model_has_entity_refs(xmlNodePtr n)
{
	for (; n != NULL; n = n->next)
		if (n->type == XML_ENTITY_REF_NODE ||
		    (n->type == XML_ELEMENT_NODE &&
		    model_has_entity_refs(n->children)))
			return 1;
	return 0;
}

static void
model_top(struct oc_meta *m, xmlNodePtr root)
{
	xmlNodePtr c, k;

	for (c = root->children; c != NULL; c = c->next) {
		if (meta_is(c, "version") && m->version_line == 0) {
			m->version = model_text(c);
			model_trim(m->version);
			m->version_line = meta_line(m, c);
		} else if (meta_is(c, "longdesc") || meta_is(c, "shortdesc"))
			model_desc(m, c, -1, 0);
		else if (meta_is(c, "parameters")) {
			for (k = c->children; k != NULL; k = k->next)
				if (meta_is(k, "parameter"))
					model_param(m, k);
		} else if (meta_is(c, "actions")) {
			for (k = c->children; k != NULL; k = k->next)
				if (meta_is(k, "action"))
					model_action(m, k);
		}
	}
}

struct oc_meta *
meta_model_build(xmlDocPtr doc, int line_base, struct oc_buf *err)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct oc_meta *m;

	if (!meta_is(root, "resource-agent")) {
		oc_buf_addf(err, "line %ld: the root element is <%s>, not "
		    "<resource-agent>", (root ? xmlGetLineNo(root) : 0) +
		    line_base, root ? (const char *)root->name : "(none)");
		return NULL;
	}
	m = xcalloc(1, sizeof(*m));
	m->doc = doc;
	m->line_base = line_base;
	m->name = model_prop(root, "name");
	m->agent_version = model_prop(root, "version");
	model_top(m, root);
	model_version(m);
	model_doctype(m, doc);
	m->entity_refs = model_has_entity_refs(root->children);
	return m;
}

static void
model_strv_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static void
model_param_free(struct oc_meta_param *p)
{
	free(p->name);
	free(p->type);
	free(p->def);
	model_strv_free(p->options);
	free(p->unique_group);
	free(p->required_s);
	free(p->unique_s);
	free(p->reloadable_s);
	model_strv_free(p->replaced_with);
}

static void
model_action_free(struct oc_meta_action *a)
{
	free(a->name);
	free(a->timeout);
	free(a->interval);
	free(a->depth);
	free(a->role);
	free(a->start_delay);
}

void
oc_meta_free(struct oc_meta *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nparams; i++)
		model_param_free(&m->params[i]);
	for (i = 0; i < m->nactions; i++)
		model_action_free(&m->actions[i]);
	for (i = 0; i < m->ndescs; i++) {
		free(m->descs[i].lang);
		free(m->descs[i].text);
	}
	free(m->params);
	free(m->actions);
	free(m->descs);
	free(m->name);
	free(m->agent_version);
	free(m->version);
	free(m->doctype_name);
	free(m->doctype_system);
	free(m->doctype_public);
	free(m->encoding);
	xmlFreeDoc(m->doc);
	free(m);
}

const struct oc_meta_param *
oc_meta_param_find(const struct oc_meta *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nparams; i++)
		if (m->params[i].name && strcmp(m->params[i].name, name) == 0)
			return &m->params[i];
	return NULL;
}

const struct oc_meta_action *
oc_meta_action_find(const struct oc_meta *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nactions; i++)
		if (m->actions[i].name && strcmp(m->actions[i].name, name) == 0)
			return &m->actions[i];
	return NULL;
}

int
oc_meta_has_action(const struct oc_meta *m, const char *name)
{
	return oc_meta_action_find(m, name) != NULL;
}

int
oc_meta_is_11(const struct oc_meta *m)
{
	return m->ocf_major > 1 || (m->ocf_major == 1 && m->ocf_minor >= 1);
}

static int
model_streq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
model_strv_eq(char **a, char **b)
{
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	for (i = 0; a[i] != NULL && b[i] != NULL; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return a[i] == b[i];
}

static int
model_param_eq(const struct oc_meta_param *p, const struct oc_meta_param *q)
{
	return model_streq(p->name, q->name) && model_streq(p->type, q->type) &&
	    model_streq(p->def, q->def) &&
	    model_streq(p->required_s, q->required_s) &&
	    model_streq(p->unique_s, q->unique_s) &&
	    model_streq(p->reloadable_s, q->reloadable_s) &&
	    model_streq(p->unique_group, q->unique_group) &&
	    p->deprecated == q->deprecated &&
	    model_strv_eq(p->options, q->options);
}

static int
model_action_eq(const struct oc_meta_action *a, const struct oc_meta_action *b)
{
	return model_streq(a->name, b->name) &&
	    model_streq(a->timeout, b->timeout) &&
	    model_streq(a->interval, b->interval) &&
	    model_streq(a->role, b->role) && model_streq(a->depth, b->depth) &&
	    model_streq(a->start_delay, b->start_delay);
}

int
oc_meta_same_model(const struct oc_meta *a, const struct oc_meta *b)
{
	size_t i;

	if (!model_streq(a->name, b->name) ||
	    !model_streq(a->version, b->version) ||
	    a->nparams != b->nparams || a->nactions != b->nactions)
		return 0;
	for (i = 0; i < a->nparams; i++)
		if (!model_param_eq(&a->params[i], &b->params[i]))
			return 0;
	for (i = 0; i < a->nactions; i++)
		if (!model_action_eq(&a->actions[i], &b->actions[i]))
			return 0;
	return 1;
}
