/*
 * ocf-greeterd: the small TCP service run by the greeter reference agent.
 *
 * Serve mode listens on ADDRESS:PORT and sends the greeting and a newline to
 * every client, then closes the connection.  The socket is bound before the
 * program detaches, and the parent exits only once the child has written its
 * pid file and let go of the caller's standard streams, so the caller learns
 * about every start-up error from the exit status and stderr and is never
 * left holding a pipe the daemon keeps open.  SIGTERM and SIGINT end it
 * cleanly; it then removes its pid file if that still names it.
 *
 * Probe mode (--probe) is the client the agent uses for its deep monitor:
 * connect, read one line within a deadline, and succeed if it is the
 * expected greeting.  It saves the agent from needing nc or curl.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define GREETERD_VERSION	"1.0.0"
#define GREETING_DEFAULT	"Hello"
#define GREETING_MAX		1024
#define PROBE_TIMEOUT_DEFAULT	5
#define FD_CLOSE_LIMIT		65536

enum exit_status {
	EXIT_OK = 0,		/* served until told to stop, or probe matched */
	EXIT_FAIL = 1,		/* could not serve, or probe did not match */
	EXIT_USAGE = 2,		/* bad invocation: nothing was done */
};

struct options {
	const char	*address;
	const char	*port;
	const char	*greeting;
	const char	*pidfile;
	int		 foreground;
	int		 probe;
	int		 timeout;	/* probe deadline, seconds */
};

static void	usage(FILE *, const char *);
static int	errorf(const char *, ...) __attribute__((format(printf, 1, 2)));
static int	parse_port(const char *);
static int	parse_timeout(const char *);
static int	check_greeting(const char *);
static int	check_address(const char *);
static int	resolve(const char *, const char *, int, struct addrinfo **);
static void	close_inherited_fds(void);
static int	set_flags(int, int);
static int	listen_on(const struct options *);
static int	write_pidfile(const char *);
static void	remove_pidfile(const char *);
static int	detach(int *);
static void	ready(int, const char *);
static void	on_signal(int);
static int	install_signals(void);
static int	serve(int, const char *, const char *);
static long	ms_left(const struct timespec *);
static int	probe(const struct options *);
static int	parse_args(int, char **, struct options *);

static const char	*progname = "ocf-greeterd";
static int		 signal_pipe[2] = { -1, -1 };

static void
usage(FILE *fp, const char *name)
{
	fprintf(fp,
	    "usage: %s [-f] [-g TEXT] [-p PIDFILE] ADDRESS PORT\n"
	    "       %s --probe [-g TEXT] [-t SECONDS] ADDRESS PORT\n"
	    "       %s --help | --version\n", name, name, name);
}

/* Print "ocf-greeterd: <message>" on stderr; always returns -1. */
static int
errorf(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errno = saved;
	return -1;
}

/* A TCP port: decimal digits only, 1 to 65535.  Returns it or -1. */
static int
parse_port(const char *s)
{
	long	 v = 0;

	if (*s == '\0' || strlen(s) > 5)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return (v >= 1 && v <= 65535) ? (int)v : -1;
}

/* Probe deadline in whole seconds, 1 to 3600.  Returns it or -1. */
static int
parse_timeout(const char *s)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > 3600)
		return -1;
	return (int)v;
}

/* The greeting is one line of text: no CR, LF or NUL, not too long. */
static int
check_greeting(const char *g)
{
	if (strlen(g) > GREETING_MAX)
		return errorf("greeting is longer than %d bytes", GREETING_MAX);
	if (strpbrk(g, "\r\n") != NULL)
		return errorf("greeting must be a single line");
	return 0;
}

/* A numeric IPv4 or IPv6 address, in its strict textual form. */
static int
check_address(const char *a)
{
	struct in6_addr	buf;

	if (inet_pton(AF_INET, a, &buf) == 1 ||
	    inet_pton(AF_INET6, a, &buf) == 1)
		return 0;
	return errorf("invalid address '%s': expected a numeric IPv4 or "
	    "IPv6 address", a);
}

