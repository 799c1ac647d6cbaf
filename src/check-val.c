/*
 * validate-all and parameter handling (ocf-rules §1.9 and the dynamic
 * rows of §1.4).  Everything here runs validate-all, which must not change
 * state; the stopped state is not required.
 */
#include "config.h"

#include <sys/stat.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"

/* Run validate-all with the agent's parameters edited: name set to value,
 * or removed when value is NULL. */
static const struct oc_run *
val_run_with(struct oc_ctx *ctx, const char *name, const char *value)
{
	struct oc_action a = OC_ACTION_INIT("validate-all");
	struct oc_strv params = OC_STRV_INIT;
	const struct oc_run *r;
	char *var = xasprintf("OCF_RESKEY_%s", name);

	oc_strv_copy(&params, &ctx->agent->params);
	if (value != NULL) {
		oc_env_set(&params, name, value);
		oc_strv_pushf(&a.set, "%s=%s", var, value);
	} else {
		oc_env_unset(&params, name);
		oc_strv_push(&a.unset, var);
	}
	a.params = &params;
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	oc_strv_release(&params);
	free(var);
	return r;
}

static int
val_given(const struct oc_ctx *ctx, const char *name)
{
	return oc_env_get(&ctx->agent->params, name) != NULL;
}

static enum oc_status
val_ok(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;

	/* the state before validate-all first runs (val.no-side-effects) */
	(void)oc_ctx_observe(ctx, OC_MON_PROBE);
	r = oc_ctx_run(ctx, "validate-all");

	if (oc_run_is(r, OCF_ERR_UNIMPLEMENTED)) {
		ctx->validate_unsupported = 1;
		return oc_skip(res, "validate-all is not implemented (exit 3)");
	}
	if (oc_expect(res, r, OCF_SUCCESS))
		return OC_PASS;
	oc_note(res, "did you give every required parameter with -o name=value?");
	return OC_FAIL;
}

static enum oc_status
val_unsupported_ok(struct oc_ctx *ctx, struct oc_result *res)
{
	if (!ctx->validate_unsupported)
		return OC_PASS;
	return oc_fail(res, "validate-all is not implemented: this is legal "
	    "(the action is optional), but Pacemaker and pcs use it to check "
	    "a configuration before it is applied");
}

/* The first validate-all run with the parameters given (val.ok's). */
static const struct oc_run *
val_plain_run(const struct oc_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->agent->nruns; i++) {
		const struct oc_run *r = ctx->agent->runs[i];

		if (r->action != NULL && strcmp(r->action, "validate-all") == 0 &&
		    r->env[0] == '\0' && !r->cleanup)
			return r;
	}
	return NULL;
}

/* Did validate-all fail with the parameters given (val.ok)? */
static int
val_ok_failed(const struct oc_ctx *ctx)
{
	const struct oc_run *r = val_plain_run(ctx);

	return r != NULL && !oc_run_is(r, OCF_SUCCESS);
}

/* Common guard: validate-all must work for the parameter rows. */
static int
val_usable(struct oc_ctx *ctx, struct oc_result *res)
{
	if (ctx->validate_unsupported) {
		oc_skip(res, "validate-all is not implemented");
		return 0;
	}
	return 1;
}

/* Guard of the rows that expect 0: with the given parameters it must. */
static int
val_succeeds(struct oc_ctx *ctx, struct oc_result *res)
{
	if (!val_usable(ctx, res))
		return 0;
	if (val_ok_failed(ctx)) {
		oc_skip(res, "validate-all fails even with the parameters "
		    "given (val.ok)");
		return 0;
	}
	return 1;
}

/* The last plain probe before validate-all first ran, or NULL. */
static const struct oc_run *
val_probe_before(const struct oc_ctx *ctx)
{
	const struct oc_run *probe = NULL;
	size_t i;

	for (i = 0; i < ctx->agent->nruns; i++) {
		const struct oc_run *r = ctx->agent->runs[i];

		if (r->action == NULL)
			continue;
		if (strcmp(r->action, "validate-all") == 0)
			break;
		if (r->probe && r->env[0] == '\0' && strcmp(r->instance,
		    ctx->agent->instance) == 0)
			probe = r;
	}
	return probe;
}

