/*
 * duration: parse operation timeouts and intervals the way Pacemaker does
 * (a number, optional white space, an optional unit: ms/msec, us/usec,
 * s/sec, m/min, h/hr, case-insensitive; no unit means seconds; a
 * fractional part is ignored), plus ISO 8601 durations such as PT20S or
 * P1DT2H.  The result is in milliseconds.
 */
#ifndef OC_DURATION_H
#define OC_DURATION_H

/* 0 and *ms set, or -1 if s is not a duration. */
int	oc_duration_parse(const char *s, long long *ms);
/* Did the text carry an explicit unit?  (A bare "20" is seconds.) */
int	oc_duration_has_unit(const char *s);

#endif
