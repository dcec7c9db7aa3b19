#!/bin/sh
# The floor for an offline edition: the least a shell script must run to narrate a text into a
# loudness-normalized MP3. espeak-ng writes a WAV, one ffmpeg pass measures the integrated
# loudness, one ffmpeg pass applies the gain, limits the peaks and encodes. The voice options are
# the product's offline defaults, so both read equally long audio.
#
#   minimal_pipeline.sh TEXT OUT.mp3 FFMPEG LUFS CEILING_DBFS BITRATE_K RATE_HZ QUALITY \
#       VOICE WPM WORD_GAP PITCH
set -eu
text=$1 out=$2 ffmpeg=$3 lufs=$4 ceiling=$5 bitrate=$6 rate=$7 quality=$8
voice=$9 wpm=${10} gap=${11} pitch=${12}
wav=${out%.mp3}.wav

espeak-ng -v "$voice" -s "$wpm" -g "$gap" -p "$pitch" -w "$wav" -f "$text"

integrated=$("$ffmpeg" -nostdin -hide_banner -nostats -i "$wav" -af ebur128 -f null - 2>&1 |
    sed -n 's/^ *I: *\(-*[0-9.]*\) LUFS$/\1/p' | tail -n 1)
gain=$(awk -v target="$lufs" -v measured="$integrated" 'BEGIN { printf "%.2f", target - measured }')
limit=$(awk -v db="$ceiling" 'BEGIN { printf "%.4f", 10 ^ (db / 20) }')

"$ffmpeg" -nostdin -hide_banner -loglevel error -y -i "$wav" \
    -af "volume=${gain}dB,alimiter=limit=${limit}:level=disabled" \
    -ar "$rate" -ac 1 -c:a libmp3lame -b:a "${bitrate}k" -compression_level "$quality" "$out"
