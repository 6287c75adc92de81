# Local base images for Podman when no registry is reachable. Source it, don't run it.
#
#   pb_setup                       podman settings that work on these machines (containers.conf, runc)
#   pb_base NAME "PKG PKG ..." [SUITE]  echo the tag of a minimal Debian image (SUITE, default bookworm) with these
#                                  packages, building it (debootstrap + podman import) only when no cached copy exists
#
# The root filesystem tarballs are cached in $LABLEDGER_PODMAN_CACHE (default /var/cache/labledger-podman, outside
# the clone, so CI on a fresh clone reuses them), keyed by suite + package list: change the list, get a new base.
# Needs root (debootstrap, rootful podman).

PB_CACHE="${LABLEDGER_PODMAN_CACHE:-/var/cache/labledger-podman}"
PB_SUITE="${LABLEDGER_DEBIAN_SUITE:-bookworm}"
PB_MIRROR="${LABLEDGER_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

pb_log() { echo "[container] $*" >&2; }

# containers.conf: no default ulimits (the kernel here refuses podman's defaults) and the runc runtime (crun fails
# on this kernel's cgroup setup); podman-compose calls podman, so it inherits both through CONTAINERS_CONF.
pb_setup() {
  mkdir -p "$PB_CACHE"
  export CONTAINERS_CONF="$PB_CACHE/containers.conf"
  cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = []

[engine]
runtime = "runc"
EOF
}

pb_base() {
  local name="$1" pkgs="$2" suite="${3:-$PB_SUITE}" key tag tarball root
  key=$(printf '%s\n' "$suite" "minbase" $pkgs | sort | sha256sum | cut -c1-12)
  tag="localhost/labledger-base-$name:$key"
  if podman image exists "$tag"; then
    pb_log "base $tag: cached image"
    echo "$tag"; return 0
  fi
  tarball="$PB_CACHE/$name-$key.tar"
  if [ ! -s "$tarball" ]; then
    pb_log "base $name: debootstrap $suite with: $pkgs (first run only, a few minutes)"
    root=$(mktemp -d "$PB_CACHE/rootfs-$name.XXXXXX")
    if ! debootstrap --variant=minbase --include="$(echo $pkgs | tr ' ' ',')" "$suite" "$root" "$PB_MIRROR" \
        >"$PB_CACHE/$name-$key.debootstrap.log" 2>&1; then
      tail -20 "$PB_CACHE/$name-$key.debootstrap.log" >&2; rm -rf "$root"; return 1
    fi
    # no package lists, caches or docs in the image
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
      "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/var/log/*.log
    tar --numeric-owner -C "$root" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$root"
  fi
  pb_log "base $tag: podman import $tarball"
  podman import --quiet "$tarball" "$tag" >/dev/null
  echo "$tag"
}
