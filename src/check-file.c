/*
 * File checks (ocf-rules §1.1): the agent file itself, before it runs.
 * A file that cannot be executed ends here with one clear message: every
 * later row that would run it is skipped with that reason.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "check.h"

static enum oc_status
file_exists(struct oc_ctx *ctx, struct oc_result *res)
{
	struct stat st;

	if (stat(ctx->agent->path, &st) == -1) {
		oc_ctx_broken(ctx, "the agent file cannot be used (file.exists)");
		ctx->unrunnable = 1;
		return oc_fail(res, "'%s': %s (Pacemaker reports this as "
		    "OCF_ERR_INSTALLED (5))", ctx->agent->path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode)) {
		oc_ctx_broken(ctx, "the agent is not a regular file (file.exists)");
		ctx->unrunnable = 1;
		return oc_fail(res, "'%s' is not a regular file (Pacemaker "
		    "reports this as OCF_ERR_INSTALLED (5))", ctx->agent->path);
	}
	return OC_PASS;
}

static enum oc_status
file_executable(struct oc_ctx *ctx, struct oc_result *res)
{
	struct stat st;

	if (stat(ctx->agent->path, &st) == -1 || !S_ISREG(st.st_mode))
		return oc_skip(res, "the agent file does not exist");
	if (access(ctx->agent->path, X_OK) == -1 ||
	    (st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) == 0) {
		oc_ctx_broken(ctx, "the agent is not executable "
		    "(file.executable): nothing was run");
		ctx->unrunnable = 1;
		return oc_fail(res, "'%s' has mode %04o and is not executable "
		    "(Pacemaker reports OCF_ERR_PERM (4)); use mode 755",
		    ctx->agent->path, (unsigned)(st.st_mode & 07777));
	}
	if ((st.st_mode & (S_IROTH | S_IXOTH)) != (S_IROTH | S_IXOTH))
		return oc_fail(res, "'%s' has mode %04o: an unprivileged user "
		    "(the controller runs meta-data as hacluster) cannot run "
		    "it; use mode 755", ctx->agent->path,
		    (unsigned)(st.st_mode & 07777));
	return OC_PASS;
}

/* Check one path's mode and owner; the agent itself when is_file. */
static void
file_check_writable(struct oc_ctx *ctx, struct oc_result *res,
    const char *path, int is_file)
{
	struct stat st;

	if (stat(path, &st) == -1)
		return;
	if ((st.st_mode & S_IWOTH) && (is_file || !(st.st_mode & S_ISVTX)))
		oc_fail_sev(res, OC_SEV_ERROR, "'%s' is world-writable (mode "
		    "%04o): anyone can change what root runs", path,
		    (unsigned)(st.st_mode & 07777));
	else if ((st.st_mode & S_IWGRP) && (is_file || !(st.st_mode & S_ISVTX)))
		oc_fail_sev(res, OC_SEV_WARNING, "'%s' is group-writable "
		    "(mode %04o)", path, (unsigned)(st.st_mode & 07777));
	if (is_file && st.st_uid != 0)
		oc_fail_sev(res, ctx->is_root ? OC_SEV_WARNING : OC_SEV_INFO,
		    "'%s' is owned by uid %ld, not root (pacemaker-execd runs "
		    "it as root)", path, (long)st.st_uid);
}

static enum oc_status
file_not_writable(struct oc_ctx *ctx, struct oc_result *res)
{
	char *abs = realpath(ctx->agent->path, NULL), *slash;

	if (abs == NULL)
		return oc_skip(res, "the agent file does not exist");
	file_check_writable(ctx, res, abs, 1);
	while ((slash = strrchr(abs, '/')) != NULL) {
		if (slash == abs) {
			file_check_writable(ctx, res, "/", 0);
			break;
		}
		*slash = '\0';
		file_check_writable(ctx, res, abs, 0);
	}
	free(abs);
	return res->status;
}

/* Read the first line of the agent (at most cap bytes) into line. */
static ssize_t
file_head(const char *path, char *line, size_t cap)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd == -1)
		return -1;
	n = read(fd, line, cap - 1);
	close(fd);
	if (n < 0)
		return -1;
	line[n] = '\0';
	return n;
}

/* Is prog found in Pacemaker's PATH? */
static int
file_in_path(const char *prog)
{
	char *path = xstrdup(OC_PATH_DEFAULT), *dir, *save = NULL;
	int found = 0;

	for (dir = strtok_r(path, ":", &save); dir && !found;
	    dir = strtok_r(NULL, ":", &save)) {
		char *full = xasprintf("%s/%s", dir, prog);

		found = access(full, X_OK) == 0;
		free(full);
	}
	free(path);
	return found;
}

/* The agent cannot run at all: skip every later row that would run it. */
static void
file_unrunnable(struct oc_ctx *ctx, const char *id)
{
	oc_ctx_broken(ctx, "the agent cannot be executed (%s): nothing was run",
	    id);
	ctx->unrunnable = 1;
}

