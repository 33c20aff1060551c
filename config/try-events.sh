#!/usr/bin/env bash
# Try the station on the line with no camera and no broker of your own: starts the RTSP test server
# (as config/try-sample.sh does), a private MQTT broker (mosquitto on 127.0.0.1:18830), then `run`
# with config/sample.yaml plus an mqtt: and an http: section, and shows what a new user would watch:
#   - every MQTT message under dualstream/try/# (mosquitto_sub -v), prefixed "mqtt>"
#   - curl http://127.0.0.1:8080/health, one POST trigger and its answer, a few /metrics lines
# Snapshots land in snapshots/cam1/ (a detector crossing every 3 s, and the POST's).
#   config/try-events.sh                 # until Ctrl+C
#   config/try-events.sh --seconds 30    # extra arguments go to `run`
# Needs what opencv-build/setup-debian.sh installs (mosquitto, mosquitto-clients, curl), and the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/dualstream.jar
broker_port=18830
http_port=8080
[[ -f $jar ]] || { echo "try-events: $jar not found: run opencv-build/setup-debian.sh (or mvn -DskipTests package) first" >&2; exit 3; }
for tool in mosquitto_sub curl; do
  command -v $tool >/dev/null || { echo "try-events: $tool not found: sudo apt-get install mosquitto mosquitto-clients curl" >&2; exit 3; }
done
mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[[ -x $mosquitto ]] || { echo "try-events: mosquitto not found: sudo apt-get install mosquitto" >&2; exit 3; }

work=$(mktemp -d)
config=config/try-events.generated.yaml
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work" "$config"
}
trap cleanup EXIT

# The broker: our own process and port, so a mosquitto service on 1883 is left alone.
printf 'listener %s 127.0.0.1\nallow_anonymous true\nuser %s\n' "$broker_port" "$(id -un)" > "$work/mosquitto.conf"
"$mosquitto" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=($!)
sleep 0.5
kill -0 "${pids[-1]}" 2>/dev/null || { echo "try-events: mosquitto did not start (is port $broker_port in use?):" >&2; cat "$work/mosquitto.log" >&2; exit 1; }

# The RTSP test server, as in try-sample.sh; it exits when its standard input closes.
coproc SERVER { exec /usr/bin/python3 src/test/fixtures/rtsp_server.py --port 8554 \
    --crossing-scene sub=/sub:640x360@25,main=/main:1920x1080@10,objects=100000,start=3,period=3 2>&1; }
pids+=("$SERVER_PID")
ready=""
while IFS= read -r -t 20 line <&"${SERVER[0]}"; do
  case $line in READY*) ready=$line; break ;; *) echo "server: $line" >&2 ;; esac
done
[[ -n $ready ]] || { echo "try-events: the RTSP test server did not start (is port 8554 in use?)" >&2; exit 1; }
cat <&"${SERVER[0]}" >/dev/null &
pids+=($!)

# What the line's software would see: every message of this station.
mosquitto_sub -h 127.0.0.1 -p "$broker_port" -v -t 'dualstream/try/#' > >(sed -u 's/^/mqtt> /') &
pids+=($!)   # mosquitto_sub's own PID, so the cleanup ends it

# The sample, plus the station's two sections (the sample has them commented out).
{ cat config/sample.yaml; cat <<YAML

station: try
mqtt:
  broker: tcp://127.0.0.1:$broker_port
  topic-prefix: dualstream/try
  reconnect-max: 5s
http:
  bind: 127.0.0.1
  port: $http_port
YAML
} > "$config"

java -jar "$jar" run --config "$config" "$@" &
run_pid=$!
pids+=($run_pid)
echo "try-events: waiting for the station's HTTP endpoint on 127.0.0.1:$http_port ..." >&2
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$http_port/health" >/dev/null 2>&1 && break
  sleep 1
done
sleep 4   # both streams up, a first crossing
echo; echo "\$ curl -s http://127.0.0.1:$http_port/health"
curl -s "http://127.0.0.1:$http_port/health"
echo; echo "\$ curl -s -X POST 'http://127.0.0.1:$http_port/cameras/cam1/trigger?id=part-42'"
curl -s -X POST "http://127.0.0.1:$http_port/cameras/cam1/trigger?id=part-42"
echo; echo "\$ curl -s http://127.0.0.1:$http_port/metrics | grep -E '^dualstream_(camera_up|triggers|snapshots|events)'"
curl -s "http://127.0.0.1:$http_port/metrics" | grep -E '^dualstream_(camera_up|triggers|snapshots|events)' || true
echo
echo "try-events: running; the mqtt> lines are the events. Ctrl+C stops everything." >&2
wait "$run_pid"
