#ifndef POSTMORTEM_CCMARK_SHIM_H
#define POSTMORTEM_CCMARK_SHIM_H
#include <cmark.h>
#endif
