#!/bin/sh
# run-ui-bench.sh - runs bench_ui (the front end's start, redraw and idle
# figures for the README's Performance section) the ways it is quoted:
#   1. SDL's dummy video driver (no display; what CI has),
#   2. a real X11 window on Xvfb, SDL's default window framebuffer (on X11
#      SDL backs the window surface with an OpenGL texture: Mesa llvmpipe
#      here, so its start-up is part of the figure),
#   3. the same with SDL_FRAMEBUFFER_ACCELERATION=0 (plain XShm uploads).
# Every run uses SDL_RENDER_DRIVER=software. It also times the real quizdeck
# binary to its first frame: a small LD_PRELOAD library built here wraps
# SDL_RenderPresent, writes the time of the first present to a pipe and ends
# the process (the game has no "exit after the first frame" switch).
#
# Usage: tests/bench/run-ui-bench.sh BUILD_DIR [bench_ui options...]
#   e.g. tests/bench/run-ui-bench.sh build-release --runs 15 --frames 200
# BUILD_DIR must hold tests/bench/bench_ui and quizdeck (a Release build:
# cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release). Xvfb is optional
# (package xvfb); without it only the dummy runs happen. Figures are printed,
# never judged (design rule 10). Read bench_ui.c's header for what each line
# means.
set -eu

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 BUILD_DIR [bench_ui options...]" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
shift
bench="$build/tests/bench/bench_ui"
exe="$build/quizdeck"
if [ ! -x "$bench" ] || [ ! -x "$exe" ]; then
    echo "$0: build $bench and $exe first (cmake --build $build)" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/quizdeck-ui-bench.XXXXXX")
xvfb_pid=""
cleanup() {
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The first-frame library: interposes SDL_RenderPresent when preloaded.
cat > "$work/first_frame.c" <<'EOF'
/* Preloaded into quizdeck by run-ui-bench.sh: after the first present,
 * writes CLOCK_MONOTONIC (int64 ns) to fd $QUIZDECK_BENCH_FRAME_FD, exits. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

typedef struct SDL_Renderer SDL_Renderer;
void SDL_RenderPresent(SDL_Renderer *renderer);

void SDL_RenderPresent(SDL_Renderer *renderer)
{
    void (*real)(SDL_Renderer *) = (void (*)(SDL_Renderer *))dlsym(RTLD_NEXT, "SDL_RenderPresent");
    if (real)
        real(renderer);
    const char *fd = getenv("QUIZDECK_BENCH_FRAME_FD");
    if (fd == NULL)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    if (write(atoi(fd), &ns, sizeof ns) != (ssize_t)sizeof ns)
        _exit(1);
    _exit(0);
}
EOF
cc -shared -fPIC -O2 -o "$work/first_frame.so" "$work/first_frame.c" -ldl

run() {
    echo
    echo "### $*"
    # shellcheck disable=SC2086 # bench_ui's options: split on purpose
    env "$@" SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy \
        "$bench" --exe "$exe" --preload "$work/first_frame.so" $bench_args
}
bench_args="$*"

run SDL_VIDEODRIVER=dummy

if command -v Xvfb >/dev/null 2>&1; then
    # The first free display from :15 up.
    n=15
    while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do
        n=$((n + 1))
    done
    Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
    xvfb_pid=$!
    tries=0
    while [ ! -e "/tmp/.X11-unix/X$n" ] && [ $tries -lt 50 ]; do
        sleep 0.1
        tries=$((tries + 1))
    done
    if [ -e "/tmp/.X11-unix/X$n" ]; then
        run DISPLAY=":$n" SDL_VIDEODRIVER=x11
        run DISPLAY=":$n" SDL_VIDEODRIVER=x11 SDL_FRAMEBUFFER_ACCELERATION=0
    else
        echo "Xvfb :$n did not start; see below" >&2
        cat "$work/xvfb.log" >&2
    fi
else
    echo
    echo "### Xvfb not installed: no X11 figures (apt-get install xvfb)"
fi
