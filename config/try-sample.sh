#!/usr/bin/env bash
# Try `run --config config/sample.yaml` with no camera: starts the RTSP test server on
# 127.0.0.1:8554 with a scene of white boxes crossing the picture left to right (one every 3 s,
# served as a 1920x1080 main stream and a 640x360 sub stream from one source), then runs the
# sample config against it. Snapshots land in snapshots/cam1/. Ctrl+C stops both.
#   config/try-sample.sh                 # until Ctrl+C
#   config/try-sample.sh --seconds 30    # extra arguments go to `run`
# Needs what opencv-build/setup-debian.sh installs, and the jar (mvn -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/dualstream.jar
[[ -f $jar ]] || { echo "try-sample: $jar not found: run opencv-build/setup-debian.sh (or mvn -DskipTests package) first" >&2; exit 3; }

# The server exits by itself when its standard input closes, i.e. when this script ends.
coproc SERVER { exec /usr/bin/python3 src/test/fixtures/rtsp_server.py --port 8554 \
    --crossing-scene sub=/sub:640x360@25,main=/main:1920x1080@10,objects=100000,start=3,period=3 2>&1; }
server_pid=$SERVER_PID
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
ready=""
while IFS= read -r -t 20 line <&"${SERVER[0]}"; do
    case $line in READY*) ready=$line; break ;; *) echo "server: $line" >&2 ;; esac
done
[[ -n $ready ]] || { echo "try-sample: the RTSP test server did not start (is port 8554 in use?)" >&2; exit 1; }
echo "try-sample: RTSP test server up ($ready): rtsp://127.0.0.1:8554/main and /sub" >&2
# Keep draining the server's output so it never blocks on a full pipe.
cat <&"${SERVER[0]}" >/dev/null &
java -jar "$jar" run --config config/sample.yaml "$@"
