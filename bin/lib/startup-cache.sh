# Sourced by bin/sluice: the class-data cache that lets `sluice server` start in about half the time.
#
# On JDK 25+ it is an ahead-of-time cache (JEP 483/514/515: classes loaded and linked, method profiles); on JDK 21-24
# a dynamic class-data-sharing archive. Either is made by a training run right after a build, for one build and one
# JDK: a server on a temporary data directory and an ephemeral port answers a few requests and stops; the JVM writes
# the cache as it exits. The training run has no TLS port: TLS pulls in BouncyCastle, whose signed jars cannot be
# cached, and an AOT cache that saw them loads them, verifying their signatures (0.3 s), at every start. It is remade when the build, the lib directory or the JDK is newer than it.
# A cache the JVM cannot use (another JVM, another class path) is ignored by the JVM and start-up is merely slower.
# If training fails, a stamp file stops bin/sluice from trying again until the next build.

# startup_cache_file: sets CACHE_FILE, the cache for this JDK
startup_cache_file() {
  local kind=jsa
  [ "$JAVA_MAJOR" -ge 25 ] && kind=aot
  CACHE_FILE="$ROOT/cli/target/startup/${JAVA_HOME##*/}.$kind"
}

# cache_is_fresh FILE: the file exists and is newer than the build and the JDK
cache_is_fresh() {
  [ -f "$1" ] && [ ! "$JAR" -nt "$1" ] && [ ! "$ROOT/cli/target/lib" -nt "$1" ] \
    && { [ ! -f "$JAVA_HOME/release" ] || [ ! "$JAVA_HOME/release" -nt "$1" ]; }
}

# ensure_startup_cache: sets CACHE_OPTS to the JVM options that use the cache, training it first if needed
ensure_startup_cache() {
  startup_cache_file
  CACHE_OPTS=()
  if ! cache_is_fresh "$CACHE_FILE"; then
    if cache_is_fresh "$CACHE_FILE.failed"; then
      return 0
    fi
    train_startup_cache || { touch "$CACHE_FILE.failed"; return 0; }
  fi
  if [ "$JAVA_MAJOR" -ge 25 ]; then
    CACHE_OPTS=("-XX:AOTCache=$CACHE_FILE" -Xlog:aot=off -Xlog:cds=off)
  else
    CACHE_OPTS=("-XX:SharedArchiveFile=$CACHE_FILE" -Xlog:cds=off)
  fi
}

# http_request PORT METHOD PATH [TARGET BODY]: one HTTP/1.1 request through bash's /dev/tcp (no curl needed)
http_request() {
  local port="$1" method="$2" path="$3" target="${4:-}" body="${5:-}" headers=""
  if [ -n "$target" ]; then
    # an open loopback server accepts any well-formed signature
    headers="X-Amz-Target: $target\r\nContent-Type: application/x-amz-json-1.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDTRAINING/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00\r\n"
  fi
  { exec 9<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}Content-Length: %d\r\n\r\n%s" \
      "$method" "$path" "${#body}" "$body" >&9
  timeout 10 cat <&9 > /dev/null || true
  exec 9<&-
}

# train_startup_cache: runs the training server; the JVM writes CACHE_FILE as it exits
train_startup_cache() {
  local work pid line port i output
  echo "Preparing the start-up cache for this build and JDK (once)..." >&2
  mkdir -p "$(dirname "$CACHE_FILE")"
  rm -f "$CACHE_FILE" "$CACHE_FILE.failed"
  work="$(mktemp -d -t sluice-training.XXXXXX)"
  output="$work/cache"
  if [ "$JAVA_MAJOR" -ge 25 ]; then
    set -- "-XX:AOTCacheOutput=$output" -Xlog:aot=warning -Xlog:cds=off
  else
    set -- "-XX:ArchiveClassesAtExit=$output" -Xlog:cds=off
  fi
  "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" "$@" -cp "$CLASSPATH_SLUICE" io.sluice.cli.SluiceCommand server \
      --port 0 --tls-port -1 --data-dir "$work/data" > "$work/log" 2>&1 &
  pid=$!
  line=""
  for i in $(seq 1 1200); do
    line="$(grep -m1 -o 'listening on [^ ]*:[0-9]*' "$work/log" || true)"
    [ -n "$line" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -n "$line" ]; then
    port="${line##*:}"
    # the requests a first user makes, so that their classes and profiles are in the cache too
    http_request "$port" GET /health || true
    http_request "$port" POST / Kinesis_20131202.CreateStream '{"StreamName":"training","ShardCount":2}' || true
    http_request "$port" POST / Kinesis_20131202.ListStreams '{}' || true
    http_request "$port" POST / Kinesis_20131202.PutRecord \
        '{"StreamName":"training","PartitionKey":"k","Data":"dHJhaW5pbmc="}' || true
    http_request "$port" POST / Firehose_20150804.ListDeliveryStreams '{}' || true
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -n "$line" ] && [ -s "$output" ]; then
    mv "$output" "$CACHE_FILE"
    rm -rf "$work"
    return 0
  fi
  echo "Could not prepare the start-up cache; Sluice runs without it. The training run said:" >&2
  tail -20 "$work/log" >&2
  rm -rf "$work"
  return 1
}
