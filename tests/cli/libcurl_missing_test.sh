#!/usr/bin/env bash
# When libcurl.so.4 cannot be loaded, the commands that need it say so and exit 2
# (they used to abort on an uncaught exception). The system's libcurl cannot be
# hidden from a test, so a copy of the CLI asks for a library that does not exist:
# the name is patched in the binary, same length. The copy sits beside the
# original, where its $ORIGIN/lib finds libcrashsig.
#   libcurl_missing_test.sh CRASHSIG
set -euo pipefail
cli="$1"
copy="$(dirname "$cli")/crashsig-without-libcurl-$$"
trap 'rm -f "$copy"' EXIT
python3 - "$cli" "$copy" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
assert data.count(b'libcurl.so.4\0') == 1, 'the CLI names libcurl.so.4 once'
open(sys.argv[2], 'wb').write(data.replace(b'libcurl.so.4\0', b'libcurX.so.4\0'))
PY
chmod +x "$copy"
for args in "signature 5c3e4e1b-4a5d-4f4b-9b8a-1f0c2d3e4f50" "fetch-ids --signature OOM"; do
  set +e
  err="$("$copy" $args 2>&1 >/dev/null)"
  status=$?
  set -e
  command="${args%% *}"
  expected="crashsig $command: cannot load libcurX.so.4: cannot open shared object file: No such file or directory"
  if [[ $status -ne 2 || "$err" != "$expected" ]]; then
    echo "crashsig $args: exit $status, stderr:"
    echo "$err"
    echo "expected exit 2 and: $expected"
    exit 1
  fi
done
echo "both commands exit 2 and name the library"
