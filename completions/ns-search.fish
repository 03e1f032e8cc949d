# fish completion for ns-search: its options, the values of the options
# with a fixed set, and for --topic, --provider, --site... the values the
# database holds (ns-search --list-values, with the command line's --db).
# Installed as share/fish/vendor_completions.d/ns-search.fish.

# The values of filter field $argv[1] in the database.
function __ns_search_values
    set -l field $argv[1] # argparse replaces argv
    set -l tokens (commandline -opc)
    argparse -i 'db=' -- $tokens[2..-1] 2>/dev/null
    $tokens[1] (set -q _flag_db; and printf '%s\n' --db $_flag_db) --list-values $field 2>/dev/null
end

set -l facets topic tag provider site category type lang year month day quality
set -l c complete -c ns-search
$c -s f -l format -x -a 'text json jsonl tsv urls atom' -d 'output format'
$c -l fields -x -a "(__fish_append , rank score id title url date provider site quality type category topics excerpt snippet path more all_words lang tags kind story folded typo)" -d 'tsv columns'
$c -l header -d 'tsv: a first line naming the columns'
$c -s 0 -l null -d 'end records with NUL'
$c -s c -l count -d 'print only the number of hits'
$c -l exact-total -d 'count every hit for the total'
$c -l color -x -a 'auto always never' -d 'colour text output'
$c -s n -l limit -x -d 'show at most N hits'
$c -l offset -x -d 'skip the first N hits'
$c -l sort -x -a 'relevance date quality' -d 'order of the hits'
$c -l reverse -d 'oldest or lowest first'
$c -l recent -d 'favour recent articles'
$c -l decay -x -d 'favour recent articles, halved every DAYS days'
$c -l as-of -x -d 'judge recency as of DATE'
$c -l some-words -d 'articles with some of the words are hits too'
$c -l all-words -d 'only articles with every word'
$c -l typos -x -a 'on off' -d 'typo tolerance'
$c -l feedback -x -a 'on off' -d "rank by the best hits' telling words"
$c -l like -r -d 'rank by the words of this article (URL, path or id)'
$c -l other-stories -d 'with --like: leave out its story'
$c -s F -l literal -d 'read QUERY as plain text'
$c -l no-collapse -d 'list every article: fold none'
$c -l expand -d 'list the articles folded into each hit'
$c -l explain -d 'show the parsed query and score parts'
$c -l facet -x -a "(__fish_append , $facets)" -d 'count the values of these fields'
$c -l facets -d 'count the usual fields'
$c -l facet-limit -x -d 'list at most N values a facet'
$c -l facet-sort -x -a 'count value' -d 'order of facet values'
$c -l min-quality -x -d 'only articles of quality N or more'
$c -l new-since -x -d 'only articles that entered the database since WHEN'
$c -l since-last -x -d 'only articles that entered since the last run of NAME'
$c -l since-last-start -x -a 'none all' -d 'what a first --since-last run lists'
for field in provider site topic category type lang
    $c -l $field -x -a "(__ns_search_values $field)" -d "only articles with this $field"
end
$c -l since -x -d 'only articles published in or after DATE'
$c -l until -x -d 'only articles published in or before DATE'
$c -l allow-partial -d 'search the shards that open'
$c -l batch -d 'read one query a line from stdin'
$c -l list-values -x -a 'provider site topic tag category type lang kind' -d 'print the values FIELD has'
$c -l db -x -a '(__fish_complete_directories)' -d 'database folder'
$c -s h -l help -d 'show the help and exit'
$c -s V -l version -d 'show the version and exit'
