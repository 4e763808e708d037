#include "glpk_guard.h"
int jp_glpk_guard_version(void) { return 1; }
