/* Run a program under supervision; see proc.h. */
#include "config.h"

#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"

volatile sig_atomic_t oc_proc_interrupted;

enum proc_state {
	PROC_RUNNING,		/* child not reaped yet */
	PROC_DRAINING,		/* reaped; reading what is left in the pipes */
	PROC_DONE,
};

/* Stages the child can fail in, reported through the exec pipe. */
enum proc_stage { STAGE_SETUP = 1, STAGE_EXEC = 2 };

static void	proc_child(struct oc_proc *, int, int, int, int) OC_NORETURN;
static int	proc_spawn(struct oc_proc *);
static void	proc_reaped(struct oc_proc *, int);
static void	proc_expire(struct oc_proc *, long long);
static void	proc_finish(struct oc_proc *);

long long
oc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
proc_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int
proc_pipe(int fds[2])
{
	if (pipe2(fds, O_CLOEXEC) == -1)
		return -1;
	return 0;
}

static int
proc_pidfd_open(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

/*
 * Between fork and exec: only async-signal-safe calls.  On failure, write
 * {stage, errno} to the exec pipe and _exit(127).
 */
static void
proc_child(struct oc_proc *p, int in, int out, int err, int ex)
{
	struct sigaction sa;
	sigset_t none;
	int msg[2], sig, e;
	char *shargv[64];
	size_t i;

	msg[0] = STAGE_SETUP;
	/* a session of its own: its own process group, and no controlling
	 * terminal, as under pacemaker-execd, even when ocf-check has one */
	if (setsid() == -1)
		goto fail;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		(void)sigaction(sig, &sa, NULL);
#ifdef SYS_rt_sigaction
	/*
	 * glibc's sigaction() refuses the signals it reserves (32, 33), which
	 * GNU make, for one, leaves ignored; the kernel does not.  An all-zero
	 * kernel sigaction is SIG_DFL whatever the architecture's layout.
	 */
	for (sig = 32; sig < SIGRTMIN; sig++) {
		unsigned long ksa[8] = { 0 };

		(void)syscall(SYS_rt_sigaction, sig, ksa, NULL,
		    (size_t)(NSIG - 1) / 8);
	}
#endif
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(err, 2) == -1)
		goto fail;
	if (p->ctty && ioctl(0, TIOCSCTTY, 0) == -1)
		goto fail;
#ifdef HAVE_CLOSE_RANGE
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == -1)
#endif
	{
		struct rlimit rl;
		int fd, max = 4096;

		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 65536)
			max = (int)rl.rlim_cur;
		for (fd = 3; fd < max; fd++)
			if (fd != ex)
				(void)close(fd);
	}
	if (p->cwd != NULL && chdir(p->cwd) == -1)
		goto fail;
	if (p->set_ids && (setgroups(0, NULL) == -1 || setgid(p->gid) == -1 ||
	    setuid(p->uid) == -1))
		goto fail;
	msg[0] = STAGE_EXEC;
	execve(p->argv.v[0], p->argv.v, p->envp.v);
	if (errno == ENOEXEC) {
		/* execvp semantics: a file without #! runs under /bin/sh */
		shargv[0] = "/bin/sh";
		for (i = 0; i < p->argv.n && i < OC_ARRAY_SIZE(shargv) - 2; i++)
			shargv[i + 1] = p->argv.v[i];
		shargv[i + 1] = NULL;
		execve("/bin/sh", shargv, p->envp.v);
		errno = ENOEXEC;
	}
fail:
	e = errno;
	msg[1] = e;
	(void)!write(ex, msg, sizeof(msg));
	_exit(127);
}

