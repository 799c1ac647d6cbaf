/*
 * Meta-data checks that read only the parsed model: the schemas
 * (schema.*, ocf-rules.md §1.3), the lint of parameters and actions
 * (param.*, act.*, §1.4-1.5) and file.name.  Each row is one rule of
 * lint.h; this file turns the rule's findings into the row's result.
 * The runner skips these rows when meta-data could not be parsed.
 */
#include "config.h"

#include <string.h>

#include "check.h"
#include "lint.h"
#include "meta.h"

#define E	OC_SEV_ERROR
#define W	OC_SEV_WARNING
#define I	OC_SEV_INFO
#define M	OC_NEED_META

/* The rows that need only the model: one lint rule each. */
static enum oc_status
meta_lint(struct oc_ctx *ctx, struct oc_result *res, oc_lint_fn rule)
{
	struct oc_lint l = OC_LINT_INIT;
	struct oc_buf b = OC_BUF_INIT;
	enum oc_status st = OC_PASS;

	rule(ctx->meta, &l);
	if (l.n > 0) {
		oc_lint_render(&l, &b);
		st = oc_fail_sev(res, oc_lint_worst(&l), "%s", b.buf);
	}
	oc_buf_release(&b);
	oc_lint_release(&l);
	return st;
}

#define META_LINT(rule)							\
static enum oc_status							\
chk_##rule(struct oc_ctx *ctx, struct oc_result *res)			\
{									\
	return meta_lint(ctx, res, oc_lint_##rule);			\
}

META_LINT(schema_dtd)
META_LINT(schema_rng11)
META_LINT(schema_extensions)
META_LINT(schema_doctype)
META_LINT(schema_version_present)
META_LINT(schema_version_is_ocf)
META_LINT(schema_agent_version)
META_LINT(schema_top_desc)
META_LINT(schema_desc_lang)
META_LINT(schema_desc_text)
META_LINT(param_name_env)
META_LINT(param_name_unique)
META_LINT(param_name_reserved)
META_LINT(param_content)
META_LINT(param_select)
META_LINT(param_default_type)
META_LINT(param_required_default)
META_LINT(param_bool_attrs)
META_LINT(param_unique_deprecated)
META_LINT(param_reloadable)
META_LINT(param_deprecated_ref)
META_LINT(param_deprecated_not_required)
META_LINT(act_mandatory)
META_LINT(act_names)
META_LINT(act_timeout)
META_LINT(act_timeout_sane)
META_LINT(act_interval)
META_LINT(act_monitor_interval)
META_LINT(act_distinct)
META_LINT(act_role)
META_LINT(act_depth)
META_LINT(act_pairs)
META_LINT(reload_agent_version)

static enum oc_status
chk_file_name(struct oc_ctx *ctx, struct oc_result *res)
{
	const char *base = strrchr(ctx->agent->path, '/');
	const char *name = ctx->meta->name;

	base = base ? base + 1 : ctx->agent->path;
	if (name == NULL)
		return oc_skip(res, "<resource-agent> has no name "
		    "(meta.wellformed)");
	if (strcmp(name, base) != 0)
		oc_fail(res, "the file is called '%s', but its meta-data names "
		    "the agent '%s'", base, name);
	if (base[0] == '.')
		oc_fail(res, "the file name starts with a dot, which hides the "
		    "agent from listings");
	return res->status;
}

static const struct oc_check schema_rows[] = {
	{ "schema.dtd", "valid against ra-api-1.dtd (1.1 constructs are "
	    "information for OCF 1.1 agents)", E, "DTD; DG §Metadata", M,
	    chk_schema_dtd },
	{ "schema.rng11", "valid against the OCF 1.1 grammar", E,
	    "S1.1 §Format; RNG1.1", M, chk_schema_rng11 },
	{ "schema.extensions", "non-standard attributes are known ones, such "
	    "as parameter@private", I, "PCM ra_param_from_xml()", M,
	    chk_schema_extensions },
	{ "schema.doctype", "a DOCTYPE, if any, is resource-agent SYSTEM "
	    "ra-api-1.dtd with no internal subset", W, "DG §meta-data", M,
	    chk_schema_doctype },
	{ "schema.version-present", "<version> is present and not empty", E,
	    "S1.1 §Semantics; PCM log_ra_ocf_version()", M,
	    chk_schema_version_present },
	{ "schema.version-is-ocf", "<version> is an OCF version such as 1.0 "
	    "or 1.1", W, "S1.1 §Semantics; resource-agents PR #1700", M,
	    chk_schema_version_is_ocf },
	{ "schema.agent-version", "resource-agent@version gives the agent's "
	    "release", I, "S1.1 §Semantics", M, chk_schema_agent_version },
	{ "schema.top-desc", "the agent has a top-level longdesc and "
	    "shortdesc", W, "DTD; RNG1.1; DG §Metadata", M,
	    chk_schema_top_desc },
	{ "schema.desc-lang", "every description has one BCP 47 lang", E,
	    "S1.1 §Semantics", M, chk_schema_desc_lang },
	{ "schema.desc-text", "descriptions are plain text; a shortdesc is "
	    "one line", I, "S1.1 §Semantics; DG §Metadata", M,
	    chk_schema_desc_text },
};

static const struct oc_check lint_rows[] = {
	{ "file.name", "the file name is the agent's meta-data name", I,
	    "S1.1 §Resource Type; DG §naming convention", M, chk_file_name },
	{ "param.name-env", "parameter names are usable environment variable "
	    "names", E, "S1.1 §Resource Parameters", M, chk_param_name_env },
	{ "param.name-unique", "no two parameters share a name", E,
	    "S1.1 §Resource Parameters", M, chk_param_name_unique },
	{ "param.name-reserved", "no parameter is called OCF_CHECK_LEVEL, "
	    "CRM_meta_* or crm_feature_set", W, "PL set_ocf_env_with_prefix(); "
	    "S1.1 §Parameter Passing", M, chk_param_name_reserved },
	{ "param.content", "each parameter has one content of a known type",
	    E, "RNG1.1; DTD", M, chk_param_content },
	{ "param.select", "select has distinct options, and options appear "
	    "only under select", E, "RNG1.1", M, chk_param_select },
	{ "param.default-type", "defaults match their type", W,
	    "S1.1 §Semantics; SF ocf_is_true(); DG §Parameter defaults", M,
	    chk_param_default_type },
	{ "param.required-default", "required parameters have no default", W,
	    "S1.1 §Semantics", M, chk_param_required_default },
	{ "param.bool-attrs", "required, unique and reloadable are 0 or 1", E,
	    "RNG1.1; DTD", M, chk_param_bool_attrs },
	{ "param.unique-deprecated", "OCF 1.1 agents use unique-group rather "
	    "than unique", I, "S1.1 §Semantics", M,
	    chk_param_unique_deprecated },
	{ "param.reloadable", "reloadable parameters come with reload-agent "
	    "and OCF 1.1", W, "S1.1 §Semantics; PCM controld_cache_metadata()",
	    M, chk_param_reloadable },
	{ "param.deprecated-ref", "replaced-with names another parameter that "
	    "is not deprecated", E, "S1.1 §Semantics", M,
	    chk_param_deprecated_ref },
	{ "param.deprecated-not-required", "deprecated parameters are not "
	    "required", W, "S1.1 §Semantics", M,
	    chk_param_deprecated_not_required },
	{ "act.mandatory", "start, stop, monitor and meta-data are advertised",
	    E, "S1.1 §Resource Agent Actions; PA §Actions", M,
	    chk_act_mandatory },
	{ "act.names", "advertised actions have OCF names", W,
	    "S1.1 §Optional Actions; DTD", M, chk_act_names },
	{ "act.timeout", "every action has a timeout Pacemaker can read", E,
	    "RNG1.1; pacemaker strings.c pcmk__parse_ms()", M,
	    chk_act_timeout },
	{ "act.timeout-sane", "timeouts are plausible: over a second, under a "
	    "day, with a unit", W, "pacemaker agents/ocf/Dummy.in; DG "
	    "§Metadata", M, chk_act_timeout_sane },
	{ "act.interval", "intervals and start-delays parse; start and stop "
	    "have none", W, "PCX construct_op()", M, chk_act_interval },
	{ "act.monitor-interval", "a recurring monitor is advertised", I,
	    "DG §Metadata", M, chk_act_monitor_interval },
	{ "act.distinct", "no two action entries share name and interval", W,
	    "PE §Operations; pacemaker Stateful.in", M, chk_act_distinct },
	{ "act.role", "action roles are Promoted or Unpromoted", W,
	    "S1.1 §Role, §Semantics", M, chk_act_role },
	{ "act.depth", "monitor depths are 0, 10 or 20", W,
	    "S1.1 §Check Levels", M, chk_act_depth },
	{ "act.pairs", "promote and demote, migrate_to and migrate_from, come "
	    "in pairs", E, "DG §promote, §demote; PA promotable clones", M,
	    chk_act_pairs },
	{ "reload-agent.version", "reload-agent is advertised only with OCF "
	    "1.1", W, "PCM controld_cache_metadata()", M,
	    chk_reload_agent_version },
};

const struct oc_check_group oc_checks_schema = {
	schema_rows, OC_ARRAY_SIZE(schema_rows)
};
const struct oc_check_group oc_checks_lint = {
	lint_rows, OC_ARRAY_SIZE(lint_rows)
};
