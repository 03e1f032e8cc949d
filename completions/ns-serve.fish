# fish completion for ns-serve: its options, addresses for --listen (the
# default, every interface, a free port) and folders for --db.
# Installed as share/fish/vendor_completions.d/ns-serve.fish.

set -l c complete -c ns-serve
$c -l listen -x -a "127.0.0.1:8080\t'loopback only (the default)'
0.0.0.0:8080\t'every interface: reachable from other machines'
127.0.0.1:0\t'loopback, a free port (stderr says which)'" -d 'where to listen'
$c -l threads -x -d 'searches at once'
$c -l queue -x -d 'searches that may wait'
$c -l timeout -x -d 'seconds a search may wait or match'
$c -l cors -x -d 'let pages from ORIGIN call the API'
$c -l db -x -a '(__fish_complete_directories)' -d 'database folder'
$c -s h -l help -d 'show the help and exit'
$c -s V -l version -d 'show the version and exit'