static int
proc_spawn(struct oc_proc *p)
{
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, px[2] = { -1, -1 };
	int in = -1, saved;
	pid_t pid;

	if (p->argv.n == 0)
		OC_BUG("oc_proc_run without argv");
	if (proc_pipe(po) == -1 || proc_pipe(pe) == -1 || proc_pipe(px) == -1)
		goto fail;
	if (p->stdin_fd >= 0)
		in = p->stdin_fd;
	else if ((in = open("/dev/null", O_RDONLY | O_CLOEXEC)) == -1)
		goto fail;
	p->t_start = oc_now_ms();
	pid = fork();
	if (pid == -1)
		goto fail;
	if (pid == 0)
		proc_child(p, in, po[1], pe[1], px[1]);
	/*
	 * No setpgid(pid, pid) here: setsid() fails in a process group
	 * leader.  A kill of the group before the child's setsid() finds no
	 * group; the next one (SIGKILL after the grace) finds it.
	 */
	p->pid = pid;
	if (in != p->stdin_fd)
		close(in);
	close(po[1]);
	close(pe[1]);
	close(px[1]);
	p->fd_out = po[0];
	p->fd_err = pe[0];
	p->fd_exec = px[0];
	fcntl(p->fd_out, F_SETFL, O_NONBLOCK);
	fcntl(p->fd_err, F_SETFL, O_NONBLOCK);
	p->fd_pid = proc_pidfd_open(pid);
	/* a deadline past the end of the clock is no deadline (no overflow) */
	p->t_deadline = p->timeout_ms >= 0 &&
	    p->timeout_ms <= LLONG_MAX - p->t_start ?
	    p->t_start + p->timeout_ms : -1;
	p->t_kill = -1;
	p->t_tick = p->t_start + 1000;
	p->state = PROC_RUNNING;
	p->end = OC_PROC_EXITED;
	p->status = -1;
	return 0;
fail:
	saved = errno;
	if (in >= 0 && in != p->stdin_fd)
		close(in);
	proc_close(&po[0]), proc_close(&po[1]);
	proc_close(&pe[0]), proc_close(&pe[1]);
	proc_close(&px[0]), proc_close(&px[1]);
	errno = saved;
	return oc_error_errno("cannot start '%s'", p->argv.v[0]);
}

/* The child was reaped with wait status ws. */
static void
proc_reaped(struct oc_proc *p, int ws)
{
	int msg[2];
	ssize_t n;

	p->t_exit = oc_now_ms();
	p->elapsed_ms = (long)(p->t_exit - p->t_start);
	if (p->end != OC_PROC_TIMED_OUT && p->end != OC_PROC_INTERRUPTED) {
		if (WIFSIGNALED(ws)) {
			p->end = OC_PROC_SIGNALED;
			p->status = WTERMSIG(ws);
		} else {
			p->end = OC_PROC_EXITED;
			p->status = WEXITSTATUS(ws);
		}
	} else
		p->status = WIFSIGNALED(ws) ? WTERMSIG(ws) : WEXITSTATUS(ws);
	do
		n = read(p->fd_exec, msg, sizeof(msg));
	while (n == -1 && errno == EINTR);
	if (n == (ssize_t)sizeof(msg)) {
		p->end = OC_PROC_EXEC_FAILED;
		p->exec_errno = msg[1];
		p->status = 127;
	}
	proc_close(&p->fd_exec);
	proc_close(&p->fd_pid);
	p->state = PROC_DRAINING;
}

/* Try to reap p without blocking; 1 if reaped. */
static int
proc_try_reap(struct oc_proc *p)
{
	int ws;
	pid_t r;

	do
		r = waitpid(p->pid, &ws, WNOHANG);
	while (r == -1 && errno == EINTR);
	if (r != p->pid)
		return 0;
	proc_reaped(p, ws);
	return 1;
}

/* The deadline passed (or we were interrupted): TERM, then KILL the group. */
static void
proc_expire(struct oc_proc *p, long long now)
{
	if (p->t_kill < 0) {
		if (p->end != OC_PROC_INTERRUPTED)
			p->end = OC_PROC_TIMED_OUT;
		if (p->grace_ms > 0) {
			(void)kill(-p->pid, SIGTERM);
			p->t_kill = now + p->grace_ms;
			return;
		}
		p->t_kill = now;
	}
	if (now >= p->t_kill) {
		(void)kill(-p->pid, SIGKILL);
		(void)kill(p->pid, SIGKILL);	/* in case it left its group */
		p->t_kill = now + 1000;		/* repeat if it is slow to die */
	}
}

