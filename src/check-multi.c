/*
 * More than one instance, clone names and migration (ocf-rules §1.13,
 * §1.16).  The second instance takes the first one's parameters, with -O
 * overriding; parameters marked unique (or in a unique-group) must be
 * given with -O, or the rows skip.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"

static const int multi_running[] = { OCF_SUCCESS, OCF_DEGRADED, -1 };

/* The unique parameters -O does not override, as "a, b"; "" if none. */
static void
multi_missing_unique(const struct oc_ctx *ctx, struct oc_buf *out)
{
	size_t i;

	if (ctx->meta == NULL)
		return;
	for (i = 0; i < ctx->meta->nparams; i++) {
		const struct oc_meta_param *p = &ctx->meta->params[i];

		if ((p->unique || p->unique_group != NULL) &&
		    oc_env_get(&ctx->agent->params, p->name) != NULL &&
		    oc_env_get(&ctx->agent->params2, p->name) == NULL)
			oc_buf_addf(out, "%s%s", out->len ? ", " : "", p->name);
	}
}

static int
multi_has_unique(const struct oc_ctx *ctx)
{
	size_t i;

	for (i = 0; ctx->meta != NULL && i < ctx->meta->nparams; i++)
		if (ctx->meta->params[i].unique ||
		    ctx->meta->params[i].unique_group != NULL)
			return 1;
	return 0;
}

/* Parameters of instance B: A's, overridden by -O. */
static struct oc_strv *
multi_params2(struct oc_ctx *ctx)
{
	static struct oc_strv p2;
	size_t i;

	oc_strv_release(&p2);
	oc_strv_copy(&p2, &ctx->agent->params);
	for (i = 0; i < ctx->agent->params2.n; i++) {
		const char *kv = ctx->agent->params2.v[i];
		char *name = xstrndup(kv, (size_t)(strchr(kv, '=') - kv));

		oc_env_set(&p2, name, strchr(kv, '=') + 1);
		free(name);
	}
	return &p2;
}

static const struct oc_run *
multi_run(struct oc_ctx *ctx, const char *action, const char *inst,
    const struct oc_strv *params)
{
	struct oc_action a = OC_ACTION_INIT(action);
	const struct oc_run *r;

	a.instance = inst;
	a.params = params;
	if (strcmp(action, "monitor") == 0)
		oc_ctx_recurring_env(ctx, &a.set);
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

/* Run action on instances A and B at the same time, labelled "(instance
 * A, when)"; 1 if both exited with a code in ok[]. */
static int
multi_pair(struct oc_ctx *ctx, struct oc_result *res, const char *action,
    const int *ok, const char *when)
{
	struct oc_action a = OC_ACTION_INIT(action), b = OC_ACTION_INIT(action);
	const struct oc_action *acts[2] = { &a, &b };
	const struct oc_run *runs[2];
	char *la = xasprintf("%s (instance A, %s)", action, when);
	char *lb = xasprintf("%s (instance B, %s)", action, when);
	int good;

	a.label = la;
	b.label = lb;
	b.instance = ctx->instance2;
	b.params = multi_params2(ctx);
	if (strcmp(action, "monitor") == 0) {
		oc_ctx_recurring_env(ctx, &a.set);
		oc_ctx_recurring_env(ctx, &b.set);
	}
	oc_agent_run_many(ctx->agent, acts, 2, runs);
	oc_action_release(&a);
	oc_action_release(&b);
	free(la);
	free(lb);
	good = oc_expect_rc(res, runs[0], ok);
	return oc_expect_rc(res, runs[1], ok) && good;
}

static enum oc_status
multi_parallel_start(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_SUCCESS, -1 };
	struct oc_buf miss = OC_BUF_INIT;
	struct oc_strv *p2;

	multi_missing_unique(ctx, &miss);
	if (miss.len > 0) {
		oc_skip(res, "a second instance needs its own value for the "
		    "unique parameter(s) %s: give them with -O name=value",
		    miss.buf);
		oc_buf_release(&miss);
		return OC_SKIP;
	}
	oc_buf_release(&miss);
	free(ctx->instance2);
	ctx->instance2 = xasprintf("%s-b", ctx->agent->instance);
	ctx->started_once = 1;
	ctx->instance2_started = 1;
	(void)multi_pair(ctx, res, "start", ok, "concurrently");
	p2 = multi_params2(ctx);
	oc_expect_rc(res, multi_run(ctx, "monitor", NULL, NULL), multi_running);
	oc_expect_rc(res, multi_run(ctx, "monitor", ctx->instance2, p2),
	    multi_running);
	if (res->status == OC_PASS)
		ctx->state = OC_ST_RUNNING;
	else
		oc_ctx_broken(ctx, "the two instances did not both start "
		    "(multi.parallel-start)");
	return res->status;
}

