# Sourced by bin/sluice and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer, and JAVA_MAJOR (e.g. 25).
# Looks at $JAVA_HOME, then the java on PATH, then the newest of the JDKs under /usr/lib/jvm and /opt.
# A JDK's version is read from its `release` file, so choosing one starts no JVM (each costs about 0.15 s);
# only a JDK without that file is asked by running it.

# read_jdk_major HOME: sets JDK_MAJOR to the feature version of the JDK at HOME (25 for 25.0.3, 1 for 1.8.0), or
# to nothing. Sets a variable rather than printing, so that callers need no subshell.
read_jdk_major() {
  local line
  JDK_MAJOR=""
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        JDK_MAJOR="${BASH_REMATCH[1]}"
        return 0
      fi
    done < "$1/release"
  fi
  JDK_MAJOR="$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
}

# java_major JAVA: prints the feature version of the java executable at JAVA
java_major() {
  read_jdk_major "${1%/bin/java}"
  echo "$JDK_MAJOR"
}

# accept_jdk HOME: exports JAVA_HOME and JAVA_MAJOR if HOME is a JDK (java and javac) of version 21 or newer
accept_jdk() {
  if [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ]; then
    read_jdk_major "$1"
    if [ -n "$JDK_MAJOR" ] && [ "$JDK_MAJOR" -ge 21 ]; then
      export JAVA_HOME="$1" JAVA_MAJOR="$JDK_MAJOR"
      return 0
    fi
  fi
  return 1
}

select_jdk() {
  local candidate on_path best="" best_major=0
  accept_jdk "${JAVA_HOME:-}" && return 0
  if hash java 2>/dev/null; then
    on_path="$(readlink -f "${BASH_CMDS[java]}")"
    accept_jdk "${on_path%/bin/java}" && return 0
  fi
  # the newest of the installed JDKs, by the version in their release files
  for candidate in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    if accept_jdk "$candidate" && [ "$JAVA_MAJOR" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$JAVA_MAJOR"
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best" JAVA_MAJOR="$best_major"
    return 0
  fi
  echo "Sluice needs a JDK 21 or newer; none found (set JAVA_HOME)." >&2
  return 1
}
