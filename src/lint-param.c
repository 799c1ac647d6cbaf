/*
 * Lint rules on parameters (param.* in ocf-rules.md §1.4) that need only
 * the meta-data: names, content types, defaults, flags, deprecation.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "lint.h"
#include "ocf.h"

#define LINT_INTEGER	"^[+-]?[0-9]+$"

/* Values that both ocf_is_true() and Pacemaker read the same way. */
static const char *const lint_booleans[] = {
	"0", "1", "true", "false", "yes", "no", "on", "off",
	"TRUE", "FALSE", "YES", "NO", "ON", "OFF", "True", "False",
};

static const char *
lint_name(const struct oc_meta_param *p)
{
	return p->name ? p->name : "";
}

void
oc_lint_param_name_env(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p;
	size_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->name == NULL)
			oc_lint_add(l, OC_SEV_ERROR, "line %d: a parameter "
			    "without a name", p->line);
		else if (!ocf_env_name_ok(p->name))
			oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s': "
			    "OCF_RESKEY_%s is not a usable environment "
			    "variable name (letters, digits and _ only, not "
			    "starting with a digit)", p->line, p->name,
			    p->name);
	}
}

void
oc_lint_param_name_unique(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p, *q;
	size_t i, j;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		for (j = 0; j < i && p->name != NULL; j++) {
			q = &m->params[j];
			if (q->name == NULL || strcmp(p->name, q->name) != 0)
				continue;
			oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s' "
			    "is declared again (first on line %d)", p->line,
			    p->name, q->line);
			break;
		}
	}
}

void
oc_lint_param_name_reserved(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p;
	size_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->name == NULL)
			continue;
		if (strcmp(p->name, "OCF_CHECK_LEVEL") == 0)
			oc_lint_add(l, OC_SEV_WARNING, "line %d: parameter '%s': "
			    "Pacemaker passes it without the OCF_RESKEY_ "
			    "prefix", p->line, p->name);
		else if (strncmp(p->name, "CRM_meta_", 9) == 0 ||
		    strcmp(p->name, "crm_feature_set") == 0)
			oc_lint_add(l, OC_SEV_WARNING, "line %d: parameter '%s' "
			    "collides with a variable Pacemaker sets itself",
			    p->line, p->name);
	}
}

void
oc_lint_param_content(const struct oc_meta *m, struct oc_lint *l)
{
	static const char *const known[] = {
		"string", "integer", "boolean", "select",
	};
	const struct oc_meta_param *p;
	size_t i, k;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->ncontent != 1) {
			oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s' "
			    "has %zu <content> elements, not one", p->line,
			    lint_name(p), p->ncontent);
			continue;
		}
		for (k = 0; p->type != NULL && k < OC_ARRAY_SIZE(known); k++)
			if (strcmp(p->type, known[k]) == 0)
				break;
		if (p->type == NULL)
			oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s': "
			    "<content> has no type", p->content_line,
			    lint_name(p));
		else if (strcmp(p->type, "time") == 0 ||
		    strcmp(p->type, "second") == 0)
			oc_lint_add(l, OC_SEV_WARNING, "line %d: parameter '%s': "
			    "type '%s' is not an OCF 1.1 type (string, "
			    "integer, boolean, select)", p->content_line,
			    lint_name(p), p->type);
		else if (k == OC_ARRAY_SIZE(known))
			oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s': "
			    "unknown type '%s' (string, integer, boolean or "
			    "select)", p->content_line, lint_name(p), p->type);
	}
}

/* Is s one of the NULL-terminated v? */
static int
lint_in(char *const *v, const char *s)
{
	for (; v != NULL && *v != NULL; v++)
		if (strcmp(*v, s) == 0)
			return 1;
	return 0;
}

static void
lint_select_one(const struct oc_meta_param *p, struct oc_lint *l)
{
	size_t i, j, nval = 0;

	while (p->options != NULL && p->options[nval] != NULL)
		nval++;
	if (p->noptions == 0)
		oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s': type "
		    "select with no <option>", p->content_line, lint_name(p));
	if (nval < p->noptions)
		oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s': "
		    "%zu <option> without a value", p->content_line,
		    lint_name(p), p->noptions - nval);
	for (i = 1; i < nval; i++)
		for (j = 0; j < i; j++)
			if (strcmp(p->options[i], p->options[j]) == 0) {
				oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter "
				    "'%s': option '%s' is listed twice",
				    p->content_line, lint_name(p),
				    p->options[i]);
				break;
			}
}

void
oc_lint_param_select(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p;
	size_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->type != NULL && strcmp(p->type, "select") == 0)
			lint_select_one(p, l);
		else if (p->noptions > 0)
			oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s': "
			    "<option> is allowed only with type select",
			    p->content_line, lint_name(p));
	}
}

