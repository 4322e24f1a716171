#!/bin/sh
# Runs a command on every CPU but the one librgbmatrix's refresh thread owns.
#
# The library starts its refresh thread inside this process and pins it to CPU 3 itself
# (pthread_setaffinity_np; a failure there is ignored). taskset sets an affinity, not a
# limit: the refresh thread may still move to CPU 3, while the JVM's own threads (GC, JIT,
# Tomcat, render loop) stay on 0-2 and do not disturb the panel's timing. A cgroup cpuset
# of 0-2 (docker --cpuset-cpus, compose cpuset) would instead forbid CPU 3 to the refresh
# thread as well; see docs/operations.md, "CPU 3".
#
# LEDMATRIX_JVM_CPUS: the CPU list for the JVM (default 0-2); empty = no pinning.
set -eu
cpus="${LEDMATRIX_JVM_CPUS-0-2}"
if [ -n "$cpus" ] && command -v taskset >/dev/null 2>&1; then
    if taskset -c "$cpus" true 2>/dev/null; then
        exec taskset -c "$cpus" "$@"
    fi
    echo "keep-off-cpu3: cannot pin to CPUs $cpus here; running on every CPU allowed" >&2
fi
exec "$@"
