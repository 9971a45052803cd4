#!/usr/bin/env bash
# Builds a small Node base image from THIS machine's files, for machines that cannot pull from Docker Hub
# (the e2e tests, .ci/run). The Dockerfile's default base stays the official node image; tests pass
# `--build-arg BASE_IMAGE=strapi-deploy/node-base:local`.
#
# The image holds: the host's node binary and npm, the glibc libraries node (and sharp's prebuilt
# libvips) link against, a static busybox as /bin/sh and coreutils, Debian's Mozilla CA bundle (NOT the
# host's bundle, which may carry a corporate proxy CA), and a `node` user with uid 1000 as in the
# official image. Needs: node, npm, busybox-static, docker (DOCKER_HOST honoured).
#
# Usage: scripts/make-base-image.sh [tag]      (default tag: strapi-deploy/node-base:local)
set -euo pipefail

tag="${1:-strapi-deploy/node-base:local}"
busybox="${BUSYBOX:-/bin/busybox}"
node_bin="$(readlink -f "$(command -v node)")"
npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"

# A static busybox has no dynamic dependencies: ldd refuses it.
[ -x "$busybox" ] && ! ldd "$busybox" >/dev/null 2>&1 || {
  echo "make-base-image: $busybox is not a static busybox (apt-get install busybox-static)" >&2
  exit 1
}
[ -f "$npm_dir/bin/npm-cli.js" ] || { echo "make-base-image: npm not found next to node" >&2; exit 1; }

# The same inputs give the same image: reuse it (and so every build cache layered on it) when this
# node, npm, busybox and script have already been imported.
inputs_id="$(cat "$node_bin" "$npm_dir/package.json" "$busybox" "$0" | sha256sum | cut -c1-16)"
repository="${tag%:*}"
if docker image inspect "$repository:inputs-$inputs_id" >/dev/null 2>&1; then
  docker tag "$repository:inputs-$inputs_id" "$tag"
  echo "make-base-image: $tag is up to date (inputs $inputs_id)"
  exit 0
fi

rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT

mkdir -p "$rootfs"/{bin,usr/bin,usr/local/bin,usr/local/lib/node_modules,etc/ssl/certs,tmp,root,home/node}
chmod 1777 "$rootfs/tmp"

# Shell and basic tools: every busybox applet as a symlink (sh, env, grep, tar, wget...).
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] && continue
  ln -s /bin/busybox "$rootfs/bin/$applet"
done
ln -s /bin/busybox "$rootfs/usr/bin/env"

# Node, npm and npx laid out as in the official image.
cp "$node_bin" "$rootfs/usr/local/bin/node"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

# Shared libraries at their host paths: what node links against, plus the rest of glibc that native
# modules (sharp's libvips, @swc/core) and name resolution load.
copy_lib() {
  local lib="$1"
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
}
for lib in $(ldd "$node_bin" | grep -o '/[^ ]*'); do copy_lib "$lib"; done
libdir=/lib/x86_64-linux-gnu
[ -d "$libdir" ] || libdir=/lib/aarch64-linux-gnu
for name in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libresolv.so.2 libutil.so.1 \
  libnss_files.so.2 libnss_dns.so.2 libstdc++.so.6 libgcc_s.so.1; do
  [ -e "$libdir/$name" ] && copy_lib "$libdir/$name"
done

# Public roots only: Debian's Mozilla bundle, never locally added (proxy) CAs.
cat /usr/share/ca-certificates/mozilla/*.crt >"$rootfs/etc/ssl/certs/ca-certificates.crt"

cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
node:x:1000:1000::/home/node:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
node:x:1000:
nogroup:x:65534:
EOF
echo 'hosts: files dns' >"$rootfs/etc/nsswitch.conf"
chown -R 1000:1000 "$rootfs/home/node"

tar --sort=name --mtime=@0 --numeric-owner -C "$rootfs" -c . |
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=$("$node_bin" --version | tr -d v)" \
    --change 'CMD ["node"]' \
    - "$repository:inputs-$inputs_id" >/dev/null
docker tag "$repository:inputs-$inputs_id" "$tag"

echo "make-base-image: $tag (node $("$node_bin" --version), $(du -sh "$rootfs" | cut -f1))"