static enum oc_status
multi_probe_other(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_action a = OC_ACTION_INIT("monitor");
	char *inst;

	if (!ctx->instance2_started)
		return oc_skip(res, "the second instance was not started");
	if (multi_has_unique(ctx))
		return oc_skip(res, "a third instance would need its own values "
		    "for the unique parameters");
	inst = xasprintf("%s-c", ctx->agent->instance);
	a.instance = inst;
	a.label = "probe (never-started instance C)";
	oc_expect(res, oc_agent_run(ctx->agent, &a), OCF_NOT_RUNNING);
	oc_action_release(&a);
	free(inst);
	return res->status;
}

static enum oc_status
multi_isolation(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_strv *p2 = multi_params2(ctx);

	if (!ctx->instance2_started)
		return oc_skip(res, "the second instance was not started");
	oc_expect(res, multi_run(ctx, "stop", NULL, NULL), OCF_SUCCESS);
	oc_expect(res, multi_run(ctx, "monitor", NULL, NULL), OCF_NOT_RUNNING);
	if (!oc_expect_rc(res, multi_run(ctx, "monitor", ctx->instance2, p2),
	    multi_running))
		oc_note(res, "stopping instance A stopped instance B too");
	oc_expect(res, multi_run(ctx, "stop", ctx->instance2, p2), OCF_SUCCESS);
	oc_expect(res, multi_run(ctx, "monitor", ctx->instance2, p2),
	    OCF_NOT_RUNNING);
	if (res->status == OC_PASS)
		ctx->instance2_started = 0;
	ctx->state = OC_ST_STOPPED;
	return res->status;
}

/* Rounds of multi.concurrent. */
#define MULTI_ROUNDS	1

/*
 * Starts, monitors and stops of the two instances at the same time, in
 * rounds: what a cluster does to two resources of one type, and what an
 * agent without locking around shared files gets wrong.
 */
static enum oc_status
multi_concurrent(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_SUCCESS, -1 };
	static const int stopped[] = { OCF_NOT_RUNNING, -1 };
	char when[32];
	int round;

	if (ctx->instance2 == NULL)
		return oc_skip(res, "the second instance was never started "
		    "(multi.parallel-start)");
	for (round = 1; round <= MULTI_ROUNDS; round++) {
		snprintf(when, sizeof(when), "round %d", round);
		ctx->instance2_started = 1;
		if (!multi_pair(ctx, res, "start", ok, when) ||
		    !multi_pair(ctx, res, "monitor", multi_running, when) ||
		    !multi_pair(ctx, res, "stop", ok, when) ||
		    !multi_pair(ctx, res, "monitor", stopped, when))
			break;
		ctx->instance2_started = 0;
	}
	if (res->status == OC_PASS)
		return OC_PASS;
	oc_note(res, "in round %d of %d", round, MULTI_ROUNDS);
	/* one at a time, so that the later rows start from stopped */
	(void)multi_run(ctx, "stop", NULL, NULL);
	(void)multi_run(ctx, "stop", ctx->instance2, multi_params2(ctx));
	if (oc_run_is(multi_run(ctx, "monitor", NULL, NULL), OCF_NOT_RUNNING))
		ctx->state = OC_ST_STOPPED;
	else
		oc_ctx_broken(ctx, "instance A did not stop after the "
		    "concurrent rounds (multi.concurrent)");
	return OC_FAIL;
}

static enum oc_status
multi_clone_name(struct oc_ctx *ctx, struct oc_result *res)
{
	char *inst = xasprintf("%s:0", ctx->agent->instance);

	oc_note(res, "OCF_RESOURCE_INSTANCE=%s, as for a globally unique clone",
	    inst);
	oc_expect(res, multi_run(ctx, "start", inst, NULL), OCF_SUCCESS);
	oc_expect_rc(res, multi_run(ctx, "monitor", inst, NULL), multi_running);
	oc_expect(res, multi_run(ctx, "stop", inst, NULL), OCF_SUCCESS);
	oc_expect(res, multi_run(ctx, "monitor", inst, NULL), OCF_NOT_RUNNING);
	if (res->status != OC_PASS)
		(void)multi_run(ctx, "stop", inst, NULL);
	free(inst);
	return res->status;
}

