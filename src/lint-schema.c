/*
 * Lint rules on the document as a whole (schema.* in ocf-rules.md §1.3):
 * the version-aware verdicts of the two schemas, the DOCTYPE, <version>,
 * and the descriptions.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lint.h"

/* Loose BCP 47: a language (or a private or grandfathered tag), then
 * subtags of up to eight letters or digits. */
#define LINT_BCP47 \
	"^(?:[A-Za-z]{2,3}|[A-Za-z]{5,8}|[xXiI])(?:-[A-Za-z0-9]{1,8})*$"
#define LINT_OCF_VERSION	"^[0-9]+\\.[0-9]+$"

/* Add one finding per problem a validator wrote, or one for a schema
 * that would not load. */
static void
lint_validation(struct oc_lint *l, enum oc_sev sev, int n,
    const struct oc_buf *out)
{
	if (n < 0)
		oc_lint_add(l, OC_SEV_ERROR, "ocf-check could not load its "
		    "embedded schema");
	else
		oc_lint_add_lines(l, sev, out->buf);
}

void
oc_lint_schema_dtd(const struct oc_meta *m, struct oc_lint *l)
{
	struct oc_buf out = OC_BUF_INIT;
	enum oc_sev sev = OC_SEV_ERROR;
	int n = oc_meta_validate_dtd(m, &out), only11 = 0;

	if (n > 0 && oc_meta_is_11(m)) {
		only11 = oc_meta_dtd_valid_but_11(m) == 1;
		sev = only11 ? OC_SEV_INFO : OC_SEV_WARNING;
	}
	if (n != 0)
		lint_validation(l, sev, n, &out);
	if (only11)
		oc_lint_add(l, OC_SEV_INFO, "all of these are OCF 1.1 "
		    "constructs, which ra-api-1.dtd predates; the agent "
		    "claims %s", m->version);
	else if (n > 0 && oc_meta_is_11(m))
		oc_lint_add(l, sev, "the agent claims OCF %s, so the 1.1 "
		    "grammar decides (schema.rng11)", m->version);
	oc_buf_release(&out);
}

void
oc_lint_schema_rng11(const struct oc_meta *m, struct oc_lint *l)
{
	struct oc_buf out = OC_BUF_INIT;
	int n = oc_meta_validate_rng11(m, &out);

	if (n != 0)
		lint_validation(l, oc_meta_is_11(m) ? OC_SEV_ERROR :
		    OC_SEV_WARNING, n, &out);
	oc_buf_release(&out);
}

void
oc_lint_schema_extensions(const struct oc_meta *m, struct oc_lint *l)
{
	struct oc_buf out = OC_BUF_INIT;

	if (oc_meta_extensions(m, &out) > 0)
		oc_lint_add_lines(l, OC_SEV_INFO, out.buf);
	oc_buf_release(&out);
}

void
oc_lint_schema_doctype(const struct oc_meta *m, struct oc_lint *l)
{
	const char *sys = m->doctype_system;

	if (!m->has_doctype)
		return;
	if (m->doctype_name == NULL ||
	    strcmp(m->doctype_name, "resource-agent") != 0)
		oc_lint_add(l, OC_SEV_WARNING, "the DOCTYPE names '%s', not "
		    "resource-agent", m->doctype_name ? m->doctype_name : "");
	if (sys == NULL || strcmp(sys, "ra-api-1.dtd") != 0)
		oc_lint_add(l, OC_SEV_WARNING, "the DOCTYPE's system "
		    "identifier is '%s', not ra-api-1.dtd", sys ? sys : "");
	if (m->doctype_subset)
		oc_lint_add(l, OC_SEV_WARNING, "the DOCTYPE has an internal "
		    "subset: tools that validate with it (xmllint --valid) "
		    "accept what it declares; ocf-check ignores it");
	if (m->entity_refs)
		oc_lint_add(l, OC_SEV_WARNING, "the document uses entities, "
		    "which ocf-check and careful parsers do not expand");
}

void
oc_lint_schema_version_present(const struct oc_meta *m, struct oc_lint *l)
{
	if (m->version_line == 0)
		oc_lint_add(l, OC_SEV_ERROR, "there is no <version> element "
		    "(the OCF version the agent implements, such as 1.0)");
	else if (m->version == NULL || *m->version == '\0')
		oc_lint_add(l, OC_SEV_ERROR, "line %d: <version> is empty",
		    m->version_line);
}

