/* The GLPK guard: see include/glpk_guard.h. */
#include "glpk_guard.h"
#include <float.h>
#include <setjmp.h>
#include <stddef.h>

static _Thread_local jmp_buf *jp_active_jump = NULL;
static _Thread_local unsigned long jp_generation = 0;

unsigned long jp_env_generation(void) { return jp_generation; }

void jp_free_env(void) {
    glp_free_env();
    jp_generation += 1;
}

/* Called by GLPK after it printed the fatal message (through the term hook). */
static void jp_error_hook(void *info) {
    (void)info;
    jmp_buf *jump = jp_active_jump;
    if (jump != NULL) longjmp(*jump, 1);
    /* No guard is active: returning lets GLPK abort(), as it would without us. */
}

/*
 * GUARDED(call): run `call` under the hook. On a fatal error: free the environment (GLPK's
 * documented recovery), bump the generation and return JP_GUARD_FATAL.
 */
#define GUARDED(call)                                                  \
    do {                                                               \
        jmp_buf jump;                                                  \
        jmp_buf *volatile saved = jp_active_jump;                      \
        if (setjmp(jump) != 0) {                                       \
            jp_active_jump = saved;                                    \
            glp_free_env();                                            \
            jp_generation += 1;                                        \
            return JP_GUARD_FATAL;                                     \
        }                                                              \
        jp_active_jump = &jump;                                        \
        glp_error_hook(jp_error_hook, NULL);                           \
        call;                                                          \
        glp_error_hook(NULL, NULL);                                    \
        jp_active_jump = saved;                                        \
        return JP_GUARD_OK;                                            \
    } while (0)

int jp_guarded_add_rows(glp_prob *P, int count, int *first) { GUARDED(*first = glp_add_rows(P, count)); }
int jp_guarded_add_cols(glp_prob *P, int count, int *first) { GUARDED(*first = glp_add_cols(P, count)); }
int jp_guarded_set_row_name(glp_prob *P, int i, const char *name) { GUARDED(glp_set_row_name(P, i, name)); }
int jp_guarded_set_col_name(glp_prob *P, int j, const char *name) { GUARDED(glp_set_col_name(P, j, name)); }
int jp_guarded_set_row_bnds(glp_prob *P, int i, int type, double lb, double ub) {
    GUARDED(glp_set_row_bnds(P, i, type, lb, ub));
}
int jp_guarded_set_col_bnds(glp_prob *P, int j, int type, double lb, double ub) {
    GUARDED(glp_set_col_bnds(P, j, type, lb, ub));
}
int jp_guarded_set_col_kind(glp_prob *P, int j, int kind) { GUARDED(glp_set_col_kind(P, j, kind)); }
int jp_guarded_set_obj_coef(glp_prob *P, int j, double coef) { GUARDED(glp_set_obj_coef(P, j, coef)); }
int jp_guarded_load_matrix(glp_prob *P, int ne, const int ia[], const int ja[], const double ar[]) {
    GUARDED(glp_load_matrix(P, ne, ia, ja, ar));
}
int jp_guarded_set_mat_row(glp_prob *P, int i, int len, const int ind[], const double val[]) {
    GUARDED(glp_set_mat_row(P, i, len, ind, val));
}
int jp_guarded_create_index(glp_prob *P) { GUARDED(glp_create_index(P)); }
int jp_guarded_simplex(glp_prob *P, const glp_smcp *parm, int *ret) { GUARDED(*ret = glp_simplex(P, parm)); }
int jp_guarded_write_lp(glp_prob *P, const char *path, int *ret) { GUARDED(*ret = glp_write_lp(P, NULL, path)); }
int jp_guarded_write_mps(glp_prob *P, const char *path, int *ret) {
    GUARDED(*ret = glp_write_mps(P, GLP_MPS_FILE, NULL, path));
}
int jp_guarded_read_lp(glp_prob *P, const char *path, int *ret) { GUARDED(*ret = glp_read_lp(P, NULL, path)); }
int jp_guarded_read_mps(glp_prob *P, const char *path, int *ret) {
    GUARDED(*ret = glp_read_mps(P, GLP_MPS_FILE, NULL, path));
}
int jp_guarded_delete_prob(glp_prob *P) { GUARDED(glp_delete_prob(P)); }

/*
 * The MIP callback. All GLPK calls happen here; Swift only receives a snapshot and answers
 * "continue" or "terminate". The start solution is offered once, at the first GLP_IHEUR.
 */
static void jp_mip_trampoline(glp_tree *tree, void *info) {
    jp_mip_callback *callback = (jp_mip_callback *)info;
    int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR && callback->start != NULL && !callback->start_offered) {
        callback->start_offered = 1;
        callback->start_result = glp_ios_heur_sol(tree, callback->start);
    }
    if (callback->fn == NULL) return;
    jp_progress progress;
    glp_prob *mip = glp_ios_get_prob(tree);
    int best = glp_ios_best_node(tree);
    int active = 0, in_tree = 0, total = 0;
    glp_ios_tree_size(tree, &active, &in_tree, &total);
    progress.reason = reason;
    progress.has_incumbent = glp_mip_status(mip) == GLP_FEAS || glp_mip_status(mip) == GLP_OPT;
    progress.incumbent = progress.has_incumbent ? glp_mip_obj_val(mip) : 0.0;
    progress.has_bound = best != 0;
    progress.bound = best != 0 ? glp_ios_node_bound(tree, best) : 0.0;
    progress.gap = glp_ios_mip_gap(tree);
    progress.active_nodes = active;
    progress.total_nodes = total;
    if (callback->fn(&progress, callback->context) != 0) glp_ios_terminate(tree);
}

int jp_guarded_intopt(glp_prob *P, glp_iocp *parm, jp_mip_callback *callback, int *ret) {
    if (callback != NULL) {
        parm->cb_func = jp_mip_trampoline;
        parm->cb_info = callback;
    }
    GUARDED(*ret = glp_intopt(P, parm));
}
