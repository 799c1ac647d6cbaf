/* The OCF layer over proc: environment, running, history; see agent.h. */
#include "config.h"

#include <sys/types.h>
#include <sys/utsname.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "ocf.h"

#define AGENT_FEATURE_SET	"3.16.1"

void
oc_action_release(struct oc_action *a)
{
	oc_strv_release(&a->set);
	oc_strv_release(&a->unset);
	oc_strv_release(&a->extra_args);
}

int
oc_run_is(const struct oc_run *r, int rc)
{
	return r->end == OC_PROC_EXITED && r->status == rc;
}

const char *
oc_run_name(const struct oc_run *r)
{
	if (r->label != NULL)
		return r->label;
	return r->action != NULL ? r->action : "(no action)";
}

void
oc_run_describe(const struct oc_run *r, struct oc_buf *b)
{
	switch (r->end) {
	case OC_PROC_EXITED:
		oc_buf_addf(b, "exited with %s", ocf_rc_str(r->status));
		break;
	case OC_PROC_SIGNALED:
		oc_buf_addf(b, "was killed by %s", oc_signal_name(r->status));
		break;
	case OC_PROC_TIMED_OUT:
		oc_buf_addf(b, "timed out after %ld ms and was killed",
		    r->timeout_ms);
		break;
	case OC_PROC_EXEC_FAILED:
		oc_buf_addf(b, "could not be executed (%s)",
		    strerror(r->exec_errno));
		break;
	case OC_PROC_INTERRUPTED:
		oc_buf_adds(b, "was interrupted (ocf-check got a signal)");
		break;
	}
}

void
oc_agent_init(struct oc_agent *ag, const char *path)
{
	struct utsname u;
	const char *base, *slash;
	char *copy, *dir, *pslash;
	static unsigned counter;

	memset(ag, 0, sizeof(*ag));
	oc_strv_init(&ag->params);
	oc_strv_init(&ag->params2);
	oc_strv_init(&ag->env_extra);
	/* absolute (symlinks kept), so it runs from any directory and as
	 * any user, and resource.d/<provider>/ shows in relative paths too */
	if (path[0] == '/')
		ag->path = xstrdup(path);
	else {
		char *cwd = getcwd(NULL, 0);

		if (cwd == NULL)
			oc_die_errno("cannot get the current directory");
		ag->path = xasprintf("%s/%s", strcmp(cwd, "/") ? cwd : "",
		    strncmp(path, "./", 2) == 0 ? path + 2 : path);
		free(cwd);
	}
	slash = strrchr(ag->path, '/');
	base = slash + 1;
	ag->type = xstrdup(base);
	/* <root>/resource.d/<provider>/<type>: take the provider from it */
	copy = xstrndup(ag->path, (size_t)(slash - ag->path));
	pslash = strrchr(copy, '/');
	dir = pslash != NULL ? pslash + 1 : copy;
	if (pslash != NULL && pslash - copy >= 11 &&
	    strncmp(pslash - 11, "/resource.d", 11) == 0 && *dir != '\0') {
		ag->provider = xstrdup(dir);
		/* installed under an OCF root: that root is the agent's */
		ag->ocf_root = pslash - copy == 11 ? xstrdup("/") :
		    xstrndup(copy, (size_t)(pslash - copy - 11));
	} else
		ag->provider = xstrdup("heartbeat");
	free(copy);
	ag->instance = xasprintf("ocf-check-%s-%ld", ag->type, (long)getpid());
	if (ag->ocf_root == NULL)
		ag->ocf_root = xstrdup(OCF_ROOT_DEFAULT);
	ag->hostname = xstrdup(uname(&u) == 0 ? u.nodename : "localhost");
	ag->ra_minor = 1;
	ag->timeout_override_ms = -1;
	ag->grace_ms = 2000;
	ag->marker = xasprintf("%ld.%lld.%u", (long)getpid(), oc_now_ms(),
	    counter++);
}

static void
agent_run_free(struct oc_run *r)
{
	free(r->action);
	free(r->label);
	free(r->env);
	free(r->instance);
	free(r->exit_reason);
	oc_buf_release(&r->out);
	oc_buf_release(&r->err);
	free(r);
}

