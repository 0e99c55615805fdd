#!/bin/sh
# run-ui-bench.sh - the front end's figures for the README's Performance
# section, in one run, on one display:
#   1. launch to a settled first screen, to a usable one ("ready": every
#      pack loaded), and peak RSS at each and over the whole launch, of the
#      real binary (bench_launch, its markers), each case launched in turn,
#      N times:
#        the floor (bench_floor: SDL2 + SDL_ttf, one string, software),
#        the game in the user's default environment (no SDL_RENDER_DRIVER,
#        no QUIZDECK_RENDERER: the game's own choice, renderer.h),
#        the game with SDL_RENDER_DRIVER=software, and =opengl,
#      each with the shipped packs, + 200 packs, + 300 packs, and + one
#      50,000-question pack with a warm pack cache (each case has a cache
#      folder of its own, filled by its warm-up launch), and the 50,000-
#      question pack with a cold cache (its folder emptied before every
#      launch: the YAML is parsed and the entry written each time); the
#      tables quote every figure as a ratio to the floor in the same run;
#   2. when KWordQuiz is installed (optional: apt-get install kwordquiz;
#      CI has no KDE), the floor, the game (shipped packs; the 50,000-
#      question pack, warm) and KWordQuiz, all timed by one external rule
#      (bench_launch --external: first window mapped, then the CPU time
#      still for 200 ms; settled = its last advance), with every figure
#      also as a ratio to KWordQuiz in the same round;
#   3. the cost of a key press on the Choose packs screen with the 50,000-
#      question pack ticked (bench_ui_keys, default environment), and with
#      the shipped packs only; and the peak RSS after walking every row of
#      Choose packs and Packs with 200 packs (bench_ui_keys --walk);
#   4. bench_ui: start-up breakdown, full redraws of the question screen at
#      1920x1080 and 3840x2160, and idle CPU, in the default environment on
#      X11 and with SDL's dummy video driver (what CI has).
# The generated packs (bench_packs), the data and cache folders and
# KWordQuiz's home go to a temporary folder, removed at the end. Xvfb runs
# on display :8 only (other helpers use other displays; --display to
# change it) and is stopped at the end. Figures are printed, never judged
# (design rule 10).
#
# Usage: tests/bench/run-ui-bench.sh BUILD_DIR [--runs N] [--keys N]
#                                    [--frames N] [--display :N]
#                                    [--only launch]
#   e.g. tests/bench/run-ui-bench.sh build-rel --runs 11
# --only launch stops after parts 1 and 2.
# BUILD_DIR is a Release build with the benchmarks built:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release &&
#   cmake --build build-rel -j2 --target quizdeck bench
# Needs Xvfb (package xvfb) and fc-match (fontconfig).
set -eu

usage() {
    echo "usage: $0 BUILD_DIR [--runs N] [--keys N] [--frames N] [--display :N] [--only launch]" >&2
    exit 2
}
[ $# -ge 1 ] && [ -d "$1" ] || usage
build=$(cd "$1" && pwd)
shift
runs=11
keys=200
frames=200
display=:8
only=""
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || usage
    case "$1" in
    --runs) runs=$2 ;;
    --keys) keys=$2 ;;
    --frames) frames=$2 ;;
    --display) display=$2 ;;
    --only) [ "$2" = launch ] || usage; only=$2 ;;
    *) usage ;;
    esac
    shift 2
done

bench="$build/tests/bench"
exe="$build/quizdeck"
for program in "$exe" "$bench/bench_launch" "$bench/bench_floor" "$bench/bench_packs" \
    "$bench/bench_ui_keys" "$bench/bench_ui"; do
    if [ ! -x "$program" ]; then
        echo "$0: $program is missing: cmake --build $build -j2 --target quizdeck bench" >&2
        exit 2
    fi
done
if ! command -v Xvfb >/dev/null 2>&1; then
    echo "$0: Xvfb is not installed (apt-get install xvfb)" >&2
    exit 2