/* Numeric address and port only: this program never consults DNS. */
static int
resolve(const char *address, const char *port, int flags,
    struct addrinfo **res)
{
	struct addrinfo	hints;
	int		rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | flags;
	rc = getaddrinfo(address, port, &hints, res);
	if (rc != 0)
		return errorf("invalid address '%s': %s", address,
		    gai_strerror(rc));
	return 0;
}

/*
 * Close every descriptor above stderr that the caller let us inherit, so
 * the daemon never keeps a pipe or lock of its parent alive.
 */
static void
close_inherited_fds(void)
{
	long	max = sysconf(_SC_OPEN_MAX);
	int	fd;

	if (max < 0 || max > FD_CLOSE_LIMIT)
		max = FD_CLOSE_LIMIT;
	for (fd = STDERR_FILENO + 1; fd < max; fd++)
		(void)close(fd);
}

static int
set_flags(int fd, int fl)
{
	int	cur;

	if ((cur = fcntl(fd, F_GETFD)) == -1 ||
	    fcntl(fd, F_SETFD, cur | FD_CLOEXEC) == -1)
		return -1;
	if ((cur = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, cur | fl) == -1)
		return -1;
	return 0;
}

/* Bind and listen; returns the listening socket or -1 after a message. */
static int
listen_on(const struct options *o)
{
	struct addrinfo	*res;
	int		 fd, on = 1;

	if (resolve(o->address, o->port, AI_PASSIVE, &res) == -1)
		return -1;
	fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd == -1) {
		errorf("socket: %s", strerror(errno));
		goto fail;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(fd, res->ai_addr, res->ai_addrlen) == -1) {
		errorf("cannot listen on %s port %s: %s", o->address, o->port,
		    strerror(errno));
		goto fail;
	}
	if (listen(fd, 16) == -1 || set_flags(fd, O_NONBLOCK) == -1) {
		errorf("listen: %s", strerror(errno));
		goto fail;
	}
	freeaddrinfo(res);
	return fd;
fail:
	if (fd != -1)
		(void)close(fd);
	freeaddrinfo(res);
	return -1;
}

/* Write "<pid>\n" to a temporary file beside PIDFILE, then rename it. */
static int
write_pidfile(const char *pidfile)
{
	char	tmp[PATH_MAX];
	char	line[32];
	int	fd, n;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", pidfile) >=
	    (int)sizeof(tmp))
		return errorf("pid file name too long");
	if ((fd = mkstemp(tmp)) == -1)
		return errorf("cannot create '%s': %s", tmp, strerror(errno));
	n = snprintf(line, sizeof(line), "%ld\n", (long)getpid());
	if (fchmod(fd, 0644) == -1 || write(fd, line, n) != n) {
		errorf("cannot write '%s': %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, pidfile) == -1) {
		fd = -1;
		errorf("cannot write '%s': %s", pidfile, strerror(errno));
		goto fail;
	}
	return 0;
fail:
	if (fd != -1)
		(void)close(fd);
	(void)unlink(tmp);
	return -1;
}

/* Remove PIDFILE only if it still names this process. */
static void
remove_pidfile(const char *pidfile)
{
	char	buf[32];
	ssize_t	n;
	int	fd;

	if (pidfile == NULL || (fd = open(pidfile, O_RDONLY)) == -1)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	if (strtol(buf, NULL, 10) == (long)getpid())
		(void)unlink(pidfile);
}

/*
 * Fork; the parent waits for the child's verdict on *report and exits with
 * it, so its exit status means "the daemon is up" or "it failed, see
 * stderr".  Returns 0 in the child.
 */
