/*
 * agent: the OCF layer over proc.  Knows what an agent is (path, type,
 * provider, instance, parameters), builds Pacemaker's environment from
 * scratch for every action, runs it, and keeps a history of every action
 * run, which checks and reporters read.
 *
 *	struct oc_action a = OC_ACTION_INIT("monitor");
 *	oc_env_set(&a.set, "OCF_RESKEY_CRM_meta_interval", "0");
 *	run = oc_agent_run(agent, &a);	(never NULL; owned by agent)
 *	oc_action_release(&a);
 */
#ifndef OC_AGENT_H
#define OC_AGENT_H

#include <sys/types.h>

#include "buf.h"
#include "proc.h"
#include "strv.h"

#define OC_DEFAULT_TIMEOUT_MS	20000L	/* Pacemaker's default op timeout */
#define OC_META_TIMEOUT_MS	20000L	/* the controller's fixed limit */
#define OC_PATH_DEFAULT	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define OC_MARKER_VAR	"OCF_CHECK_RUN"	/* finds an agent's processes */

/* One action to run: the name and how its environment differs. */
struct oc_action {
	const char	*name;		/* argv[1]; NULL: no argument at all */
	const char	*label;		/* for reports ("probe"); NULL = name */
	const char	*note;		/* says how the environment differs, in
					   place of the list of set (NULL) */
	struct oc_strv	 set;		/* NAME=value added or replaced */
	struct oc_strv	 unset;		/* NAME removed from the environment */
	struct oc_strv	 extra_args;	/* argv[2...] (exec.extra-args) */
	const char	*instance;	/* NULL: the agent's instance */
	const struct oc_strv *params;	/* NULL: the agent's -o parameters */
	long		 timeout_ms;	/* 0: advertised or default */
	int		 stdin_fd;	/* -1: /dev/null */
	unsigned	 tty:1;		/* stdin_fd is a terminal, made the
					   controlling one (exec.no-tty) */
	unsigned	 meta_env:1;	/* meta-data: no parameters, no timeout */
	unsigned	 as_user:1;	/* run as the unprivileged user */
	unsigned	 quiet:1;	/* not shown as an action in -v output */
	unsigned	 cleanup:1;	/* cleanup: runs even when interrupted */
	unsigned	 own_timeout:1;	/* timeout_ms is the check's own limit,
					   not the agent's (time.* ignore it) */
	unsigned	 off_protocol:1; /* a call Pacemaker never makes (stop
					   while promoted): only the row that
					   made it judges its exit code */
};
#define OC_ACTION_INIT(n) { .name = (n), .set = OC_STRV_INIT, \
	.unset = OC_STRV_INIT, .extra_args = OC_STRV_INIT, .stdin_fd = -1 }
void	oc_action_release(struct oc_action *);

/* The record of one action that ran; kept in the agent's history. */
struct oc_run {
	int		 seq;		/* 1, 2, ... in order of running */
	char		*action;	/* NULL for "no argument" */
	char		*label;		/* "probe", "monitor (OCF_CHECK_LEVEL=10)" */
	char		*env;		/* what differed: "A=1, B unset" or "" */
	char		*instance;
	enum oc_proc_end end;
	int		 status;	/* exit code, or signal */
	int		 exec_errno;
	long		 elapsed_ms;
	long		 timeout_ms;
	char		*exit_reason;	/* last ocf-exit-reason: line, or NULL */
	struct oc_buf	 out, err;	/* captured, capped */
	size_t		 out_dropped, err_dropped;
	unsigned	 pipes_held:1;	/* a descendant kept stdout/stderr */
	unsigned	 probe:1;	/* monitor without a recurring interval */
	unsigned	 as_user:1;
	unsigned	 cleanup:1;
	unsigned	 own_timeout:1;
	unsigned	 off_protocol:1;
};

/* Did the action exit normally with code rc? */
int	oc_run_is(const struct oc_run *, int rc);
/* "exited with OCF_NOT_RUNNING (7)" / "timed out after 20000 ms" ... */
void	oc_run_describe(const struct oc_run *, struct oc_buf *);
/* Display name: label or action, e.g. "monitor (probe)". */
const char *oc_run_name(const struct oc_run *);

/* Called for every action run (reporters' -v output and progress). */
typedef void	(*oc_action_hook)(void *arg, const struct oc_run *run);
typedef void	(*oc_tick_hook)(void *arg, const char *what, long ms);