void
oc_lint_schema_version_is_ocf(const struct oc_meta *m, struct oc_lint *l)
{
	const char *v = m->version;

	if (v == NULL || *v == '\0')
		return;
	if (!oc_lint_match(LINT_OCF_VERSION, v))
		oc_lint_add(l, OC_SEV_WARNING, "line %d: <version> is '%s', "
		    "not an OCF API version such as 1.0 or 1.1 (the agent's "
		    "own release belongs in resource-agent/@version)",
		    m->version_line, v);
	else if (m->ocf_major != 1)
		oc_lint_add(l, OC_SEV_WARNING, "line %d: OCF version %s does "
		    "not exist; managers know 1.0 and 1.1", m->version_line, v);
	else if (m->ocf_minor > 1)
		oc_lint_add(l, OC_SEV_INFO, "line %d: OCF version %s is newer "
		    "than 1.1, the latest ocf-check knows", m->version_line, v);
}

void
oc_lint_schema_agent_version(const struct oc_meta *m, struct oc_lint *l)
{
	if (m->agent_version == NULL)
		oc_lint_add(l, OC_SEV_INFO, "<resource-agent> has no version "
		    "attribute giving the agent's own release");
}

void
oc_lint_schema_top_desc(const struct oc_meta *m, struct oc_lint *l)
{
	int lng = 0, shrt = 0;
	size_t i;

	for (i = 0; i < m->ndescs; i++)
		if (m->descs[i].param < 0) {
			lng |= strcmp(m->descs[i].elem, "longdesc") == 0;
			shrt |= strcmp(m->descs[i].elem, "shortdesc") == 0;
		}
	if (!lng)
		oc_lint_add(l, OC_SEV_WARNING, "the agent has no top-level "
		    "<longdesc>");
	if (!shrt)
		oc_lint_add(l, OC_SEV_WARNING, "the agent has no top-level "
		    "<shortdesc>");
}

/* Write "parameter 'ip'" or "the agent" into buf, for descriptions. */
static void
lint_owner(const struct oc_meta *m, const struct oc_meta_desc *d,
    char *buf, size_t n)
{
	const char *name;

	if (d->param < 0) {
		snprintf(buf, n, "the agent");
		return;
	}
	name = m->params[d->param].name;
	snprintf(buf, n, "parameter '%s'%s", name ? name : "",
	    d->in_deprecated ? " (deprecation)" : "");
}

/* Is there an earlier sibling description with the same lang? */
static int
lint_lang_repeated(const struct oc_meta *m, size_t i)
{
	const struct oc_meta_desc *d = &m->descs[i], *e;
	size_t j;

	for (j = 0; j < i; j++) {
		e = &m->descs[j];
		if (e->param == d->param && e->in_deprecated ==
		    d->in_deprecated && strcmp(e->elem, d->elem) == 0 &&
		    e->lang != NULL && strcmp(e->lang, d->lang) == 0)
			return 1;
	}
	return 0;
}

void
oc_lint_schema_desc_lang(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_desc *d;
	char who[160];
	size_t i;

	for (i = 0; i < m->ndescs; i++) {
		d = &m->descs[i];
		lint_owner(m, d, who, sizeof(who));
		if (d->lang == NULL)
			oc_lint_add(l, oc_meta_is_11(m) ? OC_SEV_ERROR :
			    OC_SEV_WARNING, "line %d: <%s> of %s has no lang "
			    "attribute", d->line, d->elem, who);
		else if (!oc_lint_match(LINT_BCP47, d->lang))
			oc_lint_add(l, OC_SEV_WARNING, "line %d: <%s> of %s: "
			    "lang '%s' is not a BCP 47 tag such as en or "
			    "en-US", d->line, d->elem, who, d->lang);
		else if (lint_lang_repeated(m, i))
			oc_lint_add(l, OC_SEV_WARNING, "line %d: a second "
			    "<%s lang=\"%s\"> for %s", d->line, d->elem,
			    d->lang, who);
	}
}

/* Lines of text once trimmed: 0 for blank text. */
static int
lint_lines(const char *s)
{
	const char *end = s + strlen(s);
	int n = 1;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (end > s && strchr(" \t\r\n", end[-1]) != NULL)
		end--;
	if (end == s)
		return 0;
	for (; s < end; s++)
		n += *s == '\n';
	return n;
}

void
oc_lint_schema_desc_text(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_desc *d;
	char who[160];
	size_t i;
	int n;

	for (i = 0; i < m->ndescs; i++) {
		d = &m->descs[i];
		lint_owner(m, d, who, sizeof(who));
		if (d->markup)
			oc_lint_add(l, OC_SEV_INFO, "line %d: <%s> of %s holds "
			    "markup; descriptions are plain text", d->line,
			    d->elem, who);
		if (strcmp(d->elem, "shortdesc") == 0 &&
		    (n = lint_lines(d->text)) > 1)
			oc_lint_add(l, OC_SEV_INFO, "line %d: <shortdesc> of %s "
			    "spans %d lines; make it one", d->line, who, n);
	}
}
