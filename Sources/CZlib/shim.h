#ifndef KASANE_CZLIB_SHIM_H
#define KASANE_CZLIB_SHIM_H
#include <zlib.h>

/// deflateInit2 is a macro Swift cannot import; this wrapper makes a gzip stream (windowBits 15 + 16).
static inline int kasane_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// inflateInit2 for gzip input (used by tests to check what the server sent).
static inline int kasane_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 16);
}
#endif
