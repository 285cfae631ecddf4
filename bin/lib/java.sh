# Sourced by bin/sluice and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Looks at $JAVA_HOME, then the java on PATH, then the JDKs under /usr/lib/jvm and /opt, newest first.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      $(ls -d /usr/lib/jvm/* /opt/*jdk* /opt/java/* 2>/dev/null | sort -rV); do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ]; then
      local major
      major=$(java_major "$candidate/bin/java")
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        export JAVA_HOME="$candidate"
        return 0
      fi
    fi
  done
  echo "Sluice needs a JDK 21 or newer; none found (set JAVA_HOME)." >&2
  return 1
}
