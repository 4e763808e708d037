#ifndef JOINTPLAN_GLPK_GUARD_H
#define JOINTPLAN_GLPK_GUARD_H
/* Placeholder header; the GLPK guard is built in the foundation issue. */
int jp_glpk_guard_version(void);
#endif
