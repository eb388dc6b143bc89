#!/usr/bin/env bash
# The container image's own runtime, built from this machine's JDK because no container registry is reachable here
# to pull a base image from: a jlink'd Java runtime under /opt/java, the shared libraries it and DuckDB's native
# library load (with the same absolute paths), the CA certificates, and writable /tmp and /data. Jib puts this folder
# at the image's root over an empty (scratch) base. Usage: runtime.sh OUTPUT_DIR DUCKDB_JAR
set -euo pipefail
out=$1
duckdb_jar=$2
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
rm -rf "$out"
mkdir -p "$out/opt" "$out/tmp" "$out/data" "$out/etc"
"$java_home/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/opt/java"
# cacerts is a link into /etc on Debian: the file itself
cp -L "$java_home/lib/security/cacerts" "$out/opt/java/lib/security/cacerts"
# DuckDB's native library, as the driver extracts it at run time, to find what it links against
native=$(mktemp -d)
(cd "$native" && unzip -q -o "$duckdb_jar" 'libduckdb_java.so_linux_amd64' && mv libduckdb_java.so_linux_amd64 libduckdb_java.so)
# every shared library the runtime and DuckDB link against, and the dynamic loader (not the runtime's own, and not
# what only a graphical desktop loads: the service runs headless)
{ find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    | grep -Ev 'lib(awt_xawt|jawt|splashscreen|fontmanager|lcms|javajpeg|mlib_image|jsound)\.so$'
  echo "$native/libduckdb_java.so"; } | while read -r f; do
  ldd "$f" 2>/dev/null | awk '/=> \// {print $3} /^\t\/lib/ {print $1}'
done | grep -v "^$out" | sort -u | while read -r lib; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
rm -rf "$native"
# a user for the process (no shell, no home): nobody-like, uid 65532
printf 'root:x:0:0:root:/root:/sbin/nologin\npipeline:x:65532:65532:retail-pipeline:/data:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\npipeline:x:65532:\n' > "$out/etc/group"
