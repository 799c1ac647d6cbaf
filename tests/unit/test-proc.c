/*
 * Unit tests of the runner (proc.c) against real processes: the fixture
 * scripts of tests/unit/progs and files made odd on purpose in a temporary
 * directory.  Nothing is mocked.  Times are asserted as bounds, never as
 * exact values; every test that kills a group checks that no member of it
 * survives.  The test is a child subreaper, as ocf-check is, so orphans
 * come back to it and are reaped here.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"

#define TEST_PATH	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define FLOOD_BYTES	(300u * 1024 * 1024)

static char	*progs;			/* $TOP_SRCDIR/tests/unit/progs */
static char	 tmpdir[PATH_MAX];	/* odd files made at test time */

static int
setup(void **state)
{
	const char *top = getenv("TOP_SRCDIR");
	const char *tmp = getenv("TMPDIR");

	(void)state;
	if (top == NULL || *top == '\0') {
		fprintf(stderr, "TOP_SRCDIR is not set (run through make check)\n");
		return -1;
	}
	progs = xasprintf("%s/tests/unit/progs", top);
	snprintf(tmpdir, sizeof(tmpdir), "%s/test-proc.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	if (oc_proc_become_subreaper() == -1)
		fprintf(stderr, "# cannot become a subreaper: %s\n",
		    strerror(errno));
	return 0;
}

static int
teardown(void **state)
{
	static const char *const made[] = {
		"mode644", "badinterp", "crlf", "noshebang", "adir",
	};
	size_t i;
	char *path;

	(void)state;
	for (i = 0; i < OC_ARRAY_SIZE(made); i++) {
		path = xasprintf("%s/%s", tmpdir, made[i]);
		(void)unlink(path);
		(void)rmdir(path);
		free(path);
	}
	(void)rmdir(tmpdir);
	free(progs);
	return 0;
}

/* Write a file into tmpdir with this content and mode; returns its path. */
static char *
make_file(const char *name, const char *content, mode_t mode)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)),
	    (ssize_t)strlen(content));
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
	return path;
}

/*
 * Set up p to run prog (a fixture name, or a path when it contains a '/')
 * with the NULL-terminated arguments that follow, a minimal environment
 * and a 10 s deadline, unless the caller set them before.
 */
static void
prog_init(struct oc_proc *p, const char *prog, va_list ap)
{
	const char *arg;

	if (strchr(prog, '/') != NULL)
		oc_strv_push(&p->argv, prog);
	else
		oc_strv_pushf(&p->argv, "%s/%s", progs, prog);
	while ((arg = va_arg(ap, const char *)) != NULL)
		oc_strv_push(&p->argv, arg);
	if (p->envp.n == 0)
		oc_env_set(&p->envp, "PATH", TEST_PATH);
	if (p->timeout_ms < 0)
		p->timeout_ms = 10000;	/* no test may hang */
}

/* Run prog (see prog_init) in p; returns the wall-clock time of the call. */
static long long
run_prog(struct oc_proc *p, const char *prog, ...)
{
	va_list ap;
	long long t0;

	va_start(ap, prog);
	prog_init(p, prog, ap);
	va_end(ap);
	t0 = oc_now_ms();
	assert_int_equal(oc_proc_run(p), 0);
	return oc_now_ms() - t0;
}

/* Add prog to p without running it (for oc_proc_run_many). */
static void
add_prog(struct oc_proc *p, const char *prog, ...)
{
	va_list ap;

	va_start(ap, prog);
	prog_init(p, prog, ap);
	va_end(ap);
}

/* No member of process group pgid is left (zombies reaped), within 2 s. */
static void
assert_group_gone(pid_t pgid)
{
	long long until = oc_now_ms() + 2000;

	assert_true(pgid > 0);
	for (;;) {
		(void)oc_proc_reap_orphans();
		if (kill(-pgid, 0) == -1) {
			assert_int_equal(errno, ESRCH);
			return;
		}
		if (oc_now_ms() > until)
			fail_msg("process group %ld survived", (long)pgid);
		usleep(10000);
	}
}

/* The run ended this way, with this status (exit code or signal). */
static void
assert_outcome(const struct oc_proc *p, enum oc_proc_end end, int status)
{
	struct oc_buf b = OC_BUF_INIT;
	char how[256];

	if (p->end == end && p->status == status)
		return;
	oc_proc_describe(p, &b);
	snprintf(how, sizeof(how), "%s", b.buf);
	oc_buf_release(&b);
	fail_msg("'%s' %s (end %d, status %d; expected end %d, status %d)",
	    p->argv.v[0], how, (int)p->end, p->status, (int)end, status);
}