static int
detach(int *report)
{
	char	buf[512];
	int	p[2];
	ssize_t	n, len = 0;
	pid_t	pid;

	if (pipe(p) == -1)
		return errorf("pipe: %s", strerror(errno));
	if ((pid = fork()) == -1)
		return errorf("fork: %s", strerror(errno));
	if (pid == 0) {
		(void)close(p[0]);
		(void)set_flags(p[1], 0);
		*report = p[1];
		if (setsid() == -1)
			return errorf("setsid: %s", strerror(errno));
		return 0;
	}
	(void)close(p[1]);
	while ((n = read(p[0], buf + len, sizeof(buf) - 1 - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			break;
		len += n;
		if (len == (ssize_t)sizeof(buf) - 1)
			break;
	}
	if (len == 1 && buf[0] == '\0')
		exit(EXIT_OK);
	if (len == 0)
		errorf("daemon exited during start-up");
	else
		fprintf(stderr, "%.*s\n", (int)len, buf);
	exit(EXIT_FAIL);
}

/*
 * Tell the waiting parent the outcome: a single NUL byte for success, or the
 * error text.  Closing the pipe ends the parent's wait either way.
 */
static void
ready(int report, const char *err)
{
	ssize_t	n;

	if (report == -1)
		return;
	if (err == NULL)
		n = write(report, "", 1);
	else
		n = write(report, err, strlen(err));
	(void)n;
	(void)close(report);
}

static void
on_signal(int sig)
{
	int	saved = errno;
	char	c = (char)sig;
	ssize_t	n;

	n = write(signal_pipe[1], &c, 1);
	(void)n;
	errno = saved;
}

/* TERM and INT end the service through a self-pipe; PIPE and HUP are ignored. */
static int
install_signals(void)
{
	struct sigaction	sa;
	sigset_t		none;

	if (pipe(signal_pipe) == -1 || set_flags(signal_pipe[0], O_NONBLOCK) ||
	    set_flags(signal_pipe[1], O_NONBLOCK))
		return errorf("pipe: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	if (sigaction(SIGTERM, &sa, NULL) == -1 ||
	    sigaction(SIGINT, &sa, NULL) == -1)
		return errorf("sigaction: %s", strerror(errno));
	sa.sa_handler = SIG_IGN;
	(void)sigaction(SIGPIPE, &sa, NULL);
	(void)sigaction(SIGHUP, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	return 0;
}

/* Greet each client until a signal arrives on the self-pipe. */
static int
serve(int lfd, const char *greeting, const char *pidfile)
{
	struct pollfd	pfd[2];
	char		line[GREETING_MAX + 2];
	size_t		len;
	int		cfd;

	len = (size_t)snprintf(line, sizeof(line), "%s\n", greeting);
	pfd[0].fd = lfd;
	pfd[0].events = POLLIN;
	pfd[1].fd = signal_pipe[0];
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[1].revents != 0)
			break;
		if ((pfd[0].revents & POLLIN) == 0)
			continue;
		if ((cfd = accept(lfd, NULL, NULL)) == -1)
			continue;	/* client gone, or EAGAIN */
		/* A few bytes always fit in a fresh socket's send buffer. */
		(void)set_flags(cfd, O_NONBLOCK);
		(void)send(cfd, line, len, MSG_NOSIGNAL);
		(void)shutdown(cfd, SHUT_WR);
		(void)close(cfd);
	}
	(void)close(lfd);
	remove_pidfile(pidfile);
	return EXIT_OK;
}

/* Milliseconds from now until DEADLINE (CLOCK_MONOTONIC), at least 0. */
static long
ms_left(const struct timespec *deadline)
{
	struct timespec	now;
	long		ms;

	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? ms : 0;
}

/*
 * Connect, read one line and compare it with the greeting.  The whole
 * exchange shares one deadline, so a silent server cannot hang the agent.
 */
static int
probe(const struct options *o)
{
	struct addrinfo	*res;
	struct timespec	 deadline;
	struct pollfd	 pfd;
	char		 buf[GREETING_MAX + 2];
	size_t		 len = 0;
	ssize_t		 n;
	socklen_t	 sl = sizeof(int);
	int		 fd, err = 0, rc = EXIT_FAIL;

	if (resolve(o->address, o->port, 0, &res) == -1)
		return EXIT_USAGE;
	(void)clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += o->timeout;
	fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd == -1 || set_flags(fd, O_NONBLOCK) == -1) {
		errorf("socket: %s", strerror(errno));
		goto done;
	}
	pfd.fd = fd;
	if (connect(fd, res->ai_addr, res->ai_addrlen) == -1) {
		if (errno != EINPROGRESS) {
			errorf("cannot connect to %s port %s: %s", o->address,
			    o->port, strerror(errno));
			goto done;
		}
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, (int)ms_left(&deadline)) != 1 ||
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &sl) == -1 ||
		    err != 0) {
			errorf("cannot connect to %s port %s: %s", o->address,
			    o->port, err ? strerror(err) : "timed out");
			goto done;
		}
	}
	pfd.events = POLLIN;
	while (len < sizeof(buf) - 1 && memchr(buf, '\n', len) == NULL) {
		if (poll(&pfd, 1, (int)ms_left(&deadline)) != 1) {
			errorf("no greeting from %s port %s within %d s",
			    o->address, o->port, o->timeout);
			goto done;
		}
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (len == 0)
		errorf("%s port %s closed without a greeting", o->address,
		    o->port);
	else if (o->greeting != NULL && strcmp(buf, o->greeting) != 0)
		errorf("%s port %s greeted '%s', expected '%s'", o->address,
		    o->port, buf, o->greeting);
	else
		rc = EXIT_OK;
done:
	if (fd != -1)
		(void)close(fd);
	freeaddrinfo(res);
	return rc;
}