void
oc_agent_release(struct oc_agent *ag)
{
	size_t i;

	for (i = 0; i < ag->nruns; i++)
		agent_run_free(ag->runs[i]);
	free(ag->runs);
	for (i = 0; i < ag->ntimeouts; i++)
		free(ag->timeouts[i].action);
	free(ag->timeouts);
	free(ag->path);
	free(ag->type);
	free(ag->provider);
	free(ag->instance);
	free(ag->ocf_root);
	free(ag->hostname);
	free(ag->marker);
	free(ag->rsctmp);
	free(ag->workdir);
	oc_strv_release(&ag->params);
	oc_strv_release(&ag->params2);
	oc_strv_release(&ag->env_extra);
	memset(ag, 0, sizeof(*ag));
}

void
oc_agent_set_timeout(struct oc_agent *ag, const char *action, long ms)
{
	if (oc_agent_has_timeout(ag, action))
		return;
	ag->timeouts = xrealloc(ag->timeouts,
	    (ag->ntimeouts + 1) * sizeof(*ag->timeouts));
	ag->timeouts[ag->ntimeouts].action = xstrdup(action);
	ag->timeouts[ag->ntimeouts].ms = ms;
	ag->ntimeouts++;
}

int
oc_agent_has_timeout(const struct oc_agent *ag, const char *action)
{
	size_t i;

	for (i = 0; i < ag->ntimeouts; i++)
		if (strcmp(ag->timeouts[i].action, action) == 0)
			return 1;
	return 0;
}

long
oc_agent_timeout(const struct oc_agent *ag, const char *action)
{
	size_t i;

	if (ag->timeout_override_ms >= 0)
		return ag->timeout_override_ms;
	if (action == NULL)
		return OC_DEFAULT_TIMEOUT_MS;
	for (i = 0; i < ag->ntimeouts; i++)
		if (strcmp(ag->timeouts[i].action, action) == 0)
			return ag->timeouts[i].ms > 0 ? ag->timeouts[i].ms :
			    OC_DEFAULT_TIMEOUT_MS;
	if (strcmp(action, "meta-data") == 0)
		return OC_META_TIMEOUT_MS;
	/* status is monitor's old name; reload-agent and the like default */
	if (strcmp(action, "status") == 0)
		return oc_agent_timeout(ag, "monitor");
	return OC_DEFAULT_TIMEOUT_MS;
}

/* What Pacemaker gives every action of a promotable clone (§2.3). */
static void
agent_clone_env(struct oc_strv *env)
{
	static const char *const meta[][2] = {
		{ "clone", "0" }, { "clone_max", "2" }, { "clone_node_max", "1" },
		{ "globally_unique", "false" }, { "notify", "false" },
		{ "promotable", "true" }, { "promoted_max", "1" },
		{ "promoted_node_max", "1" }, { "master_max", "1" },
		{ "master_node_max", "1" },
	};
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(meta); i++) {
		char *name = xasprintf("OCF_RESKEY_CRM_meta_%s", meta[i][0]);

		oc_env_set(env, name, meta[i][1]);
		free(name);
	}
}

void
oc_agent_env(const struct oc_agent *ag, const struct oc_action *a,
    long timeout_ms, struct oc_strv *env)
{
	const struct oc_strv *params = a->params ? a->params : &ag->params;
	const char *inst = a->instance ? a->instance : ag->instance;
	size_t i;

	oc_env_set(env, "PATH", OC_PATH_DEFAULT);
	oc_env_set(env, "OCF_ROOT", ag->ocf_root);
	oc_env_set(env, "OCF_RA_VERSION_MAJOR", "1");
	oc_strv_pushf(env, "OCF_RA_VERSION_MINOR=%d", ag->ra_minor);
	oc_env_set(env, "OCF_EXIT_REASON_PREFIX", "ocf-exit-reason:");
	oc_env_set(env, "OCF_RESOURCE_INSTANCE", a->meta_env ? ag->type : inst);
	oc_env_set(env, "OCF_RESOURCE_TYPE", ag->type);
	oc_env_set(env, "OCF_RESOURCE_PROVIDER", ag->provider);
	if (!a->meta_env) {
		for (i = 0; i < params->n; i++)
			oc_strv_pushf(env, "OCF_RESKEY_%s", params->v[i]);
		oc_strv_pushf(env, "OCF_RESKEY_CRM_meta_timeout=%ld", timeout_ms);
		oc_env_set(env, "OCF_RESKEY_crm_feature_set", AGENT_FEATURE_SET);
		oc_env_set(env, "OCF_RESKEY_CRM_meta_on_node", ag->hostname);
		oc_env_set(env, "OCF_RESKEY_CRM_meta_on_node_uuid", ag->hostname);
	}
	if (ag->promotable && !a->meta_env)
		agent_clone_env(env);
	if (ag->debug)
		oc_env_set(env, "HA_debug", "1");
	if (ag->trace)
		oc_env_set(env, "OCF_TRACE_RA", "1");
	/* not for meta-data: the controller that runs it sets none */
	if (ag->rsctmp != NULL && !a->meta_env)
		oc_env_set(env, "HA_RSCTMP", ag->rsctmp);
	for (i = 0; i < ag->env_extra.n; i++) {
		char *eq = strchr(ag->env_extra.v[i], '=');
		char *name = xstrndup(ag->env_extra.v[i],
		    (size_t)(eq - ag->env_extra.v[i]));

		oc_env_set(env, name, eq + 1);
		free(name);
	}
	for (i = 0; i < a->set.n; i++) {
		char *eq = strchr(a->set.v[i], '=');
		char *name = xstrndup(a->set.v[i], (size_t)(eq - a->set.v[i]));

		oc_env_set(env, name, eq + 1);
		free(name);
	}
	for (i = 0; i < a->unset.n; i++)
		oc_env_unset(env, a->unset.v[i]);
	{
		char *m = xasprintf("%s:%zu:%s:%s", ag->marker, ag->nruns + 1,
		    a->name ? a->name : "-", inst);

		oc_env_set(env, OC_MARKER_VAR, m);
		free(m);
	}
}

