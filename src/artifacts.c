/* What a resource leaves behind besides processes; see artifacts.h. */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artifacts.h"

/* Deep enough for any state directory; a loop of links cannot recurse, as
 * symbolic links are listed, never followed. */
#define ARTIFACTS_DEPTH	8

/* List dir (shown as shown/) into out, recursively; counts entries in *n. */
static void
artifacts_tree(const char *dir, const char *shown, int depth, size_t *n,
    struct oc_strv *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && *n < OC_ARTIFACTS_MAX) {
		char *path, *name;
		struct stat st;
		int is_dir;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		name = xasprintf("%s/%s", shown, e->d_name);
		is_dir = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
		oc_strv_pushf(out, "%s%s", name, is_dir ? "/" : "");
		(*n)++;
		if (is_dir && depth < ARTIFACTS_DEPTH)
			artifacts_tree(path, name, depth + 1, n, out);
		free(name);
		free(path);
	}
	closedir(d);
}

/* One line per object of /proc/sysvipc/<file>: its key and id columns. */
static void
artifacts_ipc(const char *dir, const char *file, const char *what,
    struct oc_strv *out)
{
	char *path = xasprintf("%s/%s", dir, file);
	FILE *fp = fopen(path, "re");
	char line[512];
	long long key;
	long id;
	size_t n = 0;

	free(path);
	if (fp == NULL)
		return;
	/* the first line names the columns */
	if (fgets(line, sizeof(line), fp) != NULL)
		while (fgets(line, sizeof(line), fp) != NULL &&
		    n < OC_ARTIFACTS_MAX)
			if (sscanf(line, "%lld %ld", &key, &id) == 2) {
				oc_strv_pushf(out, "SysV %s (key %lld, id %ld)",
				    what, key, id);
				n++;
			}
	fclose(fp);
}

static int
artifacts_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
oc_artifacts_snapshot(const struct oc_artifact_places *at,
    struct oc_strv *out)
{
	size_t n;

	oc_strv_release(out);
	if (at->rsctmp != NULL) {
		n = 0;
		artifacts_tree(at->rsctmp, "HA_RSCTMP", 1, &n, out);
	}
	if (at->shm != NULL) {
		n = 0;
		artifacts_tree(at->shm, at->shm, ARTIFACTS_DEPTH, &n, out);
	}
	if (at->sysvipc != NULL) {
		artifacts_ipc(at->sysvipc, "shm", "shared memory segment", out);
		artifacts_ipc(at->sysvipc, "sem", "semaphore set", out);
		artifacts_ipc(at->sysvipc, "msg", "message queue", out);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), artifacts_cmp);
}

void
oc_artifacts_new(const struct oc_strv *before, const struct oc_strv *after,
    struct oc_strv *out)
{
	size_t i = 0, k = 0;
	int c;

	/* both sorted: one merge pass */
	while (k < after->n) {
		c = i < before->n ? strcmp(before->v[i], after->v[k]) : 1;
		if (c < 0)
			i++;
		else if (c == 0) {
			i++;
			k++;
		} else
			oc_strv_push(out, after->v[k++]);
	}
}
