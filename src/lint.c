/*
 * The lint's plumbing: findings with severities, rendering them into a
 * result's lines, and a PCRE2 matcher.  The rules are in lint-schema.c,
 * lint-param.c and lint-act.c.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "lint.h"

void
oc_lint_add(struct oc_lint *l, enum oc_sev sev, const char *fmt, ...)
{
	struct oc_buf b = OC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	oc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n].sev = sev;
	l->v[l->n].text = oc_buf_detach(&b, NULL);
	l->n++;
}

void
oc_lint_add_lines(struct oc_lint *l, enum oc_sev sev, const char *text)
{
	const char *nl;

	for (; *text != '\0'; text = *nl ? nl + 1 : nl) {
		nl = text + strcspn(text, "\n");
		if (nl > text)
			oc_lint_add(l, sev, "%.*s", (int)(nl - text), text);
	}
}

void
oc_lint_release(struct oc_lint *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum oc_sev
oc_lint_worst(const struct oc_lint *l)
{
	enum oc_sev worst = OC_SEV_INFO;
	size_t i;

	if (l->n == 0)
		return OC_SEV_ERROR;
	for (i = 0; i < l->n; i++)
		if (l->v[i].sev < worst)	/* error < warning < info */
			worst = l->v[i].sev;
	return worst;
}

void
oc_lint_render(const struct oc_lint *l, struct oc_buf *out)
{
	static const char *const label[] = {
		[OC_SEV_ERROR] = "(error) ", [OC_SEV_WARNING] = "(warning) ",
		[OC_SEV_INFO] = "(info) ",
	};
	enum oc_sev worst = oc_lint_worst(l);
	size_t i;

	for (i = 0; i < l->n; i++)
		oc_buf_addf(out, "%s%s%s", i ? "\n" : "",
		    l->v[i].sev != worst ? label[l->v[i].sev] : "",
		    l->v[i].text);
}

int
oc_lint_match(const char *pattern, const char *s)
{
	pcre2_code *re;
	pcre2_match_data *md;
	PCRE2_SIZE off;
	int err, rc;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF, &err, &off, NULL);
	if (re == NULL)
		OC_BUG("bad pattern '%s'", pattern);
	md = pcre2_match_data_create_from_pattern(re, NULL);
	rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return rc >= 0;
}
