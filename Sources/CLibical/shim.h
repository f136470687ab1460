#ifndef KASANE_CLIBICAL_SHIM_H
#define KASANE_CLIBICAL_SHIM_H
#include <libical/ical.h>
#include <stdlib.h>

/* icalerrno is a macro Swift cannot import. */
static inline icalerrorenum kasane_icalerrno(void) { return icalerrno; }
static inline void kasane_icalerror_clear(void) { icalerrno = ICAL_NO_ERROR; }

#endif