static int
lint_boolean(const char *s)
{
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(lint_booleans); i++)
		if (strcmp(s, lint_booleans[i]) == 0)
			return 1;
	return 0;
}

/* NULL if def suits type, else what is wrong with it. */
static const char *
lint_default_problem(const struct oc_meta_param *p)
{
	long long ms;

	if (strcmp(p->type, "integer") == 0 &&
	    !oc_lint_match(LINT_INTEGER, p->def))
		return "is not an integer";
	if (strcmp(p->type, "boolean") == 0 && !lint_boolean(p->def))
		return "is not a boolean both ocf_is_true and Pacemaker read "
		    "(1/0, true/false, yes/no, on/off)";
	if (strcmp(p->type, "select") == 0 && !lint_in(p->options, p->def))
		return "is not one of the options";
	if (strcmp(p->type, "time") == 0 && oc_duration_parse(p->def, &ms))
		return "is not a duration";
	return NULL;
}

void
oc_lint_param_default_type(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p;
	const char *why;
	size_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->def == NULL || p->type == NULL ||
		    (why = lint_default_problem(p)) == NULL)
			continue;
		if (*p->def == '\0')
			oc_lint_add(l, OC_SEV_INFO, "line %d: parameter '%s': "
			    "the empty default of a %s parameter means unset",
			    p->content_line, lint_name(p), p->type);
		else
			oc_lint_add(l, OC_SEV_WARNING, "line %d: parameter "
			    "'%s': default '%s' %s", p->content_line,
			    lint_name(p), p->def, why);
	}
}

void
oc_lint_param_required_default(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p;
	size_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->required && p->def != NULL && *p->def != '\0')
			oc_lint_add(l, OC_SEV_WARNING, "line %d: parameter '%s' "
			    "is required but has the default '%s'; a default "
			    "makes it optional", p->line, lint_name(p), p->def);
	}
}

static void
lint_flag(const struct oc_meta_param *p, const char *attr, const char *v,
    struct oc_lint *l)
{
	if (v != NULL && strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
		oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter '%s': "
		    "%s=\"%s\" must be 0 or 1", p->line, lint_name(p), attr, v);
}

void
oc_lint_param_bool_attrs(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p;
	size_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		lint_flag(p, "required", p->required_s, l);
		lint_flag(p, "unique", p->unique_s, l);
		lint_flag(p, "reloadable", p->reloadable_s, l);
	}
}

void
oc_lint_param_unique_deprecated(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p;
	size_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->unique_group != NULL && *p->unique_group == '\0')
			oc_lint_add(l, OC_SEV_INFO, "line %d: parameter '%s': "
			    "unique-group is empty", p->line, lint_name(p));
		if (!oc_meta_is_11(m) || !p->unique)
			continue;
		oc_lint_add(l, OC_SEV_INFO, "line %d: parameter '%s': unique "
		    "is deprecated in OCF 1.1%s", p->line, lint_name(p),
		    p->unique_group ? " and unique-group is set too" :
		    "; use unique-group");
	}
}

void
oc_lint_param_reloadable(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p;
	size_t i, n = 0;
	int line = 0;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->reloadable && n++ == 0)
			line = p->line;
	}
	if (n == 0)
		return;
	if (!oc_meta_has_action(m, "reload-agent"))
		oc_lint_add(l, OC_SEV_WARNING, "line %d: %zu reloadable "
		    "parameter(s), but no reload-agent action is advertised",
		    line, n);
	if (!oc_meta_is_11(m))
		oc_lint_add(l, OC_SEV_WARNING, "line %d: reloadable parameters "
		    "need <version> 1.1 or later (it is '%s'); Pacemaker "
		    "ignores them otherwise", line, m->version ? m->version :
		    "");
}

void
oc_lint_param_deprecated_ref(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_param *p, *to;
	size_t i, k;
	const char *r;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		for (k = 0; p->replaced_with && (r = p->replaced_with[k]); k++) {
			to = oc_meta_param_find(m, r);
			if (p->name != NULL && strcmp(r, p->name) == 0)
				oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter "
				    "'%s' is replaced with itself", p->line, r);
			else if (to == NULL)
				oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter "
				    "'%s' is replaced with '%s', which does not "
				    "exist", p->line, lint_name(p), r);
			else if (to->deprecated)
				oc_lint_add(l, OC_SEV_ERROR, "line %d: parameter "
				    "'%s' is replaced with '%s', which is "
				    "deprecated too", p->line, lint_name(p), r);
		}
	}
}

void
oc_lint_param_deprecated_not_required(const struct oc_meta *m,
    struct oc_lint *l)
{
	const struct oc_meta_param *p;
	size_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->deprecated && p->required)
			oc_lint_add(l, OC_SEV_WARNING, "line %d: parameter '%s' "
			    "is deprecated but required", p->line,
			    lint_name(p));
	}
}
