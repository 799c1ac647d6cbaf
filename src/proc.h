/*
 * proc: run one program the way pacemaker-execd runs an agent, and survive
 * whatever it does.  Knows nothing about OCF.
 *
 * Life cycle: struct oc_proc p = OC_PROC_INIT; fill argv/envp and limits;
 * oc_proc_run(&p); read the outcome fields; oc_proc_release(&p).
 *
 * The child gets stdin from /dev/null (or stdin_fd), stdout and stderr on
 * pipes read concurrently with poll(), no descriptor above 2, default
 * signal dispositions and an empty mask, and leads its own session and
 * process group, with no controlling terminal (or stdin_fd as its
 * controlling terminal, with ctty).
 * The run ends when the child exits (never on end-of-file of its pipes);
 * afterwards the pipes are drained for at most drain_ms.  On the deadline
 * the group gets SIGTERM, then SIGKILL after grace_ms, and is reaped.
 */
#ifndef OC_PROC_H
#define OC_PROC_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "strv.h"

enum oc_proc_end {
	OC_PROC_EXITED,		/* status = exit code */
	OC_PROC_SIGNALED,	/* status = signal number */
	OC_PROC_TIMED_OUT,	/* deadline hit; status = signal that ended it */
	OC_PROC_EXEC_FAILED,	/* exec_errno says why; the program never ran */
	OC_PROC_INTERRUPTED,	/* ocf-check was interrupted; group was killed */
};

struct oc_proc {
	/* Inputs.  argv and envp are owned and freed by oc_proc_release(). */
	struct oc_strv	 argv;		/* argv[0] is a path; no PATH search */
	struct oc_strv	 envp;		/* the complete environment */
	const char	*cwd;		/* borrowed; NULL = inherit */
	long		 timeout_ms;	/* < 0: no deadline */
	long		 grace_ms;	/* SIGTERM -> SIGKILL delay on timeout */
	long		 drain_ms;	/* reading after exit, at most */
	size_t		 max_output;	/* kept per stream; the rest is counted */
	int		 stdin_fd;	/* -1: /dev/null; else dup'ed onto 0 */
	unsigned	 ctty:1;	/* stdin_fd is a terminal: the child takes
					   it as controlling terminal (a
					   shell's setting) */
	uid_t		 uid;		/* run as this user when set_ids */
	gid_t		 gid;
	unsigned	 set_ids:1;
	unsigned	 no_interrupt:1; /* ignore oc_proc_interrupted */
	/* Called about once a second while the program runs (progress). */
	void		(*tick)(void *arg, const struct oc_proc *p, long ms);
	void		*tick_arg;

	/* Outputs, valid after oc_proc_run() returned 0. */
	pid_t		 pid;		/* also the process group id */
	enum oc_proc_end end;
	int		 status;
	int		 exec_errno;
	long		 elapsed_ms;
	struct oc_buf	 out, err;
	size_t		 out_dropped, err_dropped;
	unsigned	 pipes_held:1;	/* still open drain_ms after exit */

	/* Private to proc.c. */
	int		 fd_out, fd_err, fd_pid, fd_exec;
	long long	 t_start, t_deadline, t_kill, t_exit, t_tick;
	int		 state;
};

#define OC_PROC_MAX_OUTPUT	(10u * 1024 * 1024)
#define OC_PROC_INIT { .argv = OC_STRV_INIT, .envp = OC_STRV_INIT, \
	.out = OC_BUF_INIT, .err = OC_BUF_INIT, .timeout_ms = -1, \
	.grace_ms = 2000, .drain_ms = 200, .max_output = OC_PROC_MAX_OUTPUT, \
	.stdin_fd = -1, .fd_out = -1, .fd_err = -1, .fd_pid = -1, \
	.fd_exec = -1 }

/* Set by the caller's signal handler; aborts runs not marked no_interrupt. */
extern volatile sig_atomic_t oc_proc_interrupted;

/*
 * Run p to completion.  0: an outcome was recorded in p; -1: ocf-check
 * itself failed (pipe, fork, poll), with errno set and a message printed.
 */
int	oc_proc_run(struct oc_proc *p);
/* Run n programs at the same time; same return convention. */
int	oc_proc_run_many(struct oc_proc **ps, size_t n);
void	oc_proc_release(struct oc_proc *p);

/* Milliseconds on CLOCK_MONOTONIC. */
long long	oc_now_ms(void);

/* Make this process a child subreaper (Linux); 0 or -1. */
int	oc_proc_become_subreaper(void);
/* Reap exited children we are not waiting for (orphans); returns count. */
int	oc_proc_reap_orphans(void);

/* A one-line description of the outcome ("exited with 7", "killed by SIGSEGV"...). */
void	oc_proc_describe(const struct oc_proc *p, struct oc_buf *out);
const char *oc_signal_name(int sig);

#endif
