/*
 * Unit tests of the OCF layer (agent.c): the environment built from
 * scratch, exit reasons, the history of runs, leftovers, and exec failures
 * seen through oc_agent_run().  Agents are small shell scripts written at
 * test time under <tmp>/resource.d/prov/, so the provider is derived from
 * the path as ocf-check does for installed agents.  The test's own
 * environment carries variables that must never reach an agent.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"

/*
 * The test agent.  "environ" prints its environment as received; "start"
 * leaves a sleep behind (output redirected, so the run ends at once);
 * "fail" gives exit reasons; "hang" outlives any deadline; "daemon" leaves
 * a sleep holding stdout and stderr; any other action prints its argument
 * count and argv, and exits 7.
 */
static const char agent_script[] =
	"#!/bin/sh\n"
	"case \"$1\" in\n"
	"environ) cat /proc/$$/environ; exit 0 ;;\n"
	"start) sleep \"$OCF_RESKEY_nap\" >/dev/null 2>&1 </dev/null &\n"
	"\texit 0 ;;\n"
	"fail) printf 'ocf-exit-reason:first\\nnoise\\n' >&2\n"
	"\tprintf 'ocf-exit-reason:the real one\\nmore\\n' >&2\n"
	"\texit 6 ;;\n"
	"hang) exec sleep 30 ;;\n"
	"daemon) sleep \"$OCF_RESKEY_nap\" & echo started; exit 0 ;;\n"
	"esac\n"
	"printf '%s\\n' \"$#\" \"$0\" \"$@\"\n"
	"exit 7\n";

/* What the test's own environment holds; none of it may reach an agent. */
static const char *const leaky[] = {
	"HOME", "LANG", "TERM", "__OCF_ACTION", "LC_ALL", "OCF_RESKEY_leak",
	"HA_LOGFACILITY", "HA_LOGFILE",
};

static char	 base[PATH_MAX];	/* temporary; holds resource.d/prov */
static char	*agent_path;		/* base/resource.d/prov/dummy */

