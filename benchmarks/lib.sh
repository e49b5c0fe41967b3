# Shared by the end-to-end benchmark scripts. Source it after setting ROOT (the repository) and WORK (a scratch folder).

# require TOOL... : exits 69 naming the first tool not on PATH; installs GNU time for /usr/bin/time -v when absent.
require() {
    if [[ ! -x /usr/bin/time ]]; then
        echo "installing GNU time for /usr/bin/time -v ..." >&2
        if [[ $(id -u) -eq 0 ]]; then apt-get install -y time >&2; else sudo apt-get install -y time >&2; fi
    fi
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 69; }
    done
}

# build_cli : builds the CLI in Release and sets MERCATO (the command) and BUILT (the commit measured, named now).
build_cli() {
    echo "building the CLI (Release) ..." >&2
    if ! dotnet build "$ROOT/src/Mercato" -c Release --nologo -v quiet >"$WORK/build.log" 2>&1; then
        cat "$WORK/build.log" >&2
        echo "build failed" >&2
        exit 1
    fi
    MERCATO=(dotnet "$ROOT/src/Mercato/bin/Release/net10.0/mercato.dll")
    BUILT="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted changes in src/')"
}

# run NAME CMD... : runs CMD under /usr/bin/time -v with stdout/stderr to $WORK/NAME.{out,err}; sets SECONDS_TAKEN and
# PEAK_MB. Fails the script, showing the command's stderr, when the command fails.
run() {
    local name=$1
    shift
    local before after
    before=$EPOCHREALTIME
    if ! /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
        echo "$name failed:" >&2
        cat "$WORK/$name.out" "$WORK/$name.err" >&2
        exit 1
    fi
    after=$EPOCHREALTIME
    SECONDS_TAKEN=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", b - a }')
    PEAK_MB=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$WORK/$name.time")
}

# machine : the lines that say what the figures were measured on.
machine() {
    echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/^Mem:/ { print $2 " GB RAM (" $7 " GB available)" }'); $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/sqlite3 /'); $(dotnet --version | sed 's/^/.NET SDK /'); load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
}
