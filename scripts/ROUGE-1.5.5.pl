#!/bin/sh
# Stand-in for ROUGE-1.5.5.pl: runs `sumbench rouge155` with the same arguments, so that
# pyrouge, files2rouge and scripts calling the Perl script use sumbench unchanged (also
# as `perl ROUGE-1.5.5.pl ...`: perl hands a file whose #! line is not perl to that
# program). sumbench is $SUMBENCH if set, else `sumbench` on PATH. See docs/rouge155.md.
bin=${SUMBENCH:-sumbench}
command -v "$bin" >/dev/null 2>&1 || {
    echo "ROUGE-1.5.5.pl (sumbench shim): cannot find sumbench; put it on PATH or set SUMBENCH=/path/to/sumbench" >&2
    exit 2
}
exec "$bin" rouge155 "$@"