static void
assert_describe(const struct oc_proc *p, const char *want)
{
	struct oc_buf b = OC_BUF_INIT;

	oc_proc_describe(p, &b);
	assert_string_equal(b.buf, want);
	oc_buf_release(&b);
}

/* Exit statuses come back unchanged, including 190 and 255. */
static void
test_exit_codes(void **state)
{
	static const int codes[] = { 0, 1, 7, 190, 255 };
	char arg[16], want[64];
	size_t i;

	(void)state;
	for (i = 0; i < OC_ARRAY_SIZE(codes); i++) {
		struct oc_proc p = OC_PROC_INIT;

		snprintf(arg, sizeof(arg), "%d", codes[i]);
		assert_true(run_prog(&p, "exit.sh", arg, NULL) < 5000);
		assert_outcome(&p, OC_PROC_EXITED, codes[i]);
		assert_int_equal(p.exec_errno, 0);
		assert_false(p.pipes_held);
		assert_true(p.elapsed_ms >= 0 && p.elapsed_ms < 5000);
		snprintf(want, sizeof(want), "exited with status %d", codes[i]);
		assert_describe(&p, want);
		oc_proc_release(&p);
	}
}

/* Death by a signal is SIGNALED with the signal number. */
static void
test_segv(void **state)
{
	struct oc_proc p = OC_PROC_INIT;

	(void)state;
	run_prog(&p, "segv.sh", NULL);
	assert_outcome(&p, OC_PROC_SIGNALED, SIGSEGV);
	assert_describe(&p, "killed by SIGSEGV");
	assert_string_equal(oc_signal_name(SIGKILL), "SIGKILL");
	assert_string_equal(oc_signal_name(99), "signal 99");
	assert_group_gone(p.pid);
	oc_proc_release(&p);
}

/* A deadline too far away to compute is no deadline, not an overflow. */
static void
test_huge_timeout(void **state)
{
	struct oc_proc p = OC_PROC_INIT;

	(void)state;
	p.timeout_ms = LONG_MAX;
	run_prog(&p, "exit.sh", "5", NULL);
	assert_outcome(&p, OC_PROC_EXITED, 5);
	oc_proc_release(&p);
}

/* stdout and stderr are kept apart, binary-safe. */
static void
test_output(void **state)
{
	struct oc_proc p = OC_PROC_INIT;

	(void)state;
	run_prog(&p, "output.sh", NULL);
	assert_outcome(&p, OC_PROC_EXITED, 3);
	assert_int_equal(p.out.len, 8);
	assert_memory_equal(p.out.buf, "out\0put\n", 9);
	assert_string_equal(p.err.buf, "err\n");
	assert_int_equal(p.out_dropped, 0);
	assert_int_equal(p.err_dropped, 0);
	oc_proc_release(&p);
}

/* Past the deadline the group gets SIGTERM, which ends it. */
static void
test_deadline(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	long long wall;

	(void)state;
	p.timeout_ms = 500;
	p.grace_ms = 2000;
	wall = run_prog(&p, "sleep.sh", "30", NULL);
	assert_outcome(&p, OC_PROC_TIMED_OUT, SIGTERM);
	assert_true(p.elapsed_ms >= 500);
	assert_true(wall < 500 + 2000 + 1500);
	assert_describe(&p, "timed out after 500 ms (ended by SIGTERM)");
	assert_group_gone(p.pid);
	oc_proc_release(&p);
}

/* A group that ignores SIGTERM ends by SIGKILL after the grace period. */
static void
test_ignores_term(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	long long wall;

	(void)state;
	p.timeout_ms = 300;
	p.grace_ms = 700;
	wall = run_prog(&p, "ignore-term.sh", "30", NULL);
	assert_outcome(&p, OC_PROC_TIMED_OUT, SIGKILL);
	assert_true(p.elapsed_ms >= 300 + 700);
	assert_true(wall < 300 + 700 + 1500);
	assert_group_gone(p.pid);
	oc_proc_release(&p);
}

