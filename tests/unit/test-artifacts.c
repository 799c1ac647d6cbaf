/*
 * Unit tests of artifacts.c: snapshots of a private HA_RSCTMP, a /dev/shm
 * and a /proc/sysvipc, all made up in a temporary directory, and the
 * difference of two snapshots.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "artifacts.h"

#define TOP_TEMPLATE	"/tmp/ocf-check-artifacts.XXXXXX"
static char top[sizeof(TOP_TEMPLATE)];

static void
put(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", top, rel);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(path);
}

static void
dir(const char *rel)
{
	char *path = xasprintf("%s/%s", top, rel);

	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static int
setup(void **state)
{
	(void)state;
	memcpy(top, TOP_TEMPLATE, sizeof(top));
	if (mkdtemp(top) == NULL)
		return -1;
	dir("rsctmp");
	dir("shm");
	dir("ipc");
	put("ipc/shm", "       key      shmid perms   size  cpid\n");
	put("ipc/sem", "       key      semid perms  nsems\n");
	put("ipc/msg", "       key      msqid perms cbytes\n");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return nftw(top, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void
snap(struct oc_strv *out)
{
	char *r = xasprintf("%s/rsctmp", top), *s = xasprintf("%s/shm", top);
	char *i = xasprintf("%s/ipc", top);
	struct oc_artifact_places at = { r, s, i };

	oc_artifacts_snapshot(&at, out);
	free(r);
	free(s);
	free(i);
}

/* Only what appeared counts; what was there, or went away, does not. */
static void
test_new_things(void **state)
{
	struct oc_strv before = OC_STRV_INIT, after = OC_STRV_INIT;
	struct oc_strv left = OC_STRV_INIT;
	char *shm;

	(void)state;
	put("rsctmp/old.state", "");
	put("rsctmp/gone.pid", "1");
	snap(&before);
	assert_int_equal(before.n, 2);
	assert_string_equal(before.v[0], "HA_RSCTMP/gone.pid");

	put("rsctmp/web.lock", "");
	dir("rsctmp/cache");
	put("rsctmp/cache/page", "x");
	put("shm/web-ring", "");
	put("ipc/shm", "       key      shmid perms   size  cpid\n"
	    "      4660          3   600   4096  1234\n");
	put("ipc/sem", "       key      semid perms  nsems\n"
	    "         0          7   600      1\n");
	{
		char *p = xasprintf("%s/rsctmp/gone.pid", top);

		assert_int_equal(unlink(p), 0);
		free(p);
	}
	snap(&after);
	oc_artifacts_new(&before, &after, &left);
	shm = xasprintf("%s/shm/web-ring", top);
	assert_int_equal(left.n, 6);
	/* sorted: the strings compare byte by byte */
	assert_string_equal(left.v[0], shm);
	assert_string_equal(left.v[1], "HA_RSCTMP/cache/");
	assert_string_equal(left.v[2], "HA_RSCTMP/cache/page");
	assert_string_equal(left.v[3], "HA_RSCTMP/web.lock");
	assert_string_equal(left.v[4], "SysV semaphore set (key 0, id 7)");
	assert_string_equal(left.v[5],
	    "SysV shared memory segment (key 4660, id 3)");
	free(shm);
	oc_strv_release(&before);
	oc_strv_release(&after);
	oc_strv_release(&left);
}

/* Missing places are empty, not errors; NULL places are not looked at. */
static void
test_missing_places(void **state)
{
	struct oc_artifact_places at = { "/nonexistent/ocf-check", NULL,
	    "/nonexistent/ocf-check" };
	struct oc_strv out = OC_STRV_INIT;

	(void)state;
	oc_strv_push(&out, "stale");
	oc_artifacts_snapshot(&at, &out);
	assert_int_equal(out.n, 0);
	oc_strv_release(&out);
}

/* A huge directory is cut at OC_ARTIFACTS_MAX entries. */
static void
test_capped(void **state)
{
	struct oc_strv out = OC_STRV_INIT;
	char name[64];
	int i;

	(void)state;
	for (i = 0; i < OC_ARTIFACTS_MAX + 10; i++) {
		snprintf(name, sizeof(name), "shm/f%d", i);
		put(name, "");
	}
	snap(&out);
	assert_int_equal(out.n, OC_ARTIFACTS_MAX);
	oc_strv_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_things, setup, teardown),
		cmocka_unit_test(test_missing_places),
		cmocka_unit_test_setup_teardown(test_capped, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