/*
 * It runs after the other validate-all rows, so that what any of their
 * runs changed or left behind is found; it kills what they left, so that
 * later rows judge their own actions.
 */
static enum oc_status
val_no_side_effects(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *before, *after;
	struct oc_leftover *l;
	size_t n, i, left = 0;

	if (!val_usable(ctx, res))
		return OC_SKIP;
	/* the other rows' runs are the ones judged: run one only if no row
	 * did, or if no probe came before them */
	before = val_probe_before(ctx);
	if (before == NULL || oc_ctx_last_run(ctx, "validate-all") == NULL) {
		if (before == NULL)
			before = oc_ctx_monitor(ctx, OC_MON_PROBE);
		(void)oc_ctx_run(ctx, "validate-all");
	}
	after = oc_ctx_monitor(ctx, OC_MON_PROBE);
	if (before->status != after->status || before->end != after->end) {
		res->run = after;
		oc_fail(res, "a probe gave %s before validate-all first ran and "
		    "%s after it: validate-all changed the state",
		    ocf_rc_str(before->status), ocf_rc_str(after->status));
	}
	n = oc_agent_leftovers(ctx->agent, ctx->agent->instance, &l);
	for (i = 0; i < n; i++) {
		if (strcmp(l[i].action, "validate-all") != 0)
			continue;
		left++;
		oc_fail(res, "validate-all left a process running: pid %ld "
		    "(%s)", (long)l[i].pid, l[i].cmdline);
		kill(l[i].pid, SIGKILL);
	}
	if (left > 0)
		oc_note(res, "ocf-check killed %s", left == 1 ? "it" : "them");
	oc_leftovers_free(l, n);
	oc_proc_reap_orphans();
	return res->status;
}

static enum oc_status
val_missing_required(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_ERR_CONFIGURED, -1 };
	size_t i, tried = 0;

	if (!val_usable(ctx, res))
		return OC_SKIP;
	for (i = 0; i < ctx->meta->nparams; i++) {
		const struct oc_meta_param *p = &ctx->meta->params[i];
		const struct oc_run *r;

		if (!p->required || !val_given(ctx, p->name))
			continue;
		tried++;
		r = val_run_with(ctx, p->name, NULL);
		if (oc_run_is(r, OCF_ERR_ARGS) || oc_run_is(r, OCF_ERR_INSTALLED)) {
			res->run = r;
			oc_fail_sev(res, OC_SEV_WARNING, "without the required "
			    "parameter '%s', validate-all gave %s; "
			    "OCF_ERR_CONFIGURED (6) is expected for a "
			    "configuration that is invalid in itself", p->name,
			    ocf_rc_str(r->status));
		} else if (!oc_expect_rc(res, r, ok))
			res->sev = OC_SEV_ERROR;
	}
	if (tried == 0)
		return oc_skip(res, "no required parameter was given with -o");
	return res->status;
}

/* A value of the wrong type for p, or NULL if its type has none. */
static const char *
val_bad_value(const struct oc_meta_param *p)
{
	if (p->type == NULL)
		return NULL;
	if (strcmp(p->type, "integer") == 0)
		return "x1";
	if (strcmp(p->type, "boolean") == 0)
		return "maybe";
	if (strcmp(p->type, "select") == 0)
		return "ocf-check-not-an-option";
	return NULL;
}

static enum oc_status
val_bad_type(struct oc_ctx *ctx, struct oc_result *res)
{
	size_t i, tried = 0;

	if (!val_usable(ctx, res))
		return OC_SKIP;
	for (i = 0; i < ctx->meta->nparams; i++) {
		const struct oc_meta_param *p = &ctx->meta->params[i];
		const char *bad = val_bad_value(p);
		const struct oc_run *r;

		if (bad == NULL || p->deprecated)
			continue;
		tried++;
		r = val_run_with(ctx, p->name, bad);
		if (r->end == OC_PROC_EXITED && r->status == 0) {
			res->run = r;
			oc_fail(res, "%s parameter '%s' set to '%s': validate-all "
			    "accepted it (exit 0); a wrong type should be "
			    "rejected, preferably with OCF_ERR_CONFIGURED (6)",
			    p->type, p->name, bad);
		} else if (!oc_run_is(r, OCF_ERR_CONFIGURED))
			oc_note(res, "'%s=%s' was rejected with %s; "
			    "OCF_ERR_CONFIGURED (6) is preferred", p->name, bad,
			    ocf_rc_str(r->status));
	}
	if (tried == 0)
		return oc_skip(res, "no integer, boolean or select parameter");
	return res->status;
}