static void
proc_finish(struct oc_proc *p)
{
	if (p->fd_out >= 0 || p->fd_err >= 0)
		p->pipes_held = 1;
	proc_close(&p->fd_out);
	proc_close(&p->fd_err);
	p->state = PROC_DONE;
}

/* Read one stream; close it at end-of-file. */
static void
proc_read(struct oc_proc *p, int *fd, struct oc_buf *b, size_t *dropped)
{
	ssize_t n;
	int i;

	/* a few reads per wakeup keep up with fast writers */
	for (i = 0; i < 16; i++) {
		n = oc_buf_read_once(b, *fd, p->max_output, dropped);
		if (n == 0 || (n == -1 && errno != EAGAIN)) {
			proc_close(fd);
			return;
		}
		if (n == -1)
			return;
	}
}

/* When p next needs attention, or -1 for "only on an event". */
static long long
proc_next_wakeup(const struct oc_proc *p)
{
	switch (p->state) {
	case PROC_RUNNING:
		if (p->t_kill >= 0)
			return p->t_kill;
		return p->t_deadline;
	case PROC_DRAINING:
		return p->t_exit + p->drain_ms;
	default:
		return -1;
	}
}

/* Advance p's state machine after poll() returned; revents per fd. */
static void
proc_step(struct oc_proc *p, short rout, short rerr, long long now)
{
	if (rout)
		proc_read(p, &p->fd_out, &p->out, &p->out_dropped);
	if (rerr)
		proc_read(p, &p->fd_err, &p->err, &p->err_dropped);
	if (p->state == PROC_RUNNING && p->tick != NULL && now >= p->t_tick) {
		p->tick(p->tick_arg, p, (long)(now - p->t_start));
		p->t_tick = now + 1000;
	}
	if (p->state == PROC_RUNNING) {
		if (proc_try_reap(p))
			now = oc_now_ms();
		else if (oc_proc_interrupted && !p->no_interrupt &&
		    p->end != OC_PROC_INTERRUPTED && p->t_kill < 0) {
			p->end = OC_PROC_INTERRUPTED;
			proc_expire(p, now);
		} else if ((p->t_deadline >= 0 && now >= p->t_deadline) ||
		    (p->t_kill >= 0 && now >= p->t_kill))
			proc_expire(p, now);
	}
	if (p->state == PROC_DRAINING &&
	    ((p->fd_out < 0 && p->fd_err < 0) || now >= p->t_exit + p->drain_ms))
		proc_finish(p);
}

int
oc_proc_run_many(struct oc_proc **ps, size_t n)
{
	struct pollfd *pfd;
	size_t i, k, active;
	long long now, wake, w;
	int timeout, r;

	for (i = 0; i < n; i++) {
		if (proc_spawn(ps[i]) == -1) {
			/* the others were started: kill and reap them */
			while (i-- > 0) {
				(void)kill(-ps[i]->pid, SIGKILL);
				/* its session may not exist yet */
				(void)kill(ps[i]->pid, SIGKILL);
				(void)waitpid(ps[i]->pid, NULL, 0);
				ps[i]->state = PROC_DONE;
				proc_finish(ps[i]);
				proc_close(&ps[i]->fd_exec);
				proc_close(&ps[i]->fd_pid);
			}
			return -1;
		}
	}
	pfd = xcalloc(n * 3, sizeof(*pfd));
	for (;;) {
		active = 0;
		wake = -1;
		for (i = 0; i < n; i++) {
			struct oc_proc *p = ps[i];

			pfd[3 * i].fd = p->state != PROC_DONE ? p->fd_out : -1;
			pfd[3 * i + 1].fd = p->state != PROC_DONE ? p->fd_err : -1;
			pfd[3 * i + 2].fd = p->state == PROC_RUNNING ? p->fd_pid : -1;
			for (k = 0; k < 3; k++) {
				pfd[3 * i + k].events = POLLIN;
				pfd[3 * i + k].revents = 0;
			}
			if (p->state == PROC_DONE)
				continue;
			active++;
			w = proc_next_wakeup(p);
			/* without a pidfd, poll for the exit every 20 ms */
			if (p->state == PROC_RUNNING && p->fd_pid < 0) {
				long long t = oc_now_ms() + 20;

				w = w < 0 || t < w ? t : w;
			}
			if (w >= 0 && (wake < 0 || w < wake))
				wake = w;
		}
		if (active == 0)
			break;
		now = oc_now_ms();
		timeout = wake < 0 ? 1000 : wake <= now ? 0 :
		    (int)(wake - now > 1000 ? 1000 : wake - now);
		r = poll(pfd, n * 3, timeout);
		if (r == -1 && errno != EINTR) {
			free(pfd);
			return oc_error_errno("poll");
		}
		now = oc_now_ms();
		for (i = 0; i < n; i++) {
			if (ps[i]->state == PROC_DONE)
				continue;
			proc_step(ps[i], r > 0 ? pfd[3 * i].revents : 0,
			    r > 0 ? pfd[3 * i + 1].revents : 0, now);
		}
	}
	free(pfd);
	return 0;
}

