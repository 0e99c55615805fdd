#!/usr/bin/env bash
# One short session of the real game under AddressSanitizer, LeakSanitizer
# and UBSan, on X11: the quizdeck binary of an ASan build (configured with
# -DQUIZDECK_SANITIZE=ON) runs in its own Xvfb screen with a fresh data
# folder, and xdotool plays it by keyboard as a person would: first launch
# (type a name), Play a round, answer the first question, leave the round,
# quit from the title screen. The pack is tests/asan/packs/ (choice
# questions only, so one key answers whichever is drawn first), given as
# the shipped packs folder (QUIZDECK_QUESTIONS_DIR). The headless UI
# tests run the same loop with SDL's dummy driver; this is the X11 path
# (window, renderer, fonts, input method) the player gets.
#
# Fails (exit 1) when the game does not start or does not quit by itself,
# exits non-zero, prints a sanitizer report, or leaves no saved answer.
# Reports that belong to third-party libraries are suppressed in
# tests/lsan.supp (used here, as in .ci/run).
#
# RENDERER is the game's QUIZDECK_RENDERER: software (the default on X11,
# what players get) or opengl. With opengl, Mesa's GL driver (swrast_dri.so)
# leaves two small allocations behind and is unloaded when the X display
# closes, before LeakSanitizer looks; their stacks then name no module (or,
# by chance, libubsan, whose address range LeakSanitizer sometimes takes
# them for), so no suppression can match them. That run checks memory
# errors and undefined behaviour only (detect_leaks=0).
#
# Usage: tests/asan/run-real-loop.sh BUILD_DIR [software|opengl]
# Needs: xvfb, xdotool, sqlite3 (scripts/install-deps installs them).
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR (an ASan build) [software|opengl]}
renderer=${2:-software}
case "$renderer" in
  software) leaks=1 game_renderer=auto ;; # auto is software on X11
  opengl) leaks=0 game_renderer=opengl ;;
  *) echo "run-real-loop: renderer is software or opengl, not $renderer" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "$0")/../.." && pwd)"
game="$build/quizdeck"
[ -x "$game" ] || { echo "run-real-loop: no $game" >&2; exit 1; }

# A free display: no X socket and no lock file for it.
display=
for n in $(seq 60 120); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "run-real-loop: no free X display in :60-:120" >&2; exit 1; }

work=$(mktemp -d /tmp/quizdeck-asan-XXXXXX)
xvfb=
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
export DISPLAY=$display
# The server answers once it is up.
for _ in $(seq 100); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done

export ASAN_OPTIONS=detect_leaks=$leaks:abort_on_error=0:exitcode=23
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0:exitcode=23"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=23
mkdir -p "$work/data"
QUIZDECK_RENDERER=$game_renderer QUIZDECK_QUESTIONS_DIR="$root/tests/asan/packs" "$game" --data "$work/data" \
  >"$work/game.out" 2>"$work/game.err" &
pid=$!

db="$work/data/quizdeck.db"
# Waits until the save file answers `sql` with `want`: the game has done the
# step (a few seconds at most; under ASan the game is slower, never wrong).
wait_db() { # SQL WANT WHAT
  for _ in $(seq 300); do
    [ "$(sqlite3 "$db" "$1" 2>/dev/null)" = "$2" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run-real-loop: the game did not $3" >&2
  cat "$work/game.err" >&2
  exit 1
}
key() { xdotool key --delay 120 "$@"; sleep 0.6; }

# The window exists once the game has drawn its first launch.
if ! xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1; then
  echo "run-real-loop: no window appeared" >&2; cat "$work/game.err" >&2; exit 1
fi
wait_db "SELECT count(*) FROM profiles" 1 "make its save file"
sleep 1
xdotool mousemove 0 0                      # the pointer's position would take the focus
xdotool type --delay 60 "Asan"; key Return # first launch: the name
wait_db "SELECT name FROM profiles" Asan "save the learner's name"
sleep 1; key Down Up                       # the welcome notice goes
key Return                                 # title: Play a round
key Return Tab Tab Return                  # tick the one pack, past Select all, Continue
key Return                                 # setup: Start
wait_db "SELECT count(*) FROM rounds" 1 "start a round"
sleep 1
key 1                                      # answer the first question (choice A)
wait_db "SELECT count(*) FROM answers" 1 "save the answer"
key Return                                 # feedback: Next question
key Escape y                               # quit the round ("Yes, quit"); the answer is kept
wait_db "SELECT abandoned FROM rounds" 1 "leave the round"
key Escape Escape                          # setup, packs: back to the title
key Escape Return                          # Esc puts the focus on Quit; quit

# The game quits by itself; a hang is a failure, not a wait forever.
status=
for _ in $(seq 300); do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" && status=0 || status=$?
    break
  fi
  sleep 0.1
done
pid_left=$pid
pid=
if [ -z "$status" ]; then
  kill "$pid_left" 2>/dev/null || true
  echo "run-real-loop: the game did not quit" >&2; cat "$work/game.err" >&2; exit 1
fi

failed=0
if grep -qE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: (Address|Leak|Undefined)" \
     "$work/game.err"; then
  echo "run-real-loop: a sanitizer report:" >&2; failed=1
fi
if [ "$status" -ne 0 ]; then
  echo "run-real-loop: the game exited with $status" >&2; failed=1
fi
answers=$(sqlite3 "$db" "SELECT count(*) FROM answers" 2>/dev/null || echo 0)
if [ "$answers" != 1 ]; then
  echo "run-real-loop: $answers answers in the save file after the game quit, not 1" >&2; failed=1
fi
if [ "$failed" -ne 0 ]; then
  cat "$work/game.err" >&2
  exit 1
fi
checks="ASan + LSan + UBSan"
[ "$leaks" = 1 ] || checks="ASan + UBSan"
echo "run-real-loop: a round played and quit under $checks on X11 ($renderer renderer):" \
     "exit 0, no report, $answers answer saved"
