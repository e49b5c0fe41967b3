# Shared by the end-to-end benchmark scripts. Source it after setting ROOT (the repository), then call scratch NAME (or set
# WORK, a scratch folder, yourself).

# scratch NAME : sets WORK to benchmarks/work/NAME-PID, makes it, and removes it when the script exits (KEEP=1 keeps it).
scratch() {
    WORK="$ROOT/benchmarks/work/$1-$$"
    mkdir -p "$WORK"
    trap scratch_cleanup EXIT
}

scratch_cleanup() {
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "kept the generated files in ${WORK#"$ROOT"/}" >&2
    else
        rm -rf "$WORK"
        rmdir "$ROOT/benchmarks/work" 2>/dev/null || true
    fi
}

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

# publish_cli DIR NAME : publishes the CLI of the checkout DIR as the README says (Release, this machine's platform,
# ReadyToRun) into $WORK/NAME and prints the dll's path; the build log is $WORK/NAME.log. Fails the script on an error.
publish_cli() {
    local rid
    rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
    if ! dotnet publish "$1/src/Mercato" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
        -o "$WORK/$2" --nologo -v quiet >"$WORK/$2.log" 2>&1; then
        cat "$WORK/$2.log" >&2
        echo "publishing $1 failed" >&2
        exit 1
    fi
    echo "$WORK/$2/mercato.dll"
}

# build_cli : publishes the CLI (publish_cli) and sets MERCATO (the command) and BUILT (the commit measured, named now).
build_cli() {
    echo "publishing the CLI (Release, ReadyToRun) ..." >&2
    local dll
    dll=$(publish_cli "$ROOT" cli) || exit 1
    MERCATO=(dotnet "$dll")
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

# build_baseline : with BASELINE=DIR (a checkout of an older commit beside this one), publishes its CLI the same way
# (publish_cli) and sets BASE (the command) and BASE_BUILT (its commit), so one run measures both; without BASELINE, BASE
# stays empty.
build_baseline() {
    BASE=()
    [[ -n ${BASELINE:-} ]] || return 0
    echo "publishing the baseline CLI in $BASELINE (Release, ReadyToRun) ..." >&2
    local dll
    dll=$(publish_cli "$BASELINE" baseline) || exit 1
    BASE=(dotnet "$dll")
    BASE_BUILT="commit $(git -C "$BASELINE" rev-parse --short HEAD)"
}

# psql_args : psql's options for POSTGRES (an Npgsql connection string: Host=...;Port=...;Username=...;Database=...).
psql_args() {
    local host=127.0.0.1 port=5432 user=postgres db=postgres part key value
    IFS=';' read -ra parts <<<"$POSTGRES"
    for part in "${parts[@]}"; do
        key=$(tr '[:upper:]' '[:lower:]' <<<"${part%%=*}" | tr -d ' ')
        value=${part#*=}
        case $key in
            host|server) host=$value ;;
            port) port=$value ;;
            username|userid|user) user=$value ;;
            database|db) db=$value ;;
        esac
    done
    echo "-h $host -p $port -U $user -d $db"
}

# pg_schema NAME : with POSTGRES set, (re)creates schema NAME and prints the connection string whose search path is it.
pg_schema() {
    # shellcheck disable=SC2046
    psql $(psql_args) -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS $1 CASCADE" -c "CREATE SCHEMA $1" >&2
    echo "$POSTGRES;Search Path=$1"
}

# pg_drop NAME : drops schema NAME.
pg_drop() {
    # shellcheck disable=SC2046
    psql $(psql_args) -q -c "DROP SCHEMA IF EXISTS $1 CASCADE" >&2
}

# pg_settings : the server's version and the settings that decide bulk-load and scan speed, for the results.
pg_settings() {
    # shellcheck disable=SC2046
    psql $(psql_args) -At -c "SELECT split_part(version(), ' on ', 1)" \
        -c "SELECT string_agg(name || '=' || setting || COALESCE(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN
            ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'effective_cache_size', 'max_wal_size', 'fsync',
             'synchronous_commit', 'full_page_writes', 'wal_level')"
}