static const struct oc_run *
multi_migrate(struct oc_ctx *ctx, const char *action, const char *source,
    const char *target)
{
	struct oc_action a = OC_ACTION_INIT(action);
	const struct oc_run *r;

	oc_env_set(&a.set, "OCF_RESKEY_CRM_meta_migrate_source", source);
	oc_env_set(&a.set, "OCF_RESKEY_CRM_meta_migrate_target", target);
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

static enum oc_status
mig_stopped(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;

	if (!oc_meta_has_action(ctx->meta, "migrate_to"))
		return oc_skip(res, "migrate_to is not advertised");
	r = multi_migrate(ctx, "migrate_to", ctx->agent->hostname,
	    "ocf-check-peer");
	if (r->end == OC_PROC_EXITED && r->status != 0)
		return OC_PASS;
	res->run = r;
	oc_fail(res, "migrate_to of a stopped resource %s: there is nothing "
	    "to migrate", r->status == 0 ? "returned 0" : "did not exit");
	(void)oc_ctx_run(ctx, "stop");
	return OC_FAIL;
}

static enum oc_status
mig_simulated(struct oc_ctx *ctx, struct oc_result *res)
{
	const char *me = ctx->agent->hostname, *peer = "ocf-check-peer";

	if (!oc_meta_has_action(ctx->meta, "migrate_to") ||
	    !oc_meta_has_action(ctx->meta, "migrate_from"))
		return oc_skip(res, "migrate_to and migrate_from are not both "
		    "advertised");
	ctx->started_once = 1;
	if (!oc_expect(res, oc_ctx_run(ctx, "start"), OCF_SUCCESS))
		return OC_FAIL;
	oc_expect(res, multi_migrate(ctx, "migrate_to", me, peer), OCF_SUCCESS);
	oc_expect(res, oc_ctx_run(ctx, "stop"), OCF_SUCCESS);
	oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), OCF_NOT_RUNNING);
	oc_expect(res, multi_migrate(ctx, "migrate_from", peer, me), OCF_SUCCESS);
	oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), multi_running);
	oc_expect(res, oc_ctx_run(ctx, "stop"), OCF_SUCCESS);
	oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), OCF_NOT_RUNNING);
	return res->status;
}

#define STOPPED		(OC_NEED_LIFE | OC_NEED_STOPPED)

static const struct oc_check multi_rows[] = {
	{ "multi.parallel-start", "two instances started at once both run",
	  OC_SEV_ERROR, "S1.1 §Resource Agent Actions", STOPPED | OC_STATE,
	  multi_parallel_start },
	{ "multi.probe-other", "a probe of a third, never-started instance "
	  "returns 7", OC_SEV_ERROR, "PA §Globally Unique Clones",
	  OC_NEED_LIFE | OC_NEED_RUNNING, multi_probe_other },
	{ "multi.isolation", "stopping one instance leaves the other running",
	  OC_SEV_ERROR, "S1.1 §Resource Agent Actions",
	  OC_NEED_LIFE | OC_NEED_RUNNING | OC_STATE, multi_isolation },
	{ "multi.concurrent", "concurrent starts, monitors and stops of two "
	  "instances all succeed", OC_SEV_WARNING, "DG §Locks",
	  STOPPED | OC_STATE | OC_THOROUGH, multi_concurrent },
	{ "multi.clone-name", "the lifecycle works with a clone instance name "
	  "(name:0)", OC_SEV_WARNING, "DG §$OCF_RESOURCE_INSTANCE",
	  STOPPED | OC_THOROUGH,
	  multi_clone_name },
	{ "mig.stopped", "migrate_to of a stopped resource fails",
	  OC_SEV_INFO, "DG §migrate_to", STOPPED | OC_NEED_META | OC_THOROUGH,
	  mig_stopped },
	{ "mig.simulated", "an emulated live migration on one host works",
	  OC_SEV_WARNING, "DG §migrate_to and §migrate_from",
	  STOPPED | OC_NEED_META | OC_NEED_MIGRATE | OC_STATE, mig_simulated },
};

const struct oc_check_group oc_checks_multi = {
	multi_rows, OC_ARRAY_SIZE(multi_rows)
};