/*
 * A daemon that keeps stdout and stderr open does not hold the run: it
 * ends when the program exits, after a short drain, with pipes_held set.
 * The group is not killed after a normal exit; the test does it.
 */
static void
test_daemon_holds_stdout(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	long long wall;

	(void)state;
	p.timeout_ms = 20000;
	wall = run_prog(&p, "daemon.sh", "30", NULL);
	assert_outcome(&p, OC_PROC_EXITED, 0);
	assert_string_equal(p.out.buf, "started\n");
	assert_true(p.pipes_held);
	assert_true(p.elapsed_ms < 1500);
	assert_true(wall < 1500);
	assert_int_equal(kill(-p.pid, 0), 0);	/* the daemon is still there */
	assert_int_equal(kill(-p.pid, SIGKILL), 0);
	assert_group_gone(p.pid);
	oc_proc_release(&p);
}

/* One stream of the flood: capped, the rest counted, memory bounded. */
static void
assert_flooded(const struct oc_buf *b, size_t dropped, size_t max)
{
	size_t i;

	assert_true(b->len <= max);
	assert_true(dropped >= FLOOD_BYTES - max);
	assert_int_equal(b->len + dropped, FLOOD_BYTES);
	assert_true(b->alloc <= 2 * max + 65536);
	assert_int_equal(b->buf[b->len], '\0');
	for (i = 0; i < b->len; i++)
		if (b->buf[i] != '\0')
			fail_msg("byte %zu is not what was written", i);
}

/* 300 MiB on each stream: kept up to max_output, the rest counted. */
static void
test_flood(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	char arg[32];
	long long wall;

	(void)state;
	p.timeout_ms = 60000;
	snprintf(arg, sizeof(arg), "%u", FLOOD_BYTES);
	wall = run_prog(&p, "flood.sh", arg, NULL);
	assert_outcome(&p, OC_PROC_EXITED, 0);
	assert_flooded(&p.out, p.out_dropped, p.max_output);
	assert_flooded(&p.err, p.err_dropped, p.max_output);
	assert_true(wall < 30000);
	oc_proc_release(&p);
}

/* An exec failure is an outcome with errno, not an error of the call. */
static void
assert_exec_failed(const char *path, int err)
{
	struct oc_proc p = OC_PROC_INIT;
	char want[128];

	assert_true(run_prog(&p, path, "start", NULL) < 5000);
	assert_outcome(&p, OC_PROC_EXEC_FAILED, 127);
	assert_int_equal(p.exec_errno, err);
	assert_int_equal(p.out.len, 0);
	assert_int_equal(p.err.len, 0);
	snprintf(want, sizeof(want), "could not be executed: %s", strerror(err));
	assert_describe(&p, want);
	oc_proc_release(&p);
}

/* Missing file: ENOENT. */
static void
test_exec_missing(void **state)
{
	char *path = xasprintf("%s/no-such-agent", tmpdir);

	(void)state;
	assert_exec_failed(path, ENOENT);
	free(path);
}

/* Not executable (mode 644): EACCES; a directory likewise. */
static void
test_exec_not_executable(void **state)
{
	char *path = make_file("mode644", "#!/bin/sh\nexit 0\n", 0644);
	char *dir = xasprintf("%s/adir", tmpdir);

	(void)state;
	assert_exec_failed(path, EACCES);
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_exec_failed(dir, EACCES);
	free(path);
	free(dir);
}

/* #! naming a missing interpreter: ENOENT. */
static void
test_exec_bad_interpreter(void **state)
{
	char *path = make_file("badinterp",
	    "#!/nonexistent/ocf-check-interpreter\nexit 0\n", 0755);

	(void)state;
	assert_exec_failed(path, ENOENT);
	free(path);
}

/* A CRLF #! line names "/bin/sh\r", which does not exist: ENOENT. */
static void
test_exec_crlf(void **state)
{
	char *path = make_file("crlf", "#!/bin/sh\r\nexit 0\r\n", 0755);

	(void)state;
	assert_exec_failed(path, ENOENT);
	free(path);
}

/* Without #! the file runs under /bin/sh, as execvp() does. */
static void
test_no_shebang(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	char *path = make_file("noshebang", "echo \"sh $1\"\nexit 4\n", 0755);

	(void)state;
	run_prog(&p, path, "monitor", NULL);
	assert_outcome(&p, OC_PROC_EXITED, 4);
	assert_string_equal(p.out.buf, "sh monitor\n");
	oc_proc_release(&p);
	free(path);
}

