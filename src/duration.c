/* Duration parsing; see duration.h. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "duration.h"

static const struct {
	const char	*unit;
	long long	 mul;	/* milliseconds per unit, or divisor if < 0 */
} duration_units[] = {
	{ "ms", 1 }, { "msec", 1 }, { "us", -1000 }, { "usec", -1000 },
	{ "s", 1000 }, { "sec", 1000 }, { "m", 60000 }, { "min", 60000 },
	{ "h", 3600000 }, { "hr", 3600000 },
};

/* ISO 8601: P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]; years and months are
 * taken as 365 and 30 days. */
static int
duration_iso8601(const char *s, long long *ms)
{
	long long total = 0, n, frac, mul;
	int in_time = 0, any = 0, digits;

	if (*s != 'P' && *s != 'p')
		return -1;
	for (s++; *s; ) {
		if (*s == 'T' || *s == 't') {
			if (in_time)
				return -1;
			in_time = 1;
			s++;
			continue;
		}
		n = 0;
		digits = 0;
		while (isdigit((unsigned char)*s)) {
			if (n > LLONG_MAX / 10 - 10)
				return -1;
			n = n * 10 + (*s++ - '0');
			digits++;
		}
		frac = 0;
		if (*s == '.' || *s == ',') {
			int scale = 100;

			for (s++; isdigit((unsigned char)*s); s++) {
				frac += (*s - '0') * scale;
				scale /= 10;
			}
		}
		if (digits == 0)
			return -1;
		switch (toupper((unsigned char)*s)) {
		case 'Y': if (in_time) return -1; mul = 365LL * 86400000; break;
		case 'W': if (in_time) return -1; mul = 7LL * 86400000; break;
		case 'D': if (in_time) return -1; mul = 86400000LL; break;
		case 'H': if (!in_time) return -1; mul = 3600000LL; break;
		case 'M': mul = in_time ? 60000LL : 30LL * 86400000; break;
		case 'S': if (!in_time) return -1; mul = 1000; break;
		default: return -1;
		}
		if (mul != 1000)
			frac = 0;	/* a fraction counts for seconds only */
		/* refuse what does not fit rather than wrap (undefined) */
		if (n > (LLONG_MAX - frac) / mul)
			return -1;
		n = n * mul + frac;
		if (n > LLONG_MAX - total)
			return -1;
		total += n;
		any = 1;
		s++;
	}
	if (!any)
		return -1;
	*ms = total;
	return 0;
}

int
oc_duration_parse(const char *s, long long *ms)
{
	long long n = 0;
	const char *unit;
	size_t i;
	int digits = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == 'P' || *s == 'p')
		return duration_iso8601(s, ms);
	if (*s == '+')
		s++;
	while (isdigit((unsigned char)*s)) {
		if (n > LLONG_MAX / 10 - 10)
			return -1;
		n = n * 10 + (*s++ - '0');
		digits++;
	}
	if (digits == 0)
		return -1;
	if (*s == '.')		/* Pacemaker ignores the fractional part */
		for (s++; isdigit((unsigned char)*s); s++)
			;
	while (isspace((unsigned char)*s))
		s++;
	unit = s;
	if (*unit == '\0') {
		if (n > LLONG_MAX / 1000)
			return -1;
		*ms = n * 1000;
		return 0;
	}
	for (i = 0; i < sizeof(duration_units) / sizeof(duration_units[0]); i++) {
		size_t len = strlen(duration_units[i].unit);

		if (strncasecmp(unit, duration_units[i].unit, len) != 0)
			continue;
		s = unit + len;
		while (isspace((unsigned char)*s))
			s++;
		if (*s != '\0')
			continue;
		if (duration_units[i].mul < 0)
			*ms = n / -duration_units[i].mul;
		else if (n > LLONG_MAX / duration_units[i].mul)
			return -1;
		else
			*ms = n * duration_units[i].mul;
		return 0;
	}
	return -1;
}

int
oc_duration_has_unit(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return n > 0 && !isdigit((unsigned char)s[n - 1]) && s[n - 1] != '.';
}
