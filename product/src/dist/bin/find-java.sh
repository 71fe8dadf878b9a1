# Sourceable POSIX sh, builtins only (it must work with an empty PATH): defines pw_find_java.
#
#   pw_java_version  prints the version of the java binary given, e.g. 25.0.1.
#   pw_java_major    prints the major version of the java binary given, e.g. 25.
#   pw_java_major_of prints the major version of a version, e.g. 25 for 25.0.1.
#   pw_find_java     prints the path of a java binary of Java 21 or newer, chosen in this order:
#                    $JAVA_HOME if 21+, else `java` on PATH if 21+, else the newest JDK 21+ under
#                    ${PW_JVM_ROOT:-/usr/lib/jvm}. If there is none it prints one line saying what to
#                    install to stderr and returns 1.
#
# Sourcing changes no shell option; helper functions and variables start with pw_fj_.
# Sourced by bin/parallel-workbench in the product and by the build scripts from the source tree.

PW_JAVA_MIN_MAJOR=21

# Prints the version ("25.0.1") of the JDK or JRE at home $1: from its release file, else by asking its java.
pw_fj_home_version() {
    if [ -r "$1/release" ]; then
        while IFS= read -r pw_fj_line; do
            case $pw_fj_line in
                JAVA_VERSION=*)
                    pw_fj_line=${pw_fj_line#JAVA_VERSION=}
                    pw_fj_line=${pw_fj_line#\"}
                    printf '%s\n' "${pw_fj_line%\"}"
                    return 0 ;;
            esac
        done < "$1/release"
    fi
    [ -x "$1/bin/java" ] && pw_fj_binary_version "$1/bin/java"
}

# Prints the version of the java binary $1, as it reports its java.version property.
pw_fj_binary_version() {
    "$1" -XshowSettings:properties -version 2>&1 | while IFS= read -r pw_fj_line; do
        case $pw_fj_line in
            *'java.version = '*) printf '%s\n' "${pw_fj_line##*= }"; break ;;
        esac
    done
}

# Prints a number that orders versions ("25.0.1+9" -> 25000001); 0 when unreadable.
pw_fj_version_key() {
    pw_fj_v=${1%%[!0-9.]*}
    pw_fj_major=${pw_fj_v%%.*}
    pw_fj_v=${pw_fj_v#"$pw_fj_major"}; pw_fj_v=${pw_fj_v#.}
    pw_fj_minor=${pw_fj_v%%.*}
    pw_fj_v=${pw_fj_v#"$pw_fj_minor"}; pw_fj_v=${pw_fj_v#.}
    pw_fj_patch=${pw_fj_v%%.*}
    printf '%s\n' "$(( ${pw_fj_major:-0} * 1000000 + ${pw_fj_minor:-0} * 1000 + ${pw_fj_patch:-0} ))"
}

# Prints the version ("25.0.1") of the java binary $1, from its home's release file when it has one.
pw_java_version() {
    pw_fj_v=$(pw_fj_home_version "${1%/bin/java}")
    [ -n "$pw_fj_v" ] || pw_fj_v=$(pw_fj_binary_version "$1")
    printf '%s\n' "$pw_fj_v"
}

# Prints the major version (21, 25, ...) of the version $1 (25.0.1, 21-ea); 0 when it has none.
pw_java_major_of() {
    pw_fj_v=${1%%[!0-9]*}
    printf '%s\n' "${pw_fj_v:-0}"
}

# Prints the major version (21, 25, ...) of the java binary $1.
pw_java_major() {
    pw_java_major_of "$(pw_java_version "$1")"
}

# True when version key $1 is Java $PW_JAVA_MIN_MAJOR or newer.
pw_fj_new_enough() {
    [ "$1" -ge $((PW_JAVA_MIN_MAJOR * 1000000)) ]
}

pw_find_java() {
    if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ] \
            && pw_fj_new_enough "$(pw_fj_version_key "$(pw_fj_home_version "$JAVA_HOME")")"; then
        printf '%s\n' "$JAVA_HOME/bin/java"
        return 0
    fi
    pw_fj_java=$(command -v java 2>/dev/null || true)
    if [ -n "$pw_fj_java" ] && pw_fj_new_enough "$(pw_fj_version_key "$(pw_fj_binary_version "$pw_fj_java")")"; then
        printf '%s\n' "$pw_fj_java"
        return 0
    fi
    pw_fj_root=${PW_JVM_ROOT:-/usr/lib/jvm}
    pw_fj_best=
    pw_fj_best_key=0
    for pw_fj_home in "$pw_fj_root"/*; do
        [ -x "$pw_fj_home/bin/java" ] || continue
        pw_fj_key=$(pw_fj_version_key "$(pw_fj_home_version "$pw_fj_home")")
        if pw_fj_new_enough "$pw_fj_key" && [ "$pw_fj_key" -gt "$pw_fj_best_key" ]; then
            pw_fj_best=$pw_fj_home/bin/java
            pw_fj_best_key=$pw_fj_key
        fi
    done
    if [ -n "$pw_fj_best" ]; then
        printf '%s\n' "$pw_fj_best"
        return 0
    fi
    printf '%s\n' "parallel-workbench: no Java $PW_JAVA_MIN_MAJOR or newer found (looked at JAVA_HOME, java on PATH and $pw_fj_root/*); install a JDK $PW_JAVA_MIN_MAJOR+ (e.g. apt-get install openjdk-$PW_JAVA_MIN_MAJOR-jdk) or set JAVA_HOME to one" >&2
    return 1
}