/*
 * validate-all must still give 0 with each optional parameter edited:
 * unset (those given with -o), or set to its advertised default.
 */
static enum oc_status
val_optional_edits(struct oc_ctx *ctx, struct oc_result *res, int to_default)
{
	size_t i, tried = 0;

	if (!val_succeeds(ctx, res))
		return OC_SKIP;
	for (i = 0; i < ctx->meta->nparams; i++) {
		const struct oc_meta_param *p = &ctx->meta->params[i];
		const struct oc_run *r;

		if (p->required || (to_default ? p->deprecated ||
		    p->def == NULL || p->def[0] == '\0' :
		    !val_given(ctx, p->name)))
			continue;
		tried++;
		r = val_run_with(ctx, p->name, to_default ? p->def : NULL);
		if (oc_run_is(r, OCF_SUCCESS))
			continue;
		res->run = r;
		if (to_default)
			oc_fail(res, "'%s' set to its advertised default '%s': "
			    "validate-all gave %s", p->name, p->def,
			    ocf_rc_str(r->status));
		else
			oc_fail(res, "without the optional parameter '%s', "
			    "validate-all gave %s: an optional parameter needs a "
			    "working default", p->name, ocf_rc_str(r->status));
	}
	if (tried == 0)
		return oc_skip(res, to_default ? "no optional parameter "
		    "advertises a default" : "no optional parameter was given "
		    "with -o");
	return res->status;
}

static enum oc_status
param_optional_unset(struct oc_ctx *ctx, struct oc_result *res)
{
	return val_optional_edits(ctx, res, 0);
}

static enum oc_status
param_default_accepted(struct oc_ctx *ctx, struct oc_result *res)
{
	return val_optional_edits(ctx, res, 1);
}

/* Values that run a command if anything passes them through a shell;
 * @ stands for the marker directory. */
static const char *const val_hostile[] = {
	"x$(touch @/m1)", "x`touch @/m2`", "x'; touch @/m3; '",
	"x\"; touch @/m4; \"", "x; touch @/m5", "x\n touch @/m6",
};

/* The hostile value k with the marker directory put in. */
static char *
val_hostile_value(size_t k, const char *dir)
{
	struct oc_buf b = OC_BUF_INIT;
	const char *s;

	for (s = val_hostile[k]; *s; s++)
		if (*s == '@')
			oc_buf_adds(&b, dir);
		else
			oc_buf_addch(&b, *s);
	return oc_buf_detach(&b, NULL);
}

static enum oc_status
param_values_are_data(struct oc_ctx *ctx, struct oc_result *res)
{
	char *dir = xasprintf("%s/hostile", ctx->agent->workdir ?
	    ctx->agent->workdir : "/tmp");
	size_t i, k, tried = 0;
	struct stat st;

	if (!val_usable(ctx, res)) {
		free(dir);
		return OC_SKIP;
	}
	mkdir(dir, 0777);
	for (k = 0; k < OC_ARRAY_SIZE(val_hostile); k++) {
		for (i = 0; i < ctx->meta->nparams; i++) {
			const struct oc_meta_param *p = &ctx->meta->params[i];
			char *v, *m;

			if ((p->type && strcmp(p->type, "string") != 0) ||
			    val_given(ctx, p->name))
				continue;
			tried++;
			v = val_hostile_value(k, dir);
			(void)val_run_with(ctx, p->name, v);
			m = xasprintf("%s/m%zu", dir, k + 1);
			if (stat(m, &st) == 0) {
				oc_fail(res, "'%s' set to '%s': the value ran as "
				    "a shell command (the marker file appeared)",
				    p->name, v);
				unlink(m);
			}
			free(v);
			free(m);
		}
	}
	rmdir(dir);
	free(dir);
	if (tried == 0)
		return oc_skip(res, "no string parameter is left unset by -o");
	return res->status;
}

