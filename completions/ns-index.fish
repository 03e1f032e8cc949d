# fish completion for ns-index: its options, the roots the database holds
# for --forget (ns-index --roots, with the command line's --db), and files
# and folders for PATH. Installed as share/fish/vendor_completions.d/ns-index.fish.

# The roots the database holds.
function __ns_index_roots
    set -l tokens (commandline -opc)
    argparse -i 'db=' -- $tokens[2..-1] 2>/dev/null
    $tokens[1] (set -q _flag_db; and printf '%s\n' --db $_flag_db) --roots 2>/dev/null
end

set -l c complete -c ns-index
$c -l rebuild -d 'build a new database and swap it in when complete'
$c -l strict -d 'stop at the first bad file'
$c -l shards -x -d 'write a new database as N shards'
$c -l shard -x -d 'write only shard I of N'
$c -l wait -d 'wait for another ns-index to finish'
$c -s 0 -l null -d 'paths on standard input are NUL-separated'
$c -l exclude -x -d 'leave out what GLOB matches'
$c -l roots -d 'list the roots the database holds'
$c -l check -d "check the database with Xapian's own check"
$c -l forget -x -a '(__ns_index_roots)' -d 'remove ROOT and its articles'
$c -s q -l quiet -d 'print only errors'
$c -l db -x -a '(__fish_complete_directories)' -d 'database folder'
$c -s h -l help -d 'show the help and exit'
$c -s V -l version -d 'show the version and exit'
