# Sourced by ./ekms and bin/test: sets EKMS_JAVA_HOME to a JDK >= 21 (with javac), or fails
# with one sentence. Looks at JAVA_HOME first, then the system's JVM directory (newest first).
ekms_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

ekms_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(ekms_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      EKMS_JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "ekms: no JDK 21 or newer found in JAVA_HOME or /usr/lib/jvm; install one (Temurin 25 is what CI uses) or point JAVA_HOME at it." >&2
  return 1
}