/* validate-all at each depth it advertises (S1.1 §Check Levels). */
static enum oc_status
depth_validate(struct oc_ctx *ctx, struct oc_result *res)
{
	size_t i, tried = 0;

	if (!val_succeeds(ctx, res))
		return OC_SKIP;
	for (i = 0; i < ctx->meta->nactions; i++) {
		const struct oc_meta_action *m = &ctx->meta->actions[i];
		struct oc_action a = OC_ACTION_INIT("validate-all");
		const struct oc_run *r;
		char d[16];

		if (strcmp(m->name, "validate-all") != 0 || m->depth_n <= 0)
			continue;
		tried++;
		snprintf(d, sizeof(d), "%d", m->depth_n);
		oc_env_set(&a.set, "OCF_CHECK_LEVEL", d);
		r = oc_agent_run(ctx->agent, &a);
		oc_action_release(&a);
		if (!oc_expect(res, r, OCF_SUCCESS))
			oc_note(res, "validate-all advertises depth %s (line %d); "
			    "with the given parameters, every advertised depth "
			    "should pass", d, m->line);
	}
	if (tried == 0)
		return oc_skip(res, "validate-all advertises no depth other "
		    "than 0");
	return res->status;
}

/*
 * OCF 1.1: at OCF_CHECK_LEVEL=0, validate-all checks the configuration in
 * itself, not the local machine (files, binaries, permissions are level
 * 10's).  A heuristic: as an unprivileged user, with the parameters that
 * passed as root, it should still exit 0.
 */
static enum oc_status
val_depth_0(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_action a = OC_ACTION_INIT("validate-all");
	const struct oc_run *r;

	if (!val_succeeds(ctx, res))
		return OC_SKIP;
	if (!oc_meta_is_11(ctx->meta))
		return oc_skip(res, "the agent claims OCF 1.0: check levels of "
		    "validate-all came with 1.1");
	if (!ctx->is_root)
		return oc_skip(res, "ocf-check is not running as root");
	if (!ctx->agent->have_user)
		return oc_skip(res, "no unprivileged user to run it as (--user)");
	a.as_user = 1;
	oc_env_set(&a.set, "OCF_CHECK_LEVEL", "0");
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	if (oc_expect(res, r, OCF_SUCCESS))
		return OC_PASS;
	oc_note(res, "as root it passed: at level 0 validate-all should judge "
	    "the parameters alone, and leave files, binaries and permissions "
	    "to OCF_CHECK_LEVEL=10");
	return OC_FAIL;
}

/*
 * The variables of ocf-check's own environment that Pacemaker's lacks: all
 * but the OCF_, HA_, CRM_ and PCMK_ ones, which are Pacemaker's to set;
 * PATH is the caller's.  Names in *names ("HOME, LANG, PATH").
 */
static void
val_caller_env(struct oc_strv *set, struct oc_buf *names)
{
	static const char *const ours[] = { "OCF_", "HA_", "CRM_", "PCMK_" };
	extern char **environ;
	char **e;
	size_t i, n = 0;

	for (e = environ; *e != NULL; e++) {
		const char *eq = strchr(*e, '=');
		int skip = eq == NULL || eq == *e;

		for (i = 0; i < OC_ARRAY_SIZE(ours) && !skip; i++)
			skip = strncmp(*e, ours[i], strlen(ours[i])) == 0;
		if (skip)
			continue;
		oc_strv_push(set, *e);
		if (n++ < 8)
			oc_buf_addf(names, "%s%.*s", names->len ? ", " : "",
			    (int)(eq - *e), *e);
	}
	if (n > 8)
		oc_buf_addf(names, " and %zu more", n - 8);
}

