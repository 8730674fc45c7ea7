/* Replays every file of the fuzz corpus (fuzz/corpus/<target>/) and every
 * kept crash (fuzz/regressions/<target>/) through the fuzz target bodies,
 * in an ordinary build without clang or libFuzzer.  The target sources are
 * compiled with -DSGK_FUZZ_REPLAY, which leaves out their
 * LLVMFuzzerTestOneInput; a broken invariant aborts, which check reports
 * as a failure of that file's iteration (the file is named on stderr). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

#ifndef SGK_FUZZ_DIR
#error "SGK_FUZZ_DIR must name the fuzz/ directory"
#endif

typedef int (*target_fn)(const uint8_t *, size_t);

static const struct {
    const char *name;
    target_fn fn;
} targets[] = {
    {"ingest", sgk_fuzz_ingest},
    {"sidefiles", sgk_fuzz_sidefiles},
    {"engine", sgk_fuzz_engine},
};
#define NTARGETS (sizeof targets / sizeof targets[0])

/* Every input file, per target, sorted so iteration numbers are stable. */
static char **files[NTARGETS];
static int nfiles[NTARGETS];

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect(size_t t, const char *base)
{
    char dir[4096];
    DIR *d;
    struct dirent *de;
    snprintf(dir, sizeof dir, "%s/%s/%s", SGK_FUZZ_DIR, base,
             targets[t].name);
    d = opendir(dir);
    if (!d)
        return; /* no regressions kept for this target */
    while ((de = readdir(d)) != NULL) {
        char *path;
        if (de->d_name[0] == '.')
            continue;
        path = malloc(strlen(dir) + strlen(de->d_name) + 2);
        files[t] = realloc(files[t], sizeof *files[t] * (size_t)(nfiles[t] + 1));
        if (!path || !files[t])
            abort();
        sprintf(path, "%s/%s", dir, de->d_name);
        files[t][nfiles[t]++] = path;
    }
    closedir(d);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    for (;;) {
        size_t got;
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void replay(size_t t, int i)
{
    size_t len;
    unsigned char *data;
    if (i >= nfiles[t])
        return;
    data = slurp(files[t][i], &len);
    fz_current_input = files[t][i];
    targets[t].fn(data, len);
    fz_current_input = NULL;
    free(data);
}

START_TEST(replay_ingest) { replay(0, _i); }
END_TEST
START_TEST(replay_sidefiles) { replay(1, _i); }
END_TEST
START_TEST(replay_engine) { replay(2, _i); }
END_TEST

static Suite *replay_suite(void)
{
    Suite *s = suite_create("fuzz_replay");
    size_t t;
    for (t = 0; t < NTARGETS; t++) {
        TCase *tc = tcase_create(targets[t].name);
        collect(t, "corpus");
        collect(t, "regressions");
        if (nfiles[t] > 1)
            qsort(files[t], (size_t)nfiles[t], sizeof *files[t], by_name);
        tcase_set_timeout(tc, 120);
        switch (t) {
        case 0: tcase_add_loop_test(tc, replay_ingest, 0, nfiles[t]); break;
        case 1: tcase_add_loop_test(tc, replay_sidefiles, 0, nfiles[t]); break;
        default: tcase_add_loop_test(tc, replay_engine, 0, nfiles[t]); break;
        }
        suite_add_tcase(s, tc);
    }
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(replay_suite());
    int failed;
    size_t t;
    for (t = 0; t < NTARGETS; t++)
        if (nfiles[t] == 0) {
            fprintf(stderr, "no corpus files for %s under %s\n",
                    targets[t].name, SGK_FUZZ_DIR);
            return 1;
        }
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