/* stdin is /dev/null: a read gets end-of-file at once. */
static void
test_stdin_eof(void **state)
{
	struct oc_proc p = OC_PROC_INIT;

	(void)state;
	assert_true(run_prog(&p, "stdin.sh", NULL) < 5000);
	assert_outcome(&p, OC_PROC_EXITED, 0);
	assert_string_equal(p.out.buf, "/dev/null\n");
	oc_proc_release(&p);
}

/*
 * Run sh -c "the child leads its session; script" in p (set up by the
 * caller), which must print ok and exit 0; release p.
 */
static void
assert_session_sh(struct oc_proc *p, const char *script)
{
	char *all = xasprintf("set -- $(cut -d' ' -f6 /proc/$$/stat); "
	    "[ \"$1\" = $$ ] || exit 1; %s; echo ok", script);

	run_prog(p, "/bin/sh", "-c", all, NULL);
	assert_outcome(p, OC_PROC_EXITED, 0);
	assert_string_equal(p->out.buf, "ok\n");
	oc_proc_release(p);
	free(all);
}

/*
 * The child leads a session of its own, with no controlling terminal, as
 * under pacemaker-execd, even when the test runs on a terminal.
 */
static void
test_session(void **state)
{
	struct oc_proc p = OC_PROC_INIT;

	(void)state;
	assert_session_sh(&p, "(: </dev/tty) 2>/dev/null && exit 2");
}

/*
 * ctty: the session's controlling terminal is the pseudo-terminal on the
 * child's stdin, as a shell would give it.
 */
static void
test_ctty(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	const char *name;
	int m, s;

	(void)state;
	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m == -1 || grantpt(m) == -1 || unlockpt(m) == -1 ||
	    (name = ptsname(m)) == NULL) {
		if (m != -1)
			close(m);
		skip();
	}
	s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	assert_true(s >= 0);
	p.stdin_fd = s;
	p.ctty = 1;
	assert_session_sh(&p, "test -t 0 || exit 2; : </dev/tty || exit 3");
	close(s);
	close(m);
}

/* The environment is envp exactly, nothing inherited; cwd applies. */
static void
test_environment(void **state)
{
	static const char envp[] = "PATH=" TEST_PATH "\0A=1\0B=two  words\0"
	    "C=x=y\nz $(no) `no`\0";
	struct oc_proc p = OC_PROC_INIT;
	char *pwd = xasprintf("%s\n", tmpdir);

	(void)state;
	assert_int_equal(setenv("OCF_CHECK_LEAK", "1", 1), 0);
	oc_strv_push(&p.envp, "PATH=" TEST_PATH);
	oc_strv_push(&p.envp, "A=1");
	oc_strv_push(&p.envp, "B=two  words");
	oc_strv_push(&p.envp, "C=x=y\nz $(no) `no`");
	p.cwd = tmpdir;
	run_prog(&p, "environ.sh", NULL);
	assert_outcome(&p, OC_PROC_EXITED, 0);
	assert_int_equal(p.out.len, sizeof(envp) - 1);
	assert_memory_equal(p.out.buf, envp, sizeof(envp) - 1);
	assert_string_equal(p.err.buf, pwd);
	unsetenv("OCF_CHECK_LEAK");
	oc_proc_release(&p);
	free(pwd);
}

/* No descriptor above 2, no blocked or ignored signal reaches the child. */
static void
test_hygiene(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigset_t usr1, oldmask;
	int fd;

	(void)state;
	fd = open("/dev/null", O_RDONLY);	/* no O_CLOEXEC on purpose */
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, 200), 200);
	close(fd);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	assert_int_equal(sigprocmask(SIG_BLOCK, &usr1, &oldmask), 0);
	assert_int_equal(sigaction(SIGUSR2, &ign, &old), 0);
	run_prog(&p, "hygiene.sh", "200", NULL);
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	sigaction(SIGUSR2, &old, NULL);
	close(200);
	assert_outcome(&p, OC_PROC_EXITED, 0);
	assert_string_equal(p.out.buf,
	    "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
	oc_proc_release(&p);
}

