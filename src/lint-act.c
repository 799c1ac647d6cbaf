/*
 * Lint rules on advertised actions (act.* in ocf-rules.md §1.5): names,
 * timeouts and intervals as Pacemaker reads them, roles, depths, and
 * entries that Pacemaker could not tell apart.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "duration.h"
#include "lint.h"
#include "ocf.h"

#define LINT_SECOND	1000LL
#define LINT_DAY	(86400LL * LINT_SECOND)

static const char *
lint_name(const struct oc_meta_action *a)
{
	return a->name ? a->name : "";
}

static int
lint_is(const struct oc_meta_action *a, const char *name)
{
	return a->name != NULL && strcmp(a->name, name) == 0;
}

void
oc_lint_act_mandatory(const struct oc_meta *m, struct oc_lint *l)
{
	static const char *const must[] = {
		"start", "stop", "monitor", "meta-data",
	};
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(must); i++)
		if (!oc_meta_has_action(m, must[i]))
			oc_lint_add(l, OC_SEV_ERROR, "the mandatory action %s "
			    "is not advertised", must[i]);
	if (!oc_meta_has_action(m, "validate-all"))
		oc_lint_add(l, OC_SEV_INFO, "validate-all is not advertised "
		    "(recommended)");
}

void
oc_lint_act_names(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_action *a;
	size_t i;

	for (i = 0; i < m->nactions; i++) {
		a = &m->actions[i];
		if (a->name == NULL)
			oc_lint_add(l, OC_SEV_WARNING, "line %d: an action "
			    "without a name", a->line);
		else if (!ocf_action_known(a->name) &&
		    !ocf_action_legacy(a->name))
			oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s' is "
			    "not an OCF action name%s", a->line, a->name,
			    strcmp(a->name, "validate") == 0 ?
			    " (validate-all?)" : "");
	}
}

void
oc_lint_act_timeout(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_action *a;
	size_t i;

	for (i = 0; i < m->nactions; i++) {
		a = &m->actions[i];
		if (a->timeout == NULL)
			oc_lint_add(l, OC_SEV_ERROR, "line %d: action '%s' has "
			    "no timeout", a->line, lint_name(a));
		else if (a->timeout_ms < 0)
			oc_lint_add(l, OC_SEV_ERROR, "line %d: action '%s': "
			    "timeout '%s' is not a duration Pacemaker reads "
			    "(such as 20s, 1min or 500ms)", a->line,
			    lint_name(a), a->timeout);
	}
}

static void
lint_timeout_sane(const struct oc_meta_action *a, struct oc_lint *l)
{
	long long t = a->timeout_ms;

	if (t == 0)
		oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s': timeout "
		    "is 0", a->line, lint_name(a));
	else if (t < LINT_SECOND)
		oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s': timeout "
		    "'%s' is under a second", a->line, lint_name(a), a->timeout);
	else if (t > LINT_DAY)
		oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s': timeout "
		    "'%s' is over a day", a->line, lint_name(a), a->timeout);
	else if ((lint_is(a, "start") || lint_is(a, "stop")) &&
	    t < 10 * LINT_SECOND)
		oc_lint_add(l, OC_SEV_INFO, "line %d: action '%s': timeout "
		    "'%s' is under the 10 s advised for start and stop",
		    a->line, lint_name(a), a->timeout);
	if (!oc_duration_has_unit(a->timeout))
		oc_lint_add(l, OC_SEV_INFO, "line %d: action '%s': timeout "
		    "'%s' has no unit (seconds); write %ss", a->line,
		    lint_name(a), a->timeout, a->timeout);
}

void
oc_lint_act_timeout_sane(const struct oc_meta *m, struct oc_lint *l)
{
	size_t i;

	for (i = 0; i < m->nactions; i++)
		if (m->actions[i].timeout_ms >= 0)
			lint_timeout_sane(&m->actions[i], l);
}

void
oc_lint_act_interval(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_action *a;
	long long ms;
	size_t i;

	for (i = 0; i < m->nactions; i++) {
		a = &m->actions[i];
		if (a->interval_ms < 0)
			oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s': "
			    "interval '%s' is not a duration", a->line,
			    lint_name(a), a->interval);
		else if (a->interval_ms > 0 && (lint_is(a, "start") ||
		    lint_is(a, "stop")))
			oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s' "
			    "has interval '%s'; Pacemaker forces 0 for %s",
			    a->line, a->name, a->interval, a->name);
		if (a->start_delay != NULL &&
		    oc_duration_parse(a->start_delay, &ms) != 0)
			oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s': "
			    "start-delay '%s' is not a duration", a->line,
			    lint_name(a), a->start_delay);
	}
}

void
oc_lint_act_monitor_interval(const struct oc_meta *m, struct oc_lint *l)
{
	size_t i, monitors = 0;

	for (i = 0; i < m->nactions; i++) {
		if (!lint_is(&m->actions[i], "monitor"))
			continue;
		if (m->actions[i].interval_ms > 0)
			return;
		monitors++;
	}
	if (monitors > 0)
		oc_lint_add(l, OC_SEV_INFO, "no monitor entry has an interval: "
		    "advertise a recurring monitor (such as interval=\"10s\")");
}

static int
lint_streq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

void
oc_lint_act_distinct(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_action *a, *b;
	size_t i, j;

	for (i = 0; i < m->nactions; i++) {
		a = &m->actions[i];
		for (j = 0; j < i; j++) {
			b = &m->actions[j];
			if (!lint_streq(a->name, b->name) || a->interval_ms < 0 ||
			    a->interval_ms != b->interval_ms)
				continue;
			if (lint_streq(a->timeout, b->timeout) &&
			    lint_streq(a->role, b->role) &&
			    lint_streq(a->depth, b->depth))
				oc_lint_add(l, OC_SEV_WARNING, "line %d: action "
				    "'%s' repeats the entry on line %d",
				    a->line, lint_name(a), b->line);
			else
				oc_lint_add(l, OC_SEV_WARNING, "line %d: action "
				    "'%s' has the same interval as on line %d; "
				    "Pacemaker tells operations apart by name "
				    "and interval (give each role and depth its "
				    "own)", a->line, lint_name(a), b->line);
			break;
		}
	}
}

void
oc_lint_act_role(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_action *a;
	size_t i;

	for (i = 0; i < m->nactions; i++) {
		a = &m->actions[i];
		if (a->role == NULL || strcasecmp(a->role, "Promoted") == 0 ||
		    strcasecmp(a->role, "Unpromoted") == 0)
			continue;
		if (strcasecmp(a->role, "Master") == 0 ||
		    strcasecmp(a->role, "Slave") == 0)
			oc_lint_add(l, OC_SEV_INFO, "line %d: action '%s': role "
			    "'%s' is the legacy name of %s", a->line,
			    lint_name(a), a->role, strcasecmp(a->role,
			    "Master") == 0 ? "Promoted" : "Unpromoted");
		else
			oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s': "
			    "role '%s' is neither Promoted nor Unpromoted",
			    a->line, lint_name(a), a->role);
	}
}

void
oc_lint_act_depth(const struct oc_meta *m, struct oc_lint *l)
{
	const struct oc_meta_action *a;
	size_t i;

	for (i = 0; i < m->nactions; i++) {
		a = &m->actions[i];
		if (a->depth != NULL && a->depth_n != 0 && a->depth_n != 10 &&
		    a->depth_n != 20)
			oc_lint_add(l, OC_SEV_WARNING, "line %d: action '%s': "
			    "depth '%s' is not 0, 10 or 20 (the others are "
			    "reserved)", a->line, lint_name(a), a->depth);
	}
}

static void
lint_pair(const struct oc_meta *m, const char *x, const char *y,
    enum oc_sev sev, struct oc_lint *l)
{
	int hx = oc_meta_has_action(m, x), hy = oc_meta_has_action(m, y);

	if (hx != hy)
		oc_lint_add(l, sev, "%s is advertised without %s",
		    hx ? x : y, hx ? y : x);
}

void
oc_lint_act_pairs(const struct oc_meta *m, struct oc_lint *l)
{
	lint_pair(m, "promote", "demote", OC_SEV_ERROR, l);
	lint_pair(m, "migrate_to", "migrate_from", OC_SEV_WARNING, l);
}

/*
 * The controller takes reload-agent as the way to apply reloadable
 * parameters only from an agent whose <version> says 1.1 or later; from
 * an older one the action is never called.
 */
void
oc_lint_reload_agent_version(const struct oc_meta *m, struct oc_lint *l)
{
	size_t i;

	if (oc_meta_is_11(m))
		return;
	for (i = 0; i < m->nactions; i++)
		if (strcmp(m->actions[i].name, "reload-agent") == 0) {
			oc_lint_add(l, OC_SEV_WARNING, "line %d: reload-agent is "
			    "advertised, but <version> is '%s': Pacemaker uses "
			    "reload-agent only from OCF 1.1 agents, so it is "
			    "never called", m->actions[i].line,
			    m->version ? m->version : "");
			return;
		}
}