/* Run name with the variables in set added. */
static const struct oc_run *
val_run_caller(struct oc_ctx *ctx, const char *name, const char *label,
    const struct oc_strv *set)
{
	struct oc_action a = OC_ACTION_INIT(name);
	const struct oc_run *r;

	oc_strv_copy(&a.set, set);
	a.label = label;
	a.note = "the caller's environment added";
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

/* Do a (clean) and b (caller's environment) differ?  Then say so. */
static void
val_env_compare(struct oc_result *res, const char *what,
    const struct oc_run *a, const struct oc_run *b, const char *names)
{
	struct oc_buf da = OC_BUF_INIT, db = OC_BUF_INIT;

	if (a->end == b->end && a->status == b->status)
		return;
	oc_run_describe(a, &da);
	oc_run_describe(b, &db);
	res->run = b;
	oc_fail(res, "with the caller's environment (%s), %s %s; with "
	    "Pacemaker's, it %s: the agent depends on a variable Pacemaker "
	    "does not set", names, what, db.buf, da.buf);
	oc_buf_release(&da);
	oc_buf_release(&db);
}

/*
 * An agent that works when its author runs it from a shell but not under
 * Pacemaker (or the reverse) depends on HOME, TERM, the locale or the
 * caller's PATH.  A probe and validate-all with ocf-check's own
 * environment added, against the same actions in the clean one.  Before
 * val.no-side-effects, which judges (and kills) what every validate-all
 * run left.
 */
static enum oc_status
exec_documented_env_only(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_strv env = OC_STRV_INIT;
	struct oc_buf names = OC_BUF_INIT;
	const struct oc_run *clean, *caller;

	val_caller_env(&env, &names);
	if (names.len == 0) {
		oc_strv_release(&env);
		return oc_skip(res, "ocf-check's own environment adds nothing to "
		    "Pacemaker's");
	}
	clean = oc_ctx_observe(ctx, OC_MON_PROBE);
	caller = val_run_caller(ctx, "monitor", "probe", &env);
	val_env_compare(res, "the probe", clean, caller, names.buf);
	/* val.ok's run, or one of our own when val.ok did not run */
	if ((clean = val_plain_run(ctx)) == NULL)
		clean = oc_ctx_run(ctx, "validate-all");
	if (!oc_run_is(clean, OCF_ERR_UNIMPLEMENTED)) {
		caller = val_run_caller(ctx, "validate-all", NULL, &env);
		val_env_compare(res, "validate-all", clean, caller, names.buf);
	}
	oc_strv_release(&env);
	oc_buf_release(&names);
	return res->status;
}

static const struct oc_check val_rows[] = {
	{ "val.ok", "validate-all returns 0 with the given parameters",
	  OC_SEV_ERROR, "S1.1 §validate-all; PA §Optional Actions", 0, val_ok },
	{ "val.unsupported-ok", "validate-all is implemented (3 is legal)",
	  OC_SEV_INFO, "S1.1 §Optional Actions", 0, val_unsupported_ok },
	{ "val.missing-required", "a missing required parameter gives 6",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes (6); DG §validate-all",
	  OC_NEED_META, val_missing_required },
	{ "val.bad-type", "a value of the wrong type is rejected",
	  OC_SEV_WARNING, "S1.1 §Exit Status Codes (6); DG "
	  "§OCF_ERR_CONFIGURED", OC_NEED_META, val_bad_type },
	{ "param.optional-unset", "validate-all works with each optional "
	  "parameter unset", OC_SEV_WARNING, "DG §Environment variables",
	  OC_NEED_META, param_optional_unset },
	{ "param.default-accepted", "each advertised default is accepted",
	  OC_SEV_WARNING, "DG §Parameter defaults", OC_NEED_META | OC_THOROUGH,
	  param_default_accepted },
	{ "param.values-are-data", "parameter values are never run as shell",
	  OC_SEV_ERROR, "S1.1 §Resource Parameters", OC_NEED_META |
	  OC_NEED_HOSTILE, param_values_are_data },
	{ "depth.validate", "validate-all returns 0 at each advertised depth",
	  OC_SEV_WARNING, "S1.1 §Check Levels", OC_NEED_META | OC_THOROUGH,
	  depth_validate },
	{ "val.depth-0", "validate-all at level 0 needs nothing of the "
	  "local machine", OC_SEV_INFO, "S1.1 §Check Levels",
	  OC_NEED_META | OC_NEED_ROOT | OC_THOROUGH, val_depth_0 },
	{ "exec.documented-env-only", "the agent relies on no variable "
	  "Pacemaker does not set", OC_SEV_WARNING, "PA §Environment "
	  "Variables; resource-agents issue #1456", OC_THOROUGH,
	  exec_documented_env_only },
	{ "val.no-side-effects", "validate-all changes no state and leaves "
	  "no process", OC_SEV_ERROR, "S1.1 §validate-all", 0,
	  val_no_side_effects },
};

const struct oc_check_group oc_checks_val = {
	val_rows, OC_ARRAY_SIZE(val_rows)
};