char *
oc_exit_reason(const char *err, size_t len)
{
	static const char prefix[] = "ocf-exit-reason:";
	const char *p, *last = NULL, *end;

	for (p = err; p + sizeof(prefix) - 1 <= err + len; p++) {
		p = memmem(p, (size_t)(err + len - p), prefix, sizeof(prefix) - 1);
		if (p == NULL)
			break;
		last = p;
	}
	if (last == NULL)
		return NULL;
	last += sizeof(prefix) - 1;
	end = memchr(last, '\n', (size_t)(err + len - last));
	if (end == NULL)
		end = err + len;
	return xstrndup(last, (size_t)(end - last));
}

/* "OCF_CHECK_LEVEL=10, OCF_RESKEY_ip unset, as user nobody" */
char *
oc_action_env_note(const struct oc_agent *ag, const struct oc_action *a)
{
	struct oc_buf b = OC_BUF_INIT;
	size_t i;

	if (a->note != NULL)
		return xstrdup(a->note);
	/* the first few say what it is (notify type and operation...) */
	for (i = 0; i < a->set.n && i < 4; i++)
		oc_buf_addf(&b, "%s%s", b.len ? ", " : "", a->set.v[i]);
	if (a->set.n > 4)
		oc_buf_addf(&b, " and %zu more", a->set.n - 4);
	for (i = 0; i < a->unset.n; i++)
		oc_buf_addf(&b, "%s%s unset", b.len ? ", " : "", a->unset.v[i]);
	if (a->instance != NULL && strcmp(a->instance, ag->instance) != 0)
		oc_buf_addf(&b, "%sOCF_RESOURCE_INSTANCE=%s", b.len ? ", " : "",
		    a->instance);
	if (a->params != NULL && a->params != &ag->params)
		oc_buf_addf(&b, "%sother parameters", b.len ? ", " : "");
	if (a->meta_env)
		oc_buf_addf(&b, "%sno parameters (as the controller runs it)",
		    b.len ? ", " : "");
	if (a->as_user)
		oc_buf_addf(&b, "%sas an unprivileged user (uid %ld)",
		    b.len ? ", " : "", (long)ag->user_uid);
	if (a->extra_args.n)
		oc_buf_addf(&b, "%sextra arguments", b.len ? ", " : "");
	if (a->stdin_fd >= 0)
		oc_buf_addf(&b, "%s%s", b.len ? ", " : "", a->tty ?
		    "a terminal on stdin, as in a shell" : "stdin an open pipe");
	return oc_buf_detach(&b, NULL);
}