fi
number=${display#:}
if [ -e "/tmp/.X11-unix/X$number" ] || [ -e "/tmp/.X$number-lock" ]; then
    echo "$0: display $display is in use; stop what runs there or pass --display" >&2
    exit 2
fi
font=$(fc-match -f '%{file}' 'sans-serif:lang=en')

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

Xvfb "$display" -screen 0 3840x2160x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
tries=0
while [ ! -e "/tmp/.X11-unix/X$number" ] && [ $tries -lt 50 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
if [ ! -e "/tmp/.X11-unix/X$number" ]; then
    echo "$0: Xvfb $display did not start:" >&2
    cat "$work/xvfb.log" >&2
    exit 1
fi

echo "run-ui-bench: $(nproc) cores (nproc), CPU \"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)\", $(uname -sr)"
echo "run-ui-bench: SDL $(pkg-config --modversion sdl2 2>/dev/null || echo '?'), Xvfb $display 3840x2160x24, floor font $font"
echo "run-ui-bench: command: $0 $build --runs $runs --keys $keys --frames $frames --display $display"

# The packs: as large as a shipped pack (16 questions), 200 and 300 of
# them, and one pack of 50,000 questions.
"$bench/bench_packs" "$work/packs-200" 200 16 small
"$bench/bench_packs" "$work/packs-300" 300 16 many
"$bench/bench_packs" "$work/packs-50k" 1 50000 big

# The default environment: what a player's desktop has. Nothing here sets
# a renderer; DISPLAY is the only thing the benchmark gives.
export DISPLAY="$display"
unset SDL_RENDER_DRIVER QUIZDECK_RENDERER SDL_VIDEODRIVER SDL_FRAMEBUFFER_ACCELERATION \
    SDL_RENDER_BATCHING QUIZDECK_QUESTIONS_DIR 2>/dev/null || true

# Every case of the game has its own data folder and its own pack cache
# (never the user's ~/.cache): a warm case's cache is filled by its warm-up
# launch; the cold case's is emptied before every launch.
n=0
set -- --case "floor: SDL2 + SDL_ttf, software renderer" -- "$bench/bench_floor" "$font"
for packs in shipped 200 300 50k 50k-cold; do
    case $packs in
    shipped) extra="" ; what="shipped packs" ;;
    50k) extra="$work/packs-50k" ; what="+ a 50,000-question pack, warm cache" ;;
    50k-cold) extra="$work/packs-50k" ; what="+ a 50,000-question pack, cold cache" ;;
    *) extra="$work/packs-$packs" ; what="+ $packs packs" ;;
    esac
    envs="default software opengl"
    [ "$packs" = 50k-cold ] && envs=default
    for env in $envs; do
        n=$((n + 1))
        if [ "$env" = default ]; then
            set -- "$@" --case "game, default env, $what" -u SDL_RENDER_DRIVER
        else
            set -- "$@" --case "game, SDL_RENDER_DRIVER=$env, $what" "SDL_RENDER_DRIVER=$env"
        fi
        set -- "$@" "QUIZDECK_CACHE_DIR=$work/cache-$n"
        if [ "$packs" = 50k-cold ]; then
            set -- "$@" --empty "$work/cache-$n"
        fi
        set -- "$@" -- "$exe" --data "$work/data-$n"
        if [ -n "$extra" ]; then
            set -- "$@" --packs "$extra"
        fi
    done
done
"$bench/bench_launch" --runs "$runs" "$@"

# KWordQuiz, when installed, and the floor and the game under the same
# external rule. Its own home folder, so a first-run dialog (shown by the
# warm-up launch) or the user's settings never change what is measured.
if command -v kwordquiz >/dev/null 2>&1; then
    echo
    echo "### KWordQuiz $(dpkg-query -W -f '${Version}' kwordquiz 2>/dev/null || echo '?') and the game, one external rule"
    mkdir -p "$work/kwordquiz-home"
    "$bench/bench_launch" --external --runs "$runs" --timeout 30 --versus KWordQuiz \
        --case "floor: SDL2 + SDL_ttf, software renderer" -- "$bench/bench_floor" "$font" \
        --case "game, default env, shipped packs" "QUIZDECK_CACHE_DIR=$work/cache-ext-1" \
        -- "$exe" --data "$work/data-ext-1" \
        --case "game, default env, + a 50,000-question pack, warm cache" \
        "QUIZDECK_CACHE_DIR=$work/cache-ext-2" -- "$exe" --data "$work/data-ext-2" \
        --packs "$work/packs-50k" \
        --case KWordQuiz "HOME=$work/kwordquiz-home" -- kwordquiz
else
    echo
    echo "### KWordQuiz is not installed: no external-rule comparison (apt-get install kwordquiz)"
fi
[ "$only" = launch ] && exit 0
export QUIZDECK_CACHE_DIR="$work/cache-keys"

echo
"$bench/bench_ui_keys" --keys "$keys" --packs "$work/packs-50k"
echo
"$bench/bench_ui_keys" --keys "$keys"
echo
"$bench/bench_ui_keys" --keys "$keys" --walk --packs "$work/packs-200"

for video in x11 dummy; do
    echo
    echo "### bench_ui, default environment, SDL_VIDEODRIVER=$video"
    SDL_VIDEODRIVER=$video "$bench/bench_ui" --runs "$runs" --frames "$frames"
done
echo
echo "### bench_ui, default environment, X11, a 4K window"
"$bench/bench_ui" --only redraw --frames "$frames" --redraw-size 3840x2160
