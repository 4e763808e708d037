#ifndef JOINTPLAN_GLPK_GUARD_H
#define JOINTPLAN_GLPK_GUARD_H
/*
 * The GLPK guard: turns GLPK's fatal errors (which call abort()) into an error return.
 *
 * Every jp_guarded_* function installs glp_error_hook, setjmp()s, makes one GLPK call and
 * returns JP_GUARD_OK, or JP_GUARD_FATAL when GLPK hit a fatal error. The longjmp happens
 * entirely inside C: the only code between setjmp and the GLPK call is this file, so no
 * Swift frame is ever unwound by it. (The MIP callback below calls back into Swift, but the
 * Swift side makes no GLPK calls; every GLPK call of the callback is made here, in C.)
 *
 * After JP_GUARD_FATAL the thread's GLPK environment has been freed with glp_free_env():
 * every problem object created on this thread is gone. jp_env_generation() is bumped so the
 * Swift wrapper can tell its problems are dead. Validating inputs in Swift is the first line
 * of defence; this guard is the backstop.
 */
#include <glpk.h>

#define JP_GUARD_OK 0
#define JP_GUARD_FATAL (-1)

/* A per-thread counter bumped every time the guard frees this thread's environment. */
unsigned long jp_env_generation(void);

/* glp_free_env() for a thread that is done with GLPK; bumps the generation too. */
void jp_free_env(void);

/* What the MIP callback tells Swift, once per callback invocation. */
typedef struct {
    int reason;          /* GLP_IROWGEN, GLP_IBINGO, GLP_IHEUR, ... */
    int has_incumbent;   /* an integer feasible solution is known */
    double incumbent;    /* its objective (valid when has_incumbent) */
    int has_bound;       /* the tree has an active node */
    double bound;        /* best bound: glp_ios_node_bound of glp_ios_best_node */
    double gap;          /* glp_ios_mip_gap (DBL_MAX when no incumbent) */
    int active_nodes;    /* glp_ios_tree_size a_cnt */
    int total_nodes;     /* glp_ios_tree_size t_cnt */
} jp_progress;

/* Swift's side of the callback: returns nonzero to ask GLPK to terminate. Must not call GLPK. */
typedef int (*jp_progress_fn)(const jp_progress *progress, void *context);

typedef struct {
    jp_progress_fn fn;       /* may be NULL */
    void *context;
    const double *start;     /* 1-based start solution (start[1..n]) or NULL */
    int start_offered;       /* out: 1 once glp_ios_heur_sol was called */
    int start_result;        /* out: glp_ios_heur_sol's return (0 = accepted) */
} jp_mip_callback;

int jp_guarded_add_rows(glp_prob *P, int count, int *first);
int jp_guarded_add_cols(glp_prob *P, int count, int *first);
int jp_guarded_set_row_name(glp_prob *P, int i, const char *name);
int jp_guarded_set_col_name(glp_prob *P, int j, const char *name);
int jp_guarded_set_row_bnds(glp_prob *P, int i, int type, double lb, double ub);
int jp_guarded_set_col_bnds(glp_prob *P, int j, int type, double lb, double ub);
int jp_guarded_set_col_kind(glp_prob *P, int j, int kind);
int jp_guarded_set_obj_coef(glp_prob *P, int j, double coef);
int jp_guarded_load_matrix(glp_prob *P, int ne, const int ia[], const int ja[], const double ar[]);
int jp_guarded_set_mat_row(glp_prob *P, int i, int len, const int ind[], const double val[]);
int jp_guarded_create_index(glp_prob *P);
int jp_guarded_simplex(glp_prob *P, const glp_smcp *parm, int *ret);
int jp_guarded_intopt(glp_prob *P, glp_iocp *parm, jp_mip_callback *callback, int *ret);
int jp_guarded_write_lp(glp_prob *P, const char *path, int *ret);
int jp_guarded_write_mps(glp_prob *P, const char *path, int *ret);
int jp_guarded_read_lp(glp_prob *P, const char *path, int *ret);
int jp_guarded_read_mps(glp_prob *P, const char *path, int *ret);
int jp_guarded_delete_prob(glp_prob *P);

#endif