struct oc_agent_timeout {
	char	*action;
	long	 ms;
};

struct oc_agent {
	/* Set up by oc_agent_init() and the command line. */
	char		*path;		/* as given (made to contain a '/') */
	char		*type;		/* OCF_RESOURCE_TYPE */
	char		*provider;	/* OCF_RESOURCE_PROVIDER */
	char		*instance;	/* OCF_RESOURCE_INSTANCE (-n) */
	char		*ocf_root;
	char		*hostname;
	struct oc_strv	 params;	/* name=value from -o, in order */
	struct oc_strv	 params2;	/* second instance's, from -O */
	struct oc_strv	 env_extra;	/* --env NAME=value, for every action */
	int		 ra_minor;	/* OCF_RA_VERSION_MINOR (1) */
	unsigned	 debug:1;	/* -d: HA_debug=1 */
	unsigned	 trace:1;	/* -X: OCF_TRACE_RA=1 */
	unsigned	 promotable:1;	/* run as a promotable clone instance:
					   every action gets the clone meta */
	long		 timeout_override_ms;	/* --timeout; < 0 none */
	long		 grace_ms;	/* SIGTERM -> SIGKILL */
	char		*marker;	/* value of OCF_CHECK_RUN for this run */
	char		*rsctmp;	/* private HA_RSCTMP, or NULL */
	char		*workdir;	/* ocf-check's own temporary files
					   (stand-in commands...), or NULL */
	uid_t		 user_uid;	/* the unprivileged user (nobody) */
	gid_t		 user_gid;
	unsigned	 have_user:1;

	/* Advertised timeouts, filled from meta-data. */
	struct oc_agent_timeout *timeouts;
	size_t		 ntimeouts;

	/* History: every action run, in order. */
	struct oc_run	**runs;
	size_t		 nruns;
	long		 actions_ms;	/* time spent running actions (those
					   run together count once) */

	oc_action_hook	 on_action;
	oc_tick_hook	 on_tick;
	void		*hook_arg;
};

/* Derive type, provider and OCF root (from <root>/resource.d/<provider>/
 * <type>, else "heartbeat" and the configured root) and a default instance
 * from path. */
void	oc_agent_init(struct oc_agent *, const char *path);
void	oc_agent_release(struct oc_agent *);
/* Record an advertised timeout for an action (first one wins). */
void	oc_agent_set_timeout(struct oc_agent *, const char *action, long ms);
/* The timeout an action runs under: --timeout, advertised, or 20 s. */
long	oc_agent_timeout(const struct oc_agent *, const char *action);
/* Was an advertised timeout recorded for action? */
int	oc_agent_has_timeout(const struct oc_agent *, const char *action);

/* How a's environment differs from the plain one, as oc_run.env says it:
 * "OCF_CHECK_LEVEL=10, OCF_RESKEY_ip unset" ("" for none); free() it. */
char	*oc_action_env_note(const struct oc_agent *, const struct oc_action *);
/* Build the complete environment for action a into env. */
void	oc_agent_env(const struct oc_agent *, const struct oc_action *,
	    long timeout_ms, struct oc_strv *env);
/*
 * Run a; the record is appended to the history and returned (never NULL).
 * ocf-check's own failures (fork, pipe) end the program with status 3.
 */
const struct oc_run *oc_agent_run(struct oc_agent *, const struct oc_action *);
/* Run several actions at the same time; records returned in runs[]. */
void	oc_agent_run_many(struct oc_agent *, const struct oc_action *const *acts,
	    size_t n, const struct oc_run **runs);
/* Convenience: run name with no environment changes. */
const struct oc_run *oc_agent_simple(struct oc_agent *, const char *name);

/* Parse Pacemaker's way: the text after the last "ocf-exit-reason:" up
 * to the end of that line; NULL if none. */
char	*oc_exit_reason(const char *err, size_t len);

/* Processes carrying this run's marker in their environment. */
struct oc_leftover {
	pid_t	 pid;
	char	*cmdline;
	char	*action;	/* the action that started it, if known */
};
size_t	oc_agent_leftovers(const struct oc_agent *, const char *instance,
	    struct oc_leftover **out);
void	oc_leftovers_free(struct oc_leftover *, size_t);
/* SIGKILL every process carrying the marker (for instance, or all when
 * NULL); returns how many were killed. */
size_t	oc_agent_kill_leftovers(struct oc_agent *, const char *instance);

#endif