/* Two programs run at the same time, each with its own outcome. */
static void
test_run_many(void **state)
{
	struct oc_proc a = OC_PROC_INIT, b = OC_PROC_INIT;
	struct oc_proc *ps[] = { &a, &b };
	long long t0, wall;

	(void)state;
	add_prog(&a, "sleep.sh", "1", NULL);
	add_prog(&b, "daemon.sh", "1", NULL);
	t0 = oc_now_ms();
	assert_int_equal(oc_proc_run_many(ps, 2), 0);
	wall = oc_now_ms() - t0;
	assert_outcome(&a, OC_PROC_EXITED, 0);
	assert_true(a.elapsed_ms >= 1000);
	assert_outcome(&b, OC_PROC_EXITED, 0);
	assert_string_equal(b.out.buf, "started\n");
	assert_true(b.elapsed_ms < 1000);
	assert_true(a.pid != b.pid);
	assert_true(wall >= 1000 && wall < 1900);	/* not one after the other */
	assert_group_gone(a.pid);
	assert_group_gone(b.pid);
	oc_proc_release(&a);
	oc_proc_release(&b);
}

static void
on_alarm(int sig)
{
	(void)sig;
	oc_proc_interrupted = 1;
}

/* Set oc_proc_interrupted from SIGALRM after ms milliseconds. */
static void
interrupt_after(long ms)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { ms / 1000, ms % 1000 * 1000 } };

	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
}

/* An interruption ends the run at once and kills the group. */
static void
test_interrupted(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	long long wall;

	(void)state;
	oc_proc_interrupted = 0;
	p.timeout_ms = 20000;
	interrupt_after(300);
	wall = run_prog(&p, "sleep.sh", "30", NULL);
	oc_proc_interrupted = 0;
	assert_outcome(&p, OC_PROC_INTERRUPTED, SIGTERM);
	assert_true(p.elapsed_ms >= 250);
	assert_true(wall < 300 + 1500);
	assert_group_gone(p.pid);
	oc_proc_release(&p);
}

/* A no_interrupt program (a cleanup) runs on while the other is killed. */
static void
test_no_interrupt(void **state)
{
	struct oc_proc a = OC_PROC_INIT, b = OC_PROC_INIT;
	struct oc_proc *ps[] = { &a, &b };

	(void)state;
	a.timeout_ms = b.timeout_ms = 20000;
	b.no_interrupt = 1;
	add_prog(&a, "sleep.sh", "30", NULL);
	add_prog(&b, "sleep.sh", "1", NULL);
	oc_proc_interrupted = 1;
	assert_int_equal(oc_proc_run_many(ps, 2), 0);
	oc_proc_interrupted = 0;
	assert_outcome(&a, OC_PROC_INTERRUPTED, SIGTERM);
	assert_true(a.elapsed_ms < 1500);
	assert_outcome(&b, OC_PROC_EXITED, 0);
	assert_true(b.elapsed_ms >= 1000);
	assert_group_gone(a.pid);
	assert_group_gone(b.pid);
	oc_proc_release(&a);
	oc_proc_release(&b);
}

static void
count_tick(void *arg, const struct oc_proc *p, long ms)
{
	int *n = arg;

	(void)p;
	assert_true(ms >= 900);
	(*n)++;
}

/* The progress callback runs about once a second. */
static void
test_tick(void **state)
{
	struct oc_proc p = OC_PROC_INIT;
	int ticks = 0;

	(void)state;
	p.tick = count_tick;
	p.tick_arg = &ticks;
	run_prog(&p, "sleep.sh", "1.5", NULL);
	assert_outcome(&p, OC_PROC_EXITED, 0);
	assert_true(ticks >= 1 && ticks <= 2);
	oc_proc_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exit_codes),
		cmocka_unit_test(test_segv),
		cmocka_unit_test(test_huge_timeout),
		cmocka_unit_test(test_output),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_ignores_term),
		cmocka_unit_test(test_daemon_holds_stdout),
		cmocka_unit_test(test_flood),
		cmocka_unit_test(test_exec_missing),
		cmocka_unit_test(test_exec_not_executable),
		cmocka_unit_test(test_exec_bad_interpreter),
		cmocka_unit_test(test_exec_crlf),
		cmocka_unit_test(test_no_shebang),
		cmocka_unit_test(test_stdin_eof),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_ctty),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_hygiene),
		cmocka_unit_test(test_run_many),
		cmocka_unit_test(test_interrupted),
		cmocka_unit_test(test_no_interrupt),
		cmocka_unit_test(test_tick),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