static enum oc_status
file_interpreter(struct oc_ctx *ctx, struct oc_result *res)
{
	char line[512], interp[256], arg[256];
	char *nl;
	ssize_t n = file_head(ctx->agent->path, line, sizeof(line));

	if (n < 2 || line[0] != '#' || line[1] != '!')
		return oc_skip(res, "the agent has no #! line");
	if ((nl = strchr(line, '\n')) != NULL)
		*nl = '\0';
	if (nl != NULL && nl > line && nl[-1] == '\r') {
		file_unrunnable(ctx, "file.interpreter");
		return oc_fail(res, "the #! line ends with a carriage return "
		    "(CRLF line endings): exec fails with ENOENT and Pacemaker "
		    "reports OCF_ERR_INSTALLED (5)");
	}
	arg[0] = '\0';
	if (sscanf(line + 2, " %255s %255s", interp, arg) < 1) {
		file_unrunnable(ctx, "file.interpreter");
		return oc_fail(res, "the #! line names no interpreter");
	}
	if (access(interp, X_OK) == -1) {
		int e = errno;

		file_unrunnable(ctx, "file.interpreter");
		return oc_fail(res, "the interpreter '%s' named by the #! line "
		    "%s: exec fails and Pacemaker reports %s", interp,
		    e == ENOENT ? "does not exist" : "is not executable",
		    e == ENOENT ? "OCF_ERR_INSTALLED (5)" : "OCF_ERR_PERM (4)");
	}
	if (strcmp(strrchr(interp, '/') ? strrchr(interp, '/') + 1 : interp,
	    "env") == 0 && arg[0] != '\0' && arg[0] != '-' &&
	    !file_in_path(arg)) {
		file_unrunnable(ctx, "file.interpreter");
		return oc_fail(res, "'%s %s': '%s' is not in Pacemaker's PATH "
		    "(%s): every action would exit 127", interp, arg, arg,
		    OC_PATH_DEFAULT);
	}
	return OC_PASS;
}

static enum oc_status
file_shebang(struct oc_ctx *ctx, struct oc_result *res)
{
	char head[8];
	ssize_t n = file_head(ctx->agent->path, head, sizeof(head));

	if (n < 0)
		return oc_skip(res, "the agent file cannot be read");
	if (n >= 4 && memcmp(head, "\177ELF", 4) == 0)
		return OC_PASS;
	if (n >= 2 && head[0] == '#' && head[1] == '!')
		return OC_PASS;
	return oc_fail(res, "the agent starts with neither #! nor an ELF "
	    "header: Pacemaker runs it with /bin/sh, but a manager that uses "
	    "execve() cannot run it");
}

static enum oc_status
file_location(struct oc_ctx *ctx, struct oc_result *res)
{
	const char *p = ctx->agent->path;
	const char *slash = strrchr(p, '/');
	size_t dirlen = (size_t)(slash - p);

	if (dirlen >= 10 && strncmp(slash - 10, "resource.d", 10) == 0 &&
	    (dirlen == 10 || slash[-11] == '/'))
		return oc_fail(res, "'%s' sits directly in resource.d: agents "
		    "belong in <OCF_ROOT>/resource.d/<provider>/<type>", p);
	oc_note(res, "provider '%s', type '%s'%s", ctx->agent->provider,
	    ctx->agent->type, strstr(p, "/resource.d/") ? "" :
	    " (not installed under an OCF root)");
	return OC_PASS;
}

static const struct oc_check file_rows[] = {
	{ "file.exists", "the agent is an existing regular file", OC_SEV_ERROR,
	  "S1.1 §The Resource Agent Directory Tree", 0, file_exists },
	{ "file.executable", "the agent is executable, also by an "
	  "unprivileged user", OC_SEV_ERROR, "PA §Actions; PL "
	  "services__handle_exec_error()", 0, file_executable },
	{ "file.not-writable", "the agent and its directories are not "
	  "writable by others", OC_SEV_ERROR, "pcmkd_subdaemons.c (execd runs "
	  "as root)", 0, file_not_writable },
	{ "file.interpreter", "the #! interpreter exists and the line has "
	  "no CR", OC_SEV_ERROR, "execve(2); DG §Resource agent interpreter",
	  0, file_interpreter },
	{ "file.shebang", "the agent starts with #! (or is a binary)",
	  OC_SEV_WARNING, "PL action_launch_child(); DG §Resource agent "
	  "interpreter", 0, file_shebang },
	{ "file.location", "the agent is installed as <provider>/<type>",
	  OC_SEV_INFO, "S1.1 §The Resource Agent Directory Tree", 0,
	  file_location },
};

const struct oc_check_group oc_checks_file = {
	file_rows, OC_ARRAY_SIZE(file_rows)
};
