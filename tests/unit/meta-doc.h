/*
 * meta-doc: meta-data documents for the unit tests of meta and lint.
 * meta_doc() fills a template that is valid against ra-api-1.dtd and the
 * OCF 1.1 grammar; each argument replaces one part of it (NULL keeps the
 * default).  The result is allocated; parse it with meta_doc_parse().
 */
#ifndef OC_TEST_META_DOC_H
#define OC_TEST_META_DOC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta.h"

#define DOC_PARAM \
	"<parameter name=\"statedir\">\n" \
	"<longdesc lang=\"en\">Where the state file lives.</longdesc>\n" \
	"<shortdesc lang=\"en\">State directory</shortdesc>\n" \
	"<content type=\"string\" default=\"/tmp\"/>\n" \
	"</parameter>\n"
#define DOC_ACTIONS \
	"<action name=\"start\" timeout=\"20s\"/>\n" \
	"<action name=\"stop\" timeout=\"20s\"/>\n" \
	"<action name=\"monitor\" timeout=\"20s\" interval=\"10s\" depth=\"0\"/>\n" \
	"<action name=\"validate-all\" timeout=\"20s\"/>\n" \
	"<action name=\"meta-data\" timeout=\"5s\"/>\n"

/* The document, with version, extra parameters and extra actions. */
static inline char *
meta_doc(const char *version, const char *params, const char *actions)
{
	return xasprintf(
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n"
	    "<resource-agent name=\"agent\" version=\"0.1\">\n"
	    "<version>%s</version>\n"
	    "<longdesc lang=\"en\">A test agent.</longdesc>\n"
	    "<shortdesc lang=\"en\">Test agent</shortdesc>\n"
	    "<parameters>\n" DOC_PARAM "%s</parameters>\n"
	    "<actions>\n" DOC_ACTIONS "%s</actions>\n"
	    "</resource-agent>\n",
	    version ? version : "1.0", params ? params : "",
	    actions ? actions : "");
}

/* A parameter with the given attributes, inner elements and content. */
static inline char *
meta_doc_param(const char *name, const char *attrs, const char *content)
{
	return xasprintf("<parameter name=\"%s\"%s>\n"
	    "<longdesc lang=\"en\">A parameter.</longdesc>\n"
	    "<shortdesc lang=\"en\">A parameter</shortdesc>\n"
	    "%s\n</parameter>\n", name, attrs ? attrs : "",
	    content ? content : "<content type=\"string\"/>");
}

/* Parse text, which must succeed; frees text. */
static inline struct oc_meta *
meta_doc_parse(char *text)
{
	struct oc_buf err = OC_BUF_INIT;
	struct oc_meta *m = oc_meta_parse(text, strlen(text), &err);

	if (m == NULL)
		fprintf(stderr, "# parse failed: %s\n# %s\n", err.buf, text);
	oc_buf_release(&err);
	free(text);
	return m;
}

#endif
