#!/usr/bin/env bash
# Takes the README's screenshots of the real game: runs quizdeck in an Xvfb
# screen of the given size with a fresh data folder and drives it with the
# keyboard (xdotool) through first launch, the menus, a question, progress,
# settings and flashcard study. (Every question type, feedback and results
# are shot by the UI tests: QUIZDECK_PLAY_SHOTS=DIR ctest -R test_ui_play.)
#
# Usage: tools/screenshots.sh BUILD_DIR OUT_DIR [WIDTHxHEIGHT]
# Needs: xvfb, xdotool, imagemagick (apt-get install xvfb xdotool imagemagick).
set -euo pipefail
build=$1
out=$2
size=${3:-1280x720}
mkdir -p "$out"
display=${QUIZDECK_SHOTS_DISPLAY:-:$((40 + RANDOM % 50))}  # a shared machine may give one
data=$(mktemp -d /tmp/quizdeck-shots-XXXXXX)
Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
xvfb=$!
game=
trap 'kill $game $xvfb 2>/dev/null; rm -rf "$data"' EXIT
export DISPLAY=$display
sleep 1
QUIZDECK_DATA_DIR=$data "$build/quizdeck" >/dev/null 2>&1 &
game=$!
sleep 2
xdotool mousemove 0 0                    # the pointer's position would take the focus
key() { xdotool key --delay 150 "$@"; sleep 0.5; }
shot() { import -window root "$out/$1-$size.png"; echo "$out/$1-$size.png"; }

shot first-launch
xdotool type --delay 60 "Layla"; key Return
sleep 1.6; key Down Up                  # put the welcome notice away
shot title
key Return; key Return                  # Play a round; tick the first pack
shot packs
key Tab Tab                             # out of the list: Clear, then Continue
key Return                              # Continue: Start has the focus
shot setup
key Return                              # Start
sleep 1
shot question
key Escape                              # asks before abandoning the round
shot abandon
key y                                   # yes (Enter would keep playing): back to setup
key Escape Escape                       # setup, packs, then the title
shot title-continue                     # the packs are remembered: Continue
key Down Down Return                    # Progress
shot progress
key Escape Up Return                    # Study flashcards
shot study-front
key space
shot study-back
key 3
key Escape Down Down Right Return       # Progress, Learners, Settings
shot settings