static int
parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "foreground",	no_argument,		NULL, 'f' },
		{ "greeting",	required_argument,	NULL, 'g' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "pidfile",	required_argument,	NULL, 'p' },
		{ "probe",	no_argument,		NULL, 'P' },
		{ "timeout",	required_argument,	NULL, 't' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	int	c;

	while ((c = getopt_long(argc, argv, "+fg:hp:t:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			o->foreground = 1;
			break;
		case 'g':
			o->greeting = optarg;
			break;
		case 'h':
			usage(stdout, progname);
			exit(EXIT_OK);
		case 'p':
			o->pidfile = optarg;
			break;
		case 'P':
			o->probe = 1;
			break;
		case 't':
			if ((o->timeout = parse_timeout(optarg)) == -1)
				return errorf("invalid timeout '%s'", optarg);
			break;
		case 'V':
			printf("%s %s\n", progname, GREETERD_VERSION);
			exit(EXIT_OK);
		default:
			usage(stderr, progname);
			return -1;
		}
	}
	if (argc - optind != 2) {
		usage(stderr, progname);
		return -1;
	}
	o->address = argv[optind];
	o->port = argv[optind + 1];
	if (check_address(o->address) == -1)
		return -1;
	if (parse_port(o->port) == -1)
		return errorf("invalid port '%s': expected 1 to 65535",
		    o->port);
	if (o->greeting != NULL && check_greeting(o->greeting) == -1)
		return -1;
	if (o->pidfile != NULL && o->pidfile[0] != '/')
		return errorf("pid file '%s' is not an absolute path",
		    o->pidfile);
	return 0;
}

int
main(int argc, char **argv)
{
	struct options	 o = { .timeout = PROBE_TIMEOUT_DEFAULT };
	const char	*fail = NULL;
	int		 lfd, report = -1, null;

	if (parse_args(argc, argv, &o) == -1)
		return EXIT_USAGE;
	if (o.probe)
		return probe(&o);
	if (o.greeting == NULL)
		o.greeting = GREETING_DEFAULT;

	close_inherited_fds();
	umask(022);
	if (install_signals() == -1 || (lfd = listen_on(&o)) == -1)
		return EXIT_FAIL;
	if (!o.foreground && detach(&report) == -1)
		return EXIT_FAIL;

	if (o.pidfile != NULL && write_pidfile(o.pidfile) == -1)
		fail = "ocf-greeterd: cannot write the pid file";
	if (!o.foreground) {
		if (chdir("/") == -1)
			fail = "ocf-greeterd: cannot change directory to /";
		null = open("/dev/null", O_RDWR | O_NOCTTY);
		if (null == -1 || dup2(null, STDIN_FILENO) == -1 ||
		    dup2(null, STDOUT_FILENO) == -1 ||
		    dup2(null, STDERR_FILENO) == -1)
			fail = "ocf-greeterd: cannot open /dev/null";
		if (null > STDERR_FILENO)
			(void)close(null);
	}
	ready(report, fail);
	if (fail != NULL) {
		remove_pidfile(o.pidfile);
		return EXIT_FAIL;
	}
	return serve(lfd, o.greeting, o.pidfile);
}
