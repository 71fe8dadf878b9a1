# Sourced by the build commands (with $root set): exports JAVA_HOME of a JDK 21+, or stops with
# one line saying what to install. The product's own launcher finds Java the same way.
. "$root/product/src/dist/bin/find-java.sh"
java=$(pw_find_java) || exit 1
JAVA_HOME=$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)
export JAVA_HOME