static void
agent_prepare(struct oc_agent *ag, const struct oc_action *a, struct oc_proc *p)
{
	long timeout = a->timeout_ms > 0 ? a->timeout_ms :
	    oc_agent_timeout(ag, a->name);
	size_t i;

	oc_strv_push(&p->argv, ag->path);
	if (a->name != NULL)
		oc_strv_push(&p->argv, a->name);
	for (i = 0; i < a->extra_args.n; i++)
		oc_strv_push(&p->argv, a->extra_args.v[i]);
	oc_agent_env(ag, a, timeout, &p->envp);
	p->timeout_ms = timeout;
	p->grace_ms = ag->grace_ms;
	p->stdin_fd = a->stdin_fd;
	p->ctty = a->tty;
	p->no_interrupt = a->cleanup;
	if (a->as_user && ag->have_user) {
		p->set_ids = 1;
		p->uid = ag->user_uid;
		p->gid = ag->user_gid;
		p->cwd = "/";
	}
}

static void
agent_tick(void *arg, const struct oc_proc *p, long ms)
{
	struct oc_agent *ag = arg;

	if (ag->on_tick != NULL)
		ag->on_tick(ag->hook_arg, p->argv.n > 1 ? p->argv.v[1] : "(none)",
		    ms);
}

static const struct oc_run *
agent_record(struct oc_agent *ag, const struct oc_action *a, struct oc_proc *p)
{
	struct oc_run *r = xcalloc(1, sizeof(*r));
	const char *interval;

	r->seq = (int)ag->nruns + 1;
	r->action = a->name ? xstrdup(a->name) : NULL;
	r->label = a->label ? xstrdup(a->label) : NULL;
	r->env = oc_action_env_note(ag, a);
	r->instance = xstrdup(a->instance ? a->instance : ag->instance);
	r->end = p->end;
	r->status = p->status;
	r->exec_errno = p->exec_errno;
	r->elapsed_ms = p->elapsed_ms;
	r->timeout_ms = p->timeout_ms;
	r->exit_reason = oc_exit_reason(p->err.buf, p->err.len);
	r->out = p->out;
	r->err = p->err;
	oc_buf_init(&p->out);
	oc_buf_init(&p->err);
	r->out_dropped = p->out_dropped;
	r->err_dropped = p->err_dropped;
	r->pipes_held = p->pipes_held;
	interval = oc_env_get(&p->envp, "OCF_RESKEY_CRM_meta_interval");
	r->probe = a->name != NULL && strcmp(a->name, "monitor") == 0 &&
	    (interval == NULL || strcmp(interval, "0") == 0);
	r->as_user = a->as_user;
	r->cleanup = a->cleanup;
	r->own_timeout = a->own_timeout;
	r->off_protocol = a->off_protocol;
	ag->runs = xrealloc(ag->runs, (ag->nruns + 1) * sizeof(*ag->runs));
	ag->runs[ag->nruns++] = r;
	oc_proc_reap_orphans();
	if (ag->on_action != NULL && !a->quiet)
		ag->on_action(ag->hook_arg, r);
	return r;
}

void
oc_agent_run_many(struct oc_agent *ag, const struct oc_action *const *acts,
    size_t n, const struct oc_run **runs)
{
	struct oc_proc *ps = xcalloc(n, sizeof(*ps));
	struct oc_proc **pp = xcalloc(n, sizeof(*pp));
	const struct oc_proc init = OC_PROC_INIT;
	long longest = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		ps[i] = init;
		agent_prepare(ag, acts[i], &ps[i]);
		ps[i].tick = agent_tick;
		ps[i].tick_arg = ag;
		pp[i] = &ps[i];
	}
	if (oc_proc_run_many(pp, n) == -1)
		oc_die("cannot run the agent '%s'", ag->path);
	for (i = 0; i < n; i++) {
		runs[i] = agent_record(ag, acts[i], &ps[i]);
		oc_proc_release(&ps[i]);
		/* actions run together take the time of the longest */
		if (runs[i]->elapsed_ms > longest)
			longest = runs[i]->elapsed_ms;
	}
	ag->actions_ms += longest;
	free(pp);
	free(ps);
}

const struct oc_run *
oc_agent_run(struct oc_agent *ag, const struct oc_action *a)
{
	const struct oc_run *r;

	oc_agent_run_many(ag, &a, 1, &r);
	return r;
}

const struct oc_run *
oc_agent_simple(struct oc_agent *ag, const char *name)
{
	struct oc_action a = OC_ACTION_INIT(name);
	const struct oc_run *r = oc_agent_run(ag, &a);

	oc_action_release(&a);
	return r;
}

