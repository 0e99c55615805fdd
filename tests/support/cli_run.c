/* cli_run.c - the real quizdeck binary run from the tests (cli_run.h). */
#include "cli_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef QUIZDECK_EXE
#error "QUIZDECK_EXE must name the quizdeck binary (tests/CMakeLists.txt)"
#endif

/* The output goes to a temporary file rather than a pipe, so that a
 * binary printing more than a pipe holds never blocks against a test that
 * only reads after it has exited. */
bool cli_run(CliRun *r, const char *prefix, const char *args)
{
    r->status = -1;
    r->out[0] = '\0';
    char path[] = "/tmp/quizdeck-cli-run-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("cli_run: mkstemp");
        return false;
    }
    close(fd);
    static const char format[] = "%s '%s' %s >'%s' 2>&1";
    int length = snprintf(NULL, 0, format, prefix, QUIZDECK_EXE, args, path);
    char *cmd = length < 0 ? NULL : malloc((size_t)length + 1);
    bool ok = cmd != NULL;
    if (ok) {
        snprintf(cmd, (size_t)length + 1, format, prefix, QUIZDECK_EXE, args, path);
        int raw = system(cmd);
        ok = raw != -1 && WIFEXITED(raw);
        if (ok)
            r->status = WEXITSTATUS(raw);
        else
            fprintf(stderr, "cli_run: %s: did not exit (%d)\n", cmd, raw);
        free(cmd);
    }
    FILE *f = ok ? fopen(path, "rb") : NULL;
    if (f) {
        size_t n = fread(r->out, 1, sizeof r->out - 1, f);
        r->out[n] = '\0';
        fclose(f);
    } else if (ok) {
        perror("cli_run: the output file");
        ok = false;
    }
    unlink(path);
    return ok;
}

size_t cli_run_cases(const char *prefix, const CliCase *cases, size_t count)
{
    size_t failed = 0;
    CliRun *r = malloc(sizeof *r);
    if (!r) {
        fprintf(stderr, "cli_run_cases: out of memory\n");
        return count;
    }
    for (size_t i = 0; i < count; i++) {
        const CliCase *c = &cases[i];
        bool ran = cli_run(r, prefix, c->args);
        if (ran && r->status == c->status && strstr(r->out, c->expect))
            continue;
        fprintf(stderr, "case %zu: %s%squizdeck %s\nexit %d (want %d); output:\n%s\nwanted: %s\n",
                i, prefix, prefix[0] ? " " : "", c->args, r->status, c->status, r->out, c->expect);
        failed++;
    }
    free(r);
    return failed;
}
