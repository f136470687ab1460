#ifndef KASANE_CLIBICAL_SHIM_H
#define KASANE_CLIBICAL_SHIM_H
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

/* icalerrno is a macro Swift cannot import. */
static inline icalerrorenum kasane_icalerrno(void) { return icalerrno; }
static inline void kasane_icalerror_clear(void) { icalerrno = ICAL_NO_ERROR; }

/* The length of a buffer libical returned, without importing the C library into Swift. */
static inline size_t kasane_strlen(const char *s) { return strlen(s); }

#endif
