#!/usr/bin/env bash
# Takes the README's screenshots of the real game: runs quizdeck in an Xvfb
# screen of the given size with a fresh data folder and drives it with the
# keyboard (xdotool) through first launch, the menus, a question, progress,
# settings and flashcard study. (Every question type, feedback and results
# are shot by the UI tests: QUIZDECK_PLAY_SHOTS=DIR ctest -R test_ui_play.)
#
# With LANG_SHOTS=ar the interface is Arabic (an Arabic desktop: LANGUAGE=ar),
# the files are named ar-NAME-SIZE.png, and the game loads only a small
# Arabic pack written here, so that one round can be played through to its
# feedback and results by keys alone.
#
# Usage: tools/screenshots.sh BUILD_DIR OUT_DIR [WIDTHxHEIGHT]
#        LANG_SHOTS=ar tools/screenshots.sh BUILD_DIR OUT_DIR [WIDTHxHEIGHT]
# Needs: xvfb, xdotool, imagemagick (apt-get install xvfb xdotool imagemagick).
set -euo pipefail
build=$1
out=$2
size=${3:-1280x720}
lang=${LANG_SHOTS:-}
mkdir -p "$out"
display=${QUIZDECK_SHOTS_DISPLAY:-:$((40 + RANDOM % 50))}  # a shared machine may give one
data=$(mktemp -d /tmp/quizdeck-shots-XXXXXX)
Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
xvfb=$!
game=
trap 'kill $game $xvfb 2>/dev/null; rm -rf "$data"' EXIT
export DISPLAY=$display
sleep 1
if [ "$lang" = ar ]; then
  mkdir -p "$data/shipped"
  cat > "$data/shipped/gulf.yaml" <<'YAML'
format: 1
id: shots-gulf
title: "الكويت والخليج"
description: "ثلاثة أسئلة للصور"
language: ar
topics:
  - {id: gulf, title: "الخليج العربي"}
defaults: {time_limit: 0, points: 1000}
questions:
  - id: gcc
    type: choice
    topic: gulf
    prompt: "في أي عام تأسس مجلس التعاون لدول الخليج العربية؟"
    choices: ["1971", "1981", "1991"]
    answer: "1981"
    explain: "تأسس المجلس في أبوظبي في 25 مايو 1981."
  - id: capital
    type: choice
    topic: gulf
    prompt: "ما عاصمة دولة الكويت؟"
    choices: ["الجهراء", "مدينة الكويت", "الأحمدي"]
    answer: "مدينة الكويت"
  - id: independence
    type: choice
    topic: gulf
    prompt: "في أي عام نالت الكويت استقلالها؟"
    choices: ["1951", "1961", "1971"]
    answer: "1961"
    explain: "في 19 يونيو 1961."
YAML
  export LANGUAGE=ar QUIZDECK_QUESTIONS_DIR=$data/shipped
fi
QUIZDECK_DATA_DIR=$data/data "$build/quizdeck" >/dev/null 2>&1 &
game=$!
sleep 2
xdotool mousemove 0 0                    # the pointer's position would take the focus
key() { xdotool key --delay 150 "$@"; sleep 0.5; }
# A new start of the game on the same data folder (Arabic screenshots).
restart() {
  kill -KILL "$game" 2>/dev/null || true # every answer is already saved
  wait "$game" 2>/dev/null || true
  QUIZDECK_DATA_DIR=$data/data "$build/quizdeck" >/dev/null 2>&1 &
  game=$!
  sleep 2
  xdotool mousemove 0 0
}
shot() {
  local name=$1
  [ -z "$lang" ] || name=$lang-$1
  import -window root "$out/$name-$size.png"
  echo "$out/$name-$size.png"
}

if [ "$lang" = ar ]; then
  shot first-launch
  xdotool type --delay 80 "ليلى"; key Return
  sleep 1.6; key Down Up                # put the welcome notice away
  shot title
  key Return; key Return                # Play a round; tick the pack
  shot packs
  key Tab Tab                           # past its topic to Continue
  key Return                            # Continue: Start has the focus
  shot setup
  key Return                            # Start
  sleep 1
  shot question
  key 1; sleep 0.5                      # an answer (the first choice)
  shot feedback
  key Return; sleep 0.5                 # Next question
  key 2; sleep 0.5
  shot feedback-2
  key Return; sleep 0.5
  key 2; sleep 0.5
  key Return; sleep 0.8                 # See results
  shot results
  # From here each screen starts from a fresh launch on the same data, the
  # title's first item focused, and is reached with Tab in the menu's order.
  restart
  key Tab Tab Return                    # Progress
  shot progress
  restart
  key Tab Return                        # Study flashcards
  shot study-wait                       # the round's cards are in their first step
  key Return                            # Study it now
  shot study-front
  key space
  shot study-back
  restart
  key Tab Tab Return                    # Progress ...
  key Down Down Down Left Return        # ... Practise, then Flashcard statistics at its left
  shot study-stats
  restart
  key Tab Tab Tab Tab Tab Return        # Settings
  shot settings
  restart
  key Tab Tab Tab Tab Return            # Learners
  shot learners
  exit 0
fi

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
