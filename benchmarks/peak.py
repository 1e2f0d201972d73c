"""Run a command and write its peak memory: ``python -m benchmarks.peak OUT.json COMMAND…``.

The bench starts commands through this small process, not directly: a process forked from
the bench would count the bench's own memory in its peak (Linux keeps the peak across exec).
The command's peak includes the processes it starts and waits for (the build's forked copies).
"""

import json
import os
import subprocess
import sys


def main() -> int:
    out, command = sys.argv[1], sys.argv[2:]
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    with open(out, "w", encoding="utf-8") as stream:
        json.dump({"exitcode": os.waitstatus_to_exitcode(status), "maxrss_kib": usage.ru_maxrss}, stream)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