static char *
make_file(const char *name, const char *content, mode_t mode)
{
	char *path = xasprintf("%s/%s", base, name);
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || write(fd, content, strlen(content)) !=
	    (ssize_t)strlen(content) || fchmod(fd, mode) == -1 || close(fd) == -1)
		fail_msg("cannot write '%s': %s", path, strerror(errno));
	return path;
}

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	size_t i;
	char *dir;

	(void)state;
	snprintf(base, sizeof(base), "%s/test-agent.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(base) == NULL)
		return -1;
	dir = xasprintf("%s/resource.d", base);
	(void)mkdir(dir, 0755);
	free(dir);
	dir = xasprintf("%s/resource.d/prov", base);
	(void)mkdir(dir, 0755);
	free(dir);
	agent_path = make_file("resource.d/prov/dummy", agent_script, 0755);
	for (i = 0; i < OC_ARRAY_SIZE(leaky); i++)
		setenv(leaky[i], "from-the-test", 1);
	setenv("OCF_ROOT", "/wrong/root", 1);
	setenv("PATH", "/wrong/path:/usr/bin:/bin", 1);
	if (oc_proc_become_subreaper() == -1)
		fprintf(stderr, "# cannot become a subreaper: %s\n",
		    strerror(errno));
	return 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static int
teardown(void **state)
{
	(void)state;
	(void)nftw(base, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(agent_path);
	return 0;
}

/* The names of env, sorted, as one "A B C" string (to compare sets). */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
env_names(const struct oc_strv *env)
{
	struct oc_buf b = OC_BUF_INIT;
	char **names = xcalloc(env->n + 1, sizeof(*names));
	size_t i;

	for (i = 0; i < env->n; i++)
		names[i] = xstrndup(env->v[i], strcspn(env->v[i], "="));
	qsort(names, env->n, sizeof(*names), cmp_str);
	for (i = 0; i < env->n; i++) {
		oc_buf_addf(&b, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	free(names);
	return oc_buf_detach(&b, NULL);
}

/* env holds exactly the variables named in want (sorted, space-separated). */
static void
assert_env_names(const struct oc_strv *env, const char *want)
{
	char *got = env_names(env);

	assert_string_equal(got, want);
	free(got);
}

static void
assert_env(const struct oc_strv *env, const char *name, const char *want)
{
	const char *got = oc_env_get(env, name);

	if (got == NULL)
		fail_msg("%s is not set", name);
	assert_string_equal(got, want);
}

/* The environment of an ordinary action. */
#define CORE_NAMES	"OCF_CHECK_RUN OCF_EXIT_REASON_PREFIX " \
	"OCF_RA_VERSION_MAJOR OCF_RA_VERSION_MINOR"
#define RES_NAMES	"OCF_RESOURCE_INSTANCE OCF_RESOURCE_PROVIDER " \
	"OCF_RESOURCE_TYPE OCF_ROOT PATH"

/* The provider comes from <dir>/resource.d/<provider>/<type>. */
static void
test_init_path(void **state)
{
	static const struct {
		const char	*path, *fixed, *type, *provider;
	} cases[] = {
		{ "/x/resource.d/prov/type", NULL, "type", "prov" },
		{ "/usr/lib/ocf/resource.d/heartbeat/IPaddr2", NULL, "IPaddr2",
		    "heartbeat" },
		{ "/resource.d/pacemaker/Dummy", NULL, "Dummy", "pacemaker" },
		{ "/x/notresource.d/p/t", NULL, "t", "heartbeat" },
		{ "/a/b/c", NULL, "c", "heartbeat" },
		/* relative paths are made absolute (from the cwd, links kept) */
		{ "Dummy", "", "Dummy", "heartbeat" },
		{ "./Dummy", "", "Dummy", "heartbeat" },
		{ "r/resource.d/pacemaker/Dummy", "", "Dummy", "pacemaker" },
	};
	char *cwd = getcwd(NULL, 0), *want;
	struct oc_agent ag;
	char *inst;
	size_t i;

	(void)state;
	for (i = 0; i < OC_ARRAY_SIZE(cases); i++) {
		oc_agent_init(&ag, cases[i].path);
		want = cases[i].fixed == NULL ? xstrdup(cases[i].path) :
		    xasprintf("%s/%s", cwd, cases[i].path +
		    (strncmp(cases[i].path, "./", 2) == 0 ? 2 : 0));
		assert_string_equal(ag.path, want);
		free(want);
		assert_string_equal(ag.type, cases[i].type);
		assert_string_equal(ag.provider, cases[i].provider);
		inst = xasprintf("ocf-check-%s-%ld", cases[i].type,
		    (long)getpid());
		assert_string_equal(ag.instance, inst);
		free(inst);
		assert_int_equal(ag.nruns, 0);
		oc_agent_release(&ag);
	}
	free(cwd);
	/* the OCF root is the one the agent is installed under */
	oc_agent_init(&ag, "/usr/lib/ocf/resource.d/heartbeat/IPaddr2");
	assert_string_equal(ag.ocf_root, "/usr/lib/ocf");
	oc_agent_release(&ag);
	oc_agent_init(&ag, "/resource.d/pacemaker/Dummy");
	assert_string_equal(ag.ocf_root, "/");
	oc_agent_release(&ag);
	oc_agent_init(&ag, "/a/b/c");
	assert_string_equal(ag.ocf_root, OCF_ROOT_DEFAULT);
	oc_agent_release(&ag);
}

/* What the environment-builder tests work on (setup_env/teardown_env). */
struct env_case {
	struct oc_agent	 ag;		/* /x/resource.d/prov/type */
	struct oc_action a;		/* monitor */
	struct oc_strv	 env;		/* the result */
};

static int
setup_env(void **state)
{
	struct env_case *c = xcalloc(1, sizeof(*c));
	const struct oc_action a = OC_ACTION_INIT("monitor");

	oc_agent_init(&c->ag, "/x/resource.d/prov/type");
	c->a = a;
	oc_strv_init(&c->env);
	*state = c;
	return 0;
}

static int
teardown_env(void **state)
{
	struct env_case *c = *state;

	oc_strv_release(&c->env);
	oc_action_release(&c->a);
	oc_agent_release(&c->ag);
	free(c);
	return 0;
}

/* An ordinary action: exactly Pacemaker's variables, nothing inherited. */
static void
test_env_action(void **state)
{
	struct env_case *c = *state;
	struct oc_strv *env = &c->env;
	struct utsname u;
	char *marker;

	oc_strv_push(&c->ag.params, "ip=10.0.0.1");
	oc_strv_push(&c->ag.params, "foo-bar=1");
	oc_agent_env(&c->ag, &c->a, 12345, env);
	assert_env_names(env, CORE_NAMES " OCF_RESKEY_CRM_meta_on_node "
	    "OCF_RESKEY_CRM_meta_on_node_uuid OCF_RESKEY_CRM_meta_timeout "
	    "OCF_RESKEY_crm_feature_set OCF_RESKEY_foo-bar OCF_RESKEY_ip "
	    RES_NAMES);
	assert_env(env, "PATH", OC_PATH_DEFAULT);
	/* /x/resource.d/prov/type: the root it is installed under */
	assert_env(env, "OCF_ROOT", "/x");
	assert_env(env, "OCF_RA_VERSION_MAJOR", "1");
	assert_env(env, "OCF_RA_VERSION_MINOR", "1");
	assert_env(env, "OCF_EXIT_REASON_PREFIX", "ocf-exit-reason:");
	assert_env(env, "OCF_RESOURCE_INSTANCE", c->ag.instance);
	assert_env(env, "OCF_RESOURCE_TYPE", "type");
	assert_env(env, "OCF_RESOURCE_PROVIDER", "prov");
	assert_env(env, "OCF_RESKEY_ip", "10.0.0.1");
	assert_env(env, "OCF_RESKEY_foo-bar", "1");
	assert_env(env, "OCF_RESKEY_CRM_meta_timeout", "12345");
	assert_env(env, "OCF_RESKEY_crm_feature_set", "3.16.1");
	assert_int_equal(uname(&u), 0);
	assert_env(env, "OCF_RESKEY_CRM_meta_on_node", u.nodename);
	assert_env(env, "OCF_RESKEY_CRM_meta_on_node_uuid", u.nodename);
	marker = xasprintf("%s:1:monitor:%s", c->ag.marker, c->ag.instance);
	assert_env(env, OC_MARKER_VAR, marker);
	free(marker);
}

/* meta-data runs as the controller runs it: no parameters, no timeout. */
static void
test_env_meta(void **state)
{
	struct env_case *c = *state;

	oc_strv_push(&c->ag.params, "ip=10.0.0.1");
	c->a.name = "meta-data";
	c->a.meta_env = 1;
	oc_agent_env(&c->ag, &c->a, 20000, &c->env);
	assert_env_names(&c->env, CORE_NAMES " " RES_NAMES);
	assert_env(&c->env, "OCF_RESOURCE_INSTANCE", "type");
}

/* -d, -X, a private HA_RSCTMP, --env and a minor version of 0. */
static void
test_env_options(void **state)
{
	struct env_case *c = *state;
	struct oc_agent *ag = &c->ag;

	ag->debug = ag->trace = 1;
	ag->rsctmp = xstrdup("/tmp/rsc tmp");
	ag->ra_minor = 0;
	oc_strv_push(&ag->env_extra, "EXTRA=a=b c");
	oc_strv_push(&ag->env_extra, "PATH=/custom");
	oc_agent_env(ag, &c->a, 20000, &c->env);
	assert_env(&c->env, "HA_debug", "1");
	assert_env(&c->env, "OCF_TRACE_RA", "1");
	assert_env(&c->env, "HA_RSCTMP", "/tmp/rsc tmp");
	assert_env(&c->env, "EXTRA", "a=b c");
	assert_env(&c->env, "PATH", "/custom");
	assert_env(&c->env, "OCF_RA_VERSION_MINOR", "0");
	oc_strv_release(&c->env);
	c->a.as_user = 1;	/* the unprivileged user gets the same one */
	oc_agent_env(ag, &c->a, 20000, &c->env);
	assert_env(&c->env, "HA_RSCTMP", "/tmp/rsc tmp");
	oc_strv_release(&c->env);
	c->a.meta_env = 1;	/* but meta-data none: the controller sets none */
	oc_agent_env(ag, &c->a, 20000, &c->env);
	assert_null(oc_env_get(&c->env, "HA_RSCTMP"));
}

/* The action's set and unset lists, instance and parameters apply. */
static void
test_env_set_unset(void **state)
{
	struct env_case *c = *state;
	struct oc_action *a = &c->a;
	struct oc_strv other = OC_STRV_INIT;

	oc_strv_push(&c->ag.params, "a=1");
	oc_strv_push(&c->ag.params, "b=2");
	oc_env_set(&a->set, "OCF_CHECK_LEVEL", "10");
	oc_env_set(&a->set, "OCF_RESKEY_a", "override");
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_interval", "10000");
	oc_strv_push(&a->unset, "OCF_RESKEY_b");
	oc_strv_push(&a->unset, "OCF_RESKEY_CRM_meta_on_node");
	oc_strv_push(&a->unset, "NOT_THERE");
	a->instance = "second";
	oc_agent_env(&c->ag, a, 20000, &c->env);
	assert_env_names(&c->env, "OCF_CHECK_LEVEL " CORE_NAMES " "
	    "OCF_RESKEY_CRM_meta_interval OCF_RESKEY_CRM_meta_on_node_uuid "
	    "OCF_RESKEY_CRM_meta_timeout OCF_RESKEY_a OCF_RESKEY_crm_feature_set "
	    RES_NAMES);
	assert_env(&c->env, "OCF_CHECK_LEVEL", "10");
	assert_env(&c->env, "OCF_RESKEY_a", "override");
	assert_env(&c->env, "OCF_RESKEY_CRM_meta_interval", "10000");
	assert_env(&c->env, "OCF_RESOURCE_INSTANCE", "second");
	oc_strv_release(&c->env);
	/* other parameters replace the agent's entirely */
	oc_strv_push(&other, "z=26");
	a->params = &other;
	oc_strv_release(&a->unset);
	oc_agent_env(&c->ag, a, 20000, &c->env);
	assert_null(oc_env_get(&c->env, "OCF_RESKEY_b"));
	assert_env(&c->env, "OCF_RESKEY_z", "26");
	assert_env(&c->env, "OCF_RESKEY_a", "override");
	oc_strv_release(&other);
}

/* Awkward -o values, as the builder holds them. */
static const char *const odd_params[] = {
	"space=two  words ",
	"quotes=it's \"quoted\"",
	"subst=$(touch pwned)",
	"backq=`touch pwned`",
	"newline=line 1\nline 2\n",
	"equals=a=b==c=",
	"empty=",
	"weird name=x",
	"utf8=\xc3\xa9\xe2\x9c\x93",
};

/*
 * -o values reach the agent byte for byte: the environment the agent
 * received is exactly the one built, nothing was expanded or run, and
 * nothing of the test's own environment came along.
 */
static void
test_env_verbatim(void **state)
{
	struct oc_agent ag;
	struct oc_action a = OC_ACTION_INIT("environ");
	struct oc_strv env = OC_STRV_INIT;
	struct oc_buf want = OC_BUF_INIT;
	const struct oc_run *r;
	char *var;
	size_t i;

	(void)state;
	oc_agent_init(&ag, agent_path);
	for (i = 0; i < OC_ARRAY_SIZE(odd_params); i++)
		oc_strv_push(&ag.params, odd_params[i]);
	oc_agent_env(&ag, &a, oc_agent_timeout(&ag, "environ"), &env);
	for (i = 0; i < OC_ARRAY_SIZE(odd_params); i++) {
		var = xasprintf("OCF_RESKEY_%s", odd_params[i]);
		var[strcspn(var, "=")] = '\0';
		assert_env(&env, var, odd_params[i] + strcspn(odd_params[i],
		    "=") + 1);
		free(var);
	}
	for (i = 0; i < env.n; i++)
		oc_buf_add(&want, env.v[i], strlen(env.v[i]) + 1);
	r = oc_agent_run(&ag, &a);
	assert_int_equal(r->end, OC_PROC_EXITED);
	assert_int_equal(r->status, 0);
	assert_int_equal(r->out.len, want.len);
	assert_memory_equal(r->out.buf, want.buf, want.len);
	for (i = 0; i < OC_ARRAY_SIZE(leaky); i++)
		assert_null(oc_env_get(&env, leaky[i]));
	assert_int_equal(access("pwned", F_OK), -1);	/* in our cwd */
	oc_buf_release(&want);
	oc_strv_release(&env);
	oc_action_release(&a);
	oc_agent_release(&ag);
}

static void
assert_reason(const char *err, size_t len, const char *want)
{
	char *got = oc_exit_reason(err, len);

	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(got);
}
#define REASON(s, want)	assert_reason((s), sizeof(s) - 1, (want))

/* The exit reason is the last "ocf-exit-reason:" up to its end of line. */
static void
test_exit_reason(void **state)
{
	(void)state;
	REASON("", NULL);
	REASON("no reason here\n", NULL);
	REASON("ocf-exit-reason:only\n", "only");
	REASON("ocf-exit-reason:first\nx\nocf-exit-reason:second one\ny\n",
	    "second one");
	REASON("ocf-exit-reason:a\nocf-exit-reason:b", "b");
	REASON("log: ocf-exit-reason:mid line\n", "mid line");
	REASON("ocf-exit-reason:\n", "");
	REASON("ocf-exit-reason:x ocf-exit-reason:y\n", "y");
	REASON("ocf-exit-reason:ok\nocf-exit-reason", "ok");
	REASON("bin\0ary\nocf-exit-reason:after a NUL\n", "after a NUL");
	REASON("ocf-exit-reason:", "");
}

static int	hooked;

static void
count_action(void *arg, const struct oc_run *r)
{
	(void)arg;
	(void)r;
	hooked++;
}

/*
 * oc_agent_run records every action in order: seq, action, label, the
 * environment note, the outcome and the exit reason.  The agent gets
 * exactly {path, action} as arguments.
 */
static void
test_history(void **state)
{
	struct oc_agent ag;
	struct oc_action fail = OC_ACTION_INIT("fail");
	struct oc_action mon = OC_ACTION_INIT("monitor");
	struct oc_action quiet = OC_ACTION_INIT("monitor");
	const struct oc_run *r1, *r2, *r3, *r4;
	struct oc_buf b = OC_BUF_INIT, d = OC_BUF_INIT;

	(void)state;
	oc_agent_init(&ag, agent_path);
	oc_strv_push(&ag.params, "x=1");
	ag.on_action = count_action;
	hooked = 0;

	r1 = oc_agent_simple(&ag, "monitor");
	assert_int_equal(r1->seq, 1);
	assert_string_equal(r1->action, "monitor");
	assert_null(r1->label);
	assert_string_equal(oc_run_name(r1), "monitor");
	assert_string_equal(r1->env, "");
	assert_string_equal(r1->instance, ag.instance);
	assert_true(oc_run_is(r1, 7));
	assert_true(r1->probe);
	assert_null(r1->exit_reason);
	assert_int_equal(r1->timeout_ms, OC_DEFAULT_TIMEOUT_MS);
	oc_buf_addf(&b, "1\n%s\nmonitor\n", agent_path);
	assert_string_equal(r1->out.buf, b.buf);
	oc_run_describe(r1, &d);
	assert_string_equal(d.buf, "exited with OCF_NOT_RUNNING (7)");
	oc_buf_reset(&d);

	fail.label = "failing";
	oc_env_set(&fail.set, "OCF_CHECK_LEVEL", "10");
	oc_strv_push(&fail.unset, "OCF_RESKEY_x");
	r2 = oc_agent_run(&ag, &fail);
	assert_int_equal(r2->seq, 2);
	assert_string_equal(r2->action, "fail");
	assert_string_equal(oc_run_name(r2), "failing");
	assert_string_equal(r2->env, "OCF_CHECK_LEVEL=10, OCF_RESKEY_x unset");
	assert_true(oc_run_is(r2, 6));
	assert_false(r2->probe);
	assert_string_equal(r2->exit_reason, "the real one");
	assert_string_equal(r2->err.buf,
	    "ocf-exit-reason:first\nnoise\nocf-exit-reason:the real one\nmore\n");

	oc_env_set(&mon.set, "OCF_RESKEY_CRM_meta_interval", "10000");
	r3 = oc_agent_run(&ag, &mon);
	assert_int_equal(r3->seq, 3);
	assert_false(r3->probe);	/* a recurring monitor */

	quiet.quiet = 1;
	r4 = oc_agent_run(&ag, &quiet);
	assert_int_equal(r4->seq, 4);
	assert_int_equal(hooked, 3);	/* the quiet one is not announced */

	assert_int_equal(ag.nruns, 4);
	assert_ptr_equal(ag.runs[0], r1);
	assert_ptr_equal(ag.runs[1], r2);
	assert_ptr_equal(ag.runs[3], r4);
	assert_int_equal(ag.actions_ms, r1->elapsed_ms + r2->elapsed_ms +
	    r3->elapsed_ms + r4->elapsed_ms);
	{
		/* two at once count as the longer of the two */
		const struct oc_action *both[2] = { &mon, &quiet };
		const struct oc_run *rr[2];
		long before = ag.actions_ms;

		oc_agent_run_many(&ag, both, 2, rr);
		assert_int_equal(ag.actions_ms - before,
		    rr[0]->elapsed_ms > rr[1]->elapsed_ms ?
		    rr[0]->elapsed_ms : rr[1]->elapsed_ms);
	}
	oc_buf_release(&b);
	oc_buf_release(&d);
	oc_action_release(&fail);
	oc_action_release(&mon);
	oc_action_release(&quiet);
	oc_agent_release(&ag);
}

/* Timeouts: --timeout, then advertised (first wins), then 20 s. */
static void
test_timeouts(void **state)
{
	struct oc_agent ag;
	struct oc_action hang = OC_ACTION_INIT("hang");
	const struct oc_run *r;
	struct oc_buf d = OC_BUF_INIT;
	char *want;

	(void)state;
	oc_agent_init(&ag, agent_path);
	assert_int_equal(oc_agent_timeout(&ag, "start"), OC_DEFAULT_TIMEOUT_MS);
	assert_int_equal(oc_agent_timeout(&ag, "meta-data"), OC_META_TIMEOUT_MS);
	oc_agent_set_timeout(&ag, "monitor", 5000);
	oc_agent_set_timeout(&ag, "monitor", 9000);
	oc_agent_set_timeout(&ag, "environ", 4321);
	assert_true(oc_agent_has_timeout(&ag, "monitor"));
	assert_false(oc_agent_has_timeout(&ag, "start"));
	assert_int_equal(oc_agent_timeout(&ag, "monitor"), 5000);
	assert_int_equal(oc_agent_timeout(&ag, "status"), 5000);

	/* the advertised timeout is what the agent is told and held to */
	r = oc_agent_simple(&ag, "environ");
	assert_int_equal(r->timeout_ms, 4321);
	want = xasprintf("%s=4321", "OCF_RESKEY_CRM_meta_timeout");
	assert_non_null(memmem(r->out.buf, r->out.len, want, strlen(want) + 1));
	free(want);

	/* past it, the agent is killed and the run says so */
	hang.timeout_ms = 300;
	ag.grace_ms = 200;
	r = oc_agent_run(&ag, &hang);
	assert_int_equal(r->end, OC_PROC_TIMED_OUT);
	assert_true(r->elapsed_ms >= 300 && r->elapsed_ms < 300 + 200 + 1500);
	oc_run_describe(r, &d);
	assert_string_equal(d.buf, "timed out after 300 ms and was killed");

	ag.timeout_override_ms = 777;
	assert_int_equal(oc_agent_timeout(&ag, "monitor"), 777);
	oc_buf_release(&d);
	oc_action_release(&hang);
	oc_agent_release(&ag);
}

/*
 * The leftovers, once the first one runs cmd: the shell's background child
 * may not have executed sleep yet when start has already exited.
 */
static size_t
wait_leftover(const struct oc_agent *ag, const char *cmd,
    struct oc_leftover **l)
{
	long long until = oc_now_ms() + 3000;
	size_t n;

	for (;;) {
		n = oc_agent_leftovers(ag, NULL, l);
		if ((n > 0 && strcmp((*l)[0].cmdline, cmd) == 0) ||
		    oc_now_ms() > until)
			return n;
		oc_leftovers_free(*l, n);
		usleep(10000);
	}
}

/*
 * A process left behind by start is found by its marker, with the action
 * that started it and its command line, and oc_agent_kill_leftovers()
 * kills (and, as subreaper, reaps) it.
 */
static void
test_leftovers(void **state)
{
	struct oc_agent ag;
	struct oc_leftover *l;
	const struct oc_run *r;
	char nap[32], *cmd;
	size_t n;
	pid_t pid;

	(void)state;
	snprintf(nap, sizeof(nap), "%ld", 3000 + (long)getpid() % 997);
	oc_agent_init(&ag, agent_path);
	oc_env_set(&ag.params, "nap", nap);
	r = oc_agent_simple(&ag, "start");
	assert_true(oc_run_is(r, 0));
	assert_false(r->pipes_held);
	assert_true(r->elapsed_ms < 2000);

	cmd = xasprintf("sleep %s", nap);
	n = wait_leftover(&ag, cmd, &l);
	assert_int_equal(n, 1);
	pid = l[0].pid;
	assert_string_equal(l[0].action, "start");
	assert_string_equal(l[0].cmdline, cmd);
	free(cmd);
	oc_leftovers_free(l, n);
	assert_int_equal(kill(pid, 0), 0);

	n = oc_agent_leftovers(&ag, ag.instance, &l);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].pid, pid);
	oc_leftovers_free(l, n);
	n = oc_agent_leftovers(&ag, "another-instance", &l);
	assert_int_equal(n, 0);
	oc_leftovers_free(l, n);

	assert_int_equal(oc_agent_kill_leftovers(&ag, NULL), 1);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	n = oc_agent_leftovers(&ag, NULL, &l);
	assert_int_equal(n, 0);
	oc_leftovers_free(l, n);
	oc_agent_release(&ag);
}

/*
 * A daemon that keeps the agent's stdout open does not delay the run
 * beyond the agent's own exit by more than a second; the run says the
 * pipes were held, and the daemon is a leftover like any other.
 */
static void
test_daemon_holds_stdout(void **state)
{
	struct oc_agent ag;
	const struct oc_run *r;
	long long t0, wall;

	(void)state;
	oc_agent_init(&ag, agent_path);
	oc_env_set(&ag.params, "nap", "30");
	t0 = oc_now_ms();
	r = oc_agent_simple(&ag, "daemon");
	wall = oc_now_ms() - t0;
	assert_true(oc_run_is(r, 0));
	assert_string_equal(r->out.buf, "started\n");
	assert_true(r->pipes_held);
	assert_true(wall < 1500);
	assert_int_equal(oc_agent_kill_leftovers(&ag, NULL), 1);
	oc_agent_release(&ag);
}

static void
assert_agent_exec_fails(const char *path, int err)
{
	struct oc_agent ag;
	const struct oc_run *r;
	struct oc_buf d = OC_BUF_INIT;
	char *want;

	oc_agent_init(&ag, path);
	r = oc_agent_simple(&ag, "monitor");
	assert_int_equal(r->end, OC_PROC_EXEC_FAILED);
	assert_int_equal(r->exec_errno, err);
	assert_false(oc_run_is(r, 127));
	oc_run_describe(r, &d);
	want = xasprintf("could not be executed (%s)", strerror(err));
	assert_string_equal(d.buf, want);
	free(want);
	oc_buf_release(&d);
	oc_agent_release(&ag);
}

/* An agent that cannot be executed is an outcome with the right errno. */
static void
test_exec_failures(void **state)
{
	char *missing = xasprintf("%s/resource.d/prov/missing", base);
	char *mode644 = make_file("resource.d/prov/mode644",
	    "#!/bin/sh\nexit 0\n", 0644);
	char *interp = make_file("resource.d/prov/interp",
	    "#!/nonexistent/ocf-check-sh\nexit 0\n", 0755);
	char *crlf = make_file("resource.d/prov/crlf",
	    "#!/bin/sh\r\nexit 0\r\n", 0755);

	(void)state;
	assert_agent_exec_fails(missing, ENOENT);
	assert_agent_exec_fails(mode644, EACCES);
	assert_agent_exec_fails(interp, ENOENT);
	assert_agent_exec_fails(crlf, ENOENT);
	free(missing);
	free(mode644);
	free(interp);
	free(crlf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_path),
		cmocka_unit_test_setup_teardown(test_env_action, setup_env,
		    teardown_env),
		cmocka_unit_test_setup_teardown(test_env_meta, setup_env,
		    teardown_env),
		cmocka_unit_test_setup_teardown(test_env_options, setup_env,
		    teardown_env),
		cmocka_unit_test_setup_teardown(test_env_set_unset, setup_env,
		    teardown_env),
		cmocka_unit_test(test_env_verbatim),
		cmocka_unit_test(test_exit_reason),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_timeouts),
		cmocka_unit_test(test_leftovers),
		cmocka_unit_test(test_daemon_holds_stdout),
		cmocka_unit_test(test_exec_failures),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