int
oc_proc_run(struct oc_proc *p)
{
	return oc_proc_run_many(&p, 1);
}

void
oc_proc_release(struct oc_proc *p)
{
	oc_strv_release(&p->argv);
	oc_strv_release(&p->envp);
	oc_buf_release(&p->out);
	oc_buf_release(&p->err);
	proc_close(&p->fd_out);
	proc_close(&p->fd_err);
	proc_close(&p->fd_pid);
	proc_close(&p->fd_exec);
	p->out_dropped = p->err_dropped = 0;
}

int
oc_proc_become_subreaper(void)
{
#if defined(HAVE_SYS_PRCTL_H) && defined(PR_SET_CHILD_SUBREAPER)
	return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
#else
	errno = ENOSYS;
	return -1;
#endif
}

int
oc_proc_reap_orphans(void)
{
	int count = 0;

	while (waitpid(-1, NULL, WNOHANG) > 0)
		count++;
	return count;
}

static const struct {
	int		 sig;
	const char	*name;
} proc_signals[] = {
	{ SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" }, { SIGQUIT, "SIGQUIT" },
	{ SIGILL, "SIGILL" }, { SIGTRAP, "SIGTRAP" }, { SIGABRT, "SIGABRT" },
	{ SIGBUS, "SIGBUS" }, { SIGFPE, "SIGFPE" }, { SIGKILL, "SIGKILL" },
	{ SIGUSR1, "SIGUSR1" }, { SIGSEGV, "SIGSEGV" }, { SIGUSR2, "SIGUSR2" },
	{ SIGPIPE, "SIGPIPE" }, { SIGALRM, "SIGALRM" }, { SIGTERM, "SIGTERM" },
	{ SIGCHLD, "SIGCHLD" }, { SIGCONT, "SIGCONT" }, { SIGSTOP, "SIGSTOP" },
	{ SIGTSTP, "SIGTSTP" }, { SIGXCPU, "SIGXCPU" }, { SIGXFSZ, "SIGXFSZ" },
	{ SIGSYS, "SIGSYS" },
};

const char *
oc_signal_name(int sig)
{
	static char other[32];
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(proc_signals); i++)
		if (proc_signals[i].sig == sig)
			return proc_signals[i].name;
	snprintf(other, sizeof(other), "signal %d", sig);
	return other;
}

void
oc_proc_describe(const struct oc_proc *p, struct oc_buf *out)
{
	switch (p->end) {
	case OC_PROC_EXITED:
		oc_buf_addf(out, "exited with status %d", p->status);
		break;
	case OC_PROC_SIGNALED:
		oc_buf_addf(out, "killed by %s", oc_signal_name(p->status));
		break;
	case OC_PROC_TIMED_OUT:
		oc_buf_addf(out, "timed out after %ld ms (ended by %s)",
		    p->timeout_ms, oc_signal_name(p->status));
		break;
	case OC_PROC_EXEC_FAILED:
		oc_buf_addf(out, "could not be executed: %s",
		    strerror(p->exec_errno));
		break;
	case OC_PROC_INTERRUPTED:
		oc_buf_adds(out, "interrupted (ocf-check received a signal)");
		break;
	}
}
