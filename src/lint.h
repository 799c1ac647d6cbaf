/*
 * lint: the meta-data rules that need nothing but the parsed model
 * (schema.*, param.*, act.* in ocf-rules.md).  A rule appends findings,
 * each with its own severity, to a struct oc_lint; the check rows in
 * check-meta.c turn them into results.  No rule runs the agent.
 *
 *	struct oc_lint l = OC_LINT_INIT;
 *	oc_lint_param_default_type(meta, &l);	(check param.default-type)
 *	if (l.n > 0) ... oc_lint_worst(&l), oc_lint_render(&l, &why);
 *	oc_lint_release(&l);
 */
#ifndef OC_LINT_H
#define OC_LINT_H

#include <stddef.h>

#include "buf.h"
#include "check.h"
#include "meta.h"

struct oc_lint_item {
	enum oc_sev	 sev;
	char		*text;		/* "line 12: parameter 'port': ..." */
};

struct oc_lint {
	struct oc_lint_item	*v;
	size_t			 n;
};
#define OC_LINT_INIT	{ NULL, 0 }

void	oc_lint_add(struct oc_lint *, enum oc_sev, const char *, ...)
	    OC_PRINTF(3, 4);
/* One finding per line of text. */
void	oc_lint_add_lines(struct oc_lint *, enum oc_sev, const char *text);
void	oc_lint_release(struct oc_lint *);
/* The severity of the most severe finding (error if there are none). */
enum oc_sev	oc_lint_worst(const struct oc_lint *);
/* The findings, one a line; those less severe than the worst say so
 * ("(info) ..."). */
void	oc_lint_render(const struct oc_lint *, struct oc_buf *);

/* Does s match the PCRE2 pattern (anchored by the pattern itself)? */
int	oc_lint_match(const char *pattern, const char *s);

/* A rule: one per check id, named after it. */
typedef void	(*oc_lint_fn)(const struct oc_meta *, struct oc_lint *);

/* lint-schema.c */
void	oc_lint_schema_dtd(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_rng11(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_extensions(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_doctype(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_version_present(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_version_is_ocf(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_agent_version(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_top_desc(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_desc_lang(const struct oc_meta *, struct oc_lint *);
void	oc_lint_schema_desc_text(const struct oc_meta *, struct oc_lint *);

/* lint-param.c */
void	oc_lint_param_name_env(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_name_unique(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_name_reserved(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_content(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_select(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_default_type(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_required_default(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_bool_attrs(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_unique_deprecated(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_reloadable(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_deprecated_ref(const struct oc_meta *, struct oc_lint *);
void	oc_lint_param_deprecated_not_required(const struct oc_meta *,
	    struct oc_lint *);

/* lint-act.c */
void	oc_lint_act_mandatory(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_names(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_timeout(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_timeout_sane(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_interval(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_monitor_interval(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_distinct(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_role(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_depth(const struct oc_meta *, struct oc_lint *);
void	oc_lint_act_pairs(const struct oc_meta *, struct oc_lint *);
void	oc_lint_reload_agent_version(const struct oc_meta *, struct oc_lint *);

#endif
