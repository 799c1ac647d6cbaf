/*
 * artifacts: what a resource can leave behind besides processes (ocf-rules
 * clean.artifacts).  A snapshot is a sorted list of one line per thing:
 *
 *	HA_RSCTMP/agent-web.lock		(a file in the private HA_RSCTMP)
 *	HA_RSCTMP/cache/			(a directory)
 *	/dev/shm/web-ring			(a POSIX shared memory object)
 *	SysV shared memory segment (key 4660, id 3)
 *	SysV semaphore set (key 4660, id 0)
 *	SysV message queue (key 4660, id 1)
 *
 * Take one before start and one after stop; oc_artifacts_new() gives what
 * the second has and the first has not.
 */
#ifndef OC_ARTIFACTS_H
#define OC_ARTIFACTS_H

#include "strv.h"

/* Where to look; the defaults are the machine's, tests point elsewhere. */
struct oc_artifact_places {
	const char	*rsctmp;	/* the private HA_RSCTMP, or NULL */
	const char	*shm;		/* "/dev/shm", or NULL */
	const char	*sysvipc;	/* "/proc/sysvipc", or NULL */
};
#define OC_ARTIFACT_PLACES(rsctmp) { (rsctmp), "/dev/shm", "/proc/sysvipc" }

/* At most this many entries per place: a snapshot stays small. */
#define OC_ARTIFACTS_MAX	2000

/* Fill out (emptied first) with a sorted snapshot of the places. */
void	oc_artifacts_snapshot(const struct oc_artifact_places *,
	    struct oc_strv *out);
/* Append to out the lines of after that are not in before (both sorted). */
void	oc_artifacts_new(const struct oc_strv *before,
	    const struct oc_strv *after, struct oc_strv *out);

#endif