/* Read /proc/<pid>/<what> into b (NUL separators kept); 0 or -1. */
static int
agent_read_proc(pid_t pid, const char *what, struct oc_buf *b)
{
	char path[64];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%ld/%s", (long)pid, what);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while ((n = oc_buf_read_once(b, fd, 1 << 20, NULL)) > 0)
		;
	close(fd);
	return 0;
}

/* The marker value in an environ block, or NULL. */
static const char *
agent_find_marker(const struct oc_buf *env)
{
	static const char var[] = OC_MARKER_VAR "=";
	size_t i = 0;

	while (i < env->len) {
		const char *s = env->buf + i;
		size_t l = strnlen(s, env->len - i);

		if (l >= sizeof(var) - 1 && memcmp(s, var, sizeof(var) - 1) == 0)
			return s + sizeof(var) - 1;
		i += l + 1;
	}
	return NULL;
}

/* Is pid a child of ocf-check (an orphan given to the subreaper)? */
static int
agent_is_our_child(pid_t pid)
{
	struct oc_buf st = OC_BUF_INIT;
	const char *p;
	long ppid = -1;

	if (agent_read_proc(pid, "stat", &st) == 0 &&
	    (p = strrchr(st.buf, ')')) != NULL)
		sscanf(p + 1, " %*c %ld", &ppid);
	oc_buf_release(&st);
	return ppid == (long)getpid();
}

static void
agent_add_leftover(struct oc_leftover **list, size_t *n, pid_t pid,
    const char *action)
{
	struct oc_buf cmd = OC_BUF_INIT;
	size_t i;

	agent_read_proc(pid, "cmdline", &cmd);
	for (i = 0; i < cmd.len; i++)
		if (cmd.buf[i] == '\0')
			cmd.buf[i] = ' ';
	oc_buf_rtrim(&cmd);
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[*n].pid = pid;
	(*list)[*n].action = xstrdup(action);
	(*list)[*n].cmdline = cmd.len ? oc_buf_detach(&cmd, NULL) :
	    xstrdup("(no command line: a zombie?)");
	oc_buf_release(&cmd);
	(*n)++;
}

size_t
oc_agent_leftovers(const struct oc_agent *ag, const char *instance,
    struct oc_leftover **out)
{
	struct oc_leftover *list = NULL;
	size_t n = 0, mlen = strlen(ag->marker);
	struct dirent *de;
	DIR *d;

	*out = NULL;
	if ((d = opendir("/proc")) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		struct oc_buf env = OC_BUF_INIT;
		const char *m, *act, *inst;
		char *endp;
		long pid = strtol(de->d_name, &endp, 10);

		if (*endp != '\0' || pid <= 0 || pid == (long)getpid())
			continue;
		if (agent_read_proc((pid_t)pid, "environ", &env) == -1 ||
		    (m = agent_find_marker(&env)) == NULL ||
		    strncmp(m, ag->marker, mlen) != 0 || m[mlen] != ':') {
			oc_buf_release(&env);
			/* an orphan re-parented to us lost its environment */
			if (instance == NULL && agent_is_our_child((pid_t)pid))
				agent_add_leftover(&list, &n, (pid_t)pid, "?");
			continue;
		}
		/* marker:seq:action:instance */
		act = strchr(m + mlen + 1, ':');
		inst = act ? strchr(act + 1, ':') : NULL;
		if (inst == NULL || (instance != NULL &&
		    strcmp(inst + 1, instance) != 0)) {
			oc_buf_release(&env);
			continue;
		}
		{
			char *action = xstrndup(act + 1, (size_t)(inst - act - 1));

			agent_add_leftover(&list, &n, (pid_t)pid, action);
			free(action);
		}
		oc_buf_release(&env);
	}
	closedir(d);
	*out = list;
	return n;
}

void
oc_leftovers_free(struct oc_leftover *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(l[i].cmdline);
		free(l[i].action);
	}
	free(l);
}

size_t
oc_agent_kill_leftovers(struct oc_agent *ag, const char *instance)
{
	struct oc_leftover *l;
	size_t n, i, killed = 0;
	int round;

	for (round = 0; round < 50; round++) {
		n = oc_agent_leftovers(ag, instance, &l);
		for (i = 0; i < n; i++)
			if (kill(l[i].pid, SIGKILL) == 0 && round == 0)
				killed++;
		oc_leftovers_free(l, n);
		oc_proc_reap_orphans();
		if (n == 0)
			break;
		usleep(20000);
	}
	return killed;
}
