#!/usr/bin/env bash
# Runs the image built by `mvn -B -Pimage -DskipTests package` without a container runtime (as root, for machines
# with no Docker daemon): unpacks its layers, mounts /proc, starts its entrypoint as the image's user (uid 65532) in
# a chroot with the image's environment, and checks /api/health. Usage: try-image.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/../../.."
port=${1:-18096}
tar_file=target/retail-pipeline-image.tar
root=$(mktemp -d)/root
mkdir -p "$root" && tar -xf "$tar_file" -C "$(dirname "$root")"
python3 - "$(dirname "$root")" > "$root.layers" <<'PY'
import json, sys
print("\n".join(json.load(open(sys.argv[1] + "/manifest.json"))[0]["Layers"]))
PY
while read -r layer; do tar -xzf "$(dirname "$root")/$layer" -C "$root" 2>/dev/null || tar -xf "$(dirname "$root")/$layer" -C "$root"; done < "$root.layers"
mkdir -p "$root/proc" && mount -t proc proc "$root/proc"
trap 'pkill -f "user.dir=/data" || true; sleep 1; umount "$root/proc" || true' EXIT
# the image's environment and entrypoint (a runtime would also set the working directory, /data)
chroot_bin=$(command -v chroot)
env -i HTTP_HOST=0.0.0.0 HTTP_PORT="$port" WAREHOUSE_URL=jdbc:duckdb:/data/retail.duckdb DUCKDB_MEMORY_LIMIT=128MB \
  INGEST_STAGING_DIR=/data/staging API_WRITE_TOKEN=try-image-token \
  "$chroot_bin" --userspec=65532:65532 "$root" /opt/java/bin/java -Duser.dir=/data -Xmx200m -XX:MaxMetaspaceSize=96m \
  -XX:ReservedCodeCacheSize=48m -XX:+UseSerialGC -Djava.io.tmpdir=/tmp -cp @/app/jib-classpath-file \
  dev.retailpipeline.Application > "$root.log" 2>&1 &
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/api/health"; then echo; echo "the image's runtime answers (log: $root.log)"; exit 0; fi
  sleep 1
done
echo "no answer in 60 s; the log:" >&2; tail -40 "$root.log" >&2; exit 1
