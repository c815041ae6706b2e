#ifndef POSTMORTEM_CZLIB_SHIM_H
#define POSTMORTEM_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro (it passes zlib's version and the size of z_stream), which Swift cannot
   call; this is the same call as a function. */
static inline int postmortem_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
