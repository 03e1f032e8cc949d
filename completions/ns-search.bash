# bash completion for ns-search: its options, the values of the options
# with a fixed set, and for --topic, --provider, --site... the values the
# database holds (ns-search --list-values, with the command line's --db).
# Installed as share/bash-completion/completions/ns-search.

# The word being completed and the option before it, with "--opt=value"
# (which bash splits at "=") read as "--opt value".
_ns_words() {
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  if [[ $cur == = ]]; then
    cur=
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
}

# The --db given on the command line, as arguments for the program.
_ns_db_args() {
  local i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == --db ]]; then
      word=${COMP_WORDS[i + 1]}
      [[ $word == = ]] && word=${COMP_WORDS[i + 2]}
      [[ $word ]] && db_args=(--db "${word/#\~/$HOME}")
    fi
  done
}

# COMPREPLY: the lines of a command's output that start with $cur (typed
# with or without quotes and backslashes), each quoted for the line.
_ns_reply_lines() {
  local typed=${cur#[\"\']} line
  typed=${typed//\\/}
  while IFS= read -r line; do
    [[ $line == "$typed"* ]] && COMPREPLY+=("$(printf '%q' "$line")")
  done < <("$@" 2>/dev/null)
}

# COMPREPLY: the names that complete the last item of a comma-separated list.
_ns_reply_list() {
  local head=
  [[ $cur == *,* ]] && head=${cur%,*},
  COMPREPLY=($(compgen -P "$head" -W "$*" -- "${cur##*,}"))
  compopt -o nospace 2>/dev/null
}

_ns_search() {
  local cur prev db_args=()
  COMPREPLY=()
  _ns_words
  case $prev in
    -f | --format) COMPREPLY=($(compgen -W "text json jsonl tsv urls atom" -- "$cur")) ;;
    --since-last-start) COMPREPLY=($(compgen -W "none all" -- "$cur")) ;;
    --sort) COMPREPLY=($(compgen -W "relevance date quality" -- "$cur")) ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")) ;;
    --typos|--feedback) COMPREPLY=($(compgen -W "on off" -- "$cur")) ;;
    --facet-sort) COMPREPLY=($(compgen -W "count value" -- "$cur")) ;;
    --facet)
      _ns_reply_list topic tag provider site category type lang year month day quality ;;
    --fields)
      _ns_reply_list rank score id title url date provider site quality type category \
        topics excerpt snippet path more all_words lang tags kind story folded typo ;;
    --list-values)
      COMPREPLY=($(compgen -W "provider site topic tag category type lang kind" -- "$cur")) ;;
    --provider | --site | --topic | --category | --type | --lang)
      _ns_db_args
      _ns_reply_lines "${COMP_WORDS[0]/#\~/$HOME}" "${db_args[@]}" --list-values "${prev#--}" ;;
    --db) COMPREPLY=($(compgen -d -- "$cur")) ;;
    --like) COMPREPLY=($(compgen -f -- "$cur")) ;;
    -n | --limit | --offset | --decay | --as-of | --facet-limit | --min-quality | --since | \
      --until | --new-since | --since-last) ;;
    *)
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-f --format --fields --header -0 --null -c --count
          --exact-total --color -n --limit --offset --sort --reverse --recent --decay --as-of
          --some-words --all-words --typos --feedback --like --other-stories -F --literal --no-collapse
          --expand --explain
          --facet --facets --facet-limit --facet-sort --min-quality --new-since --since-last
          --since-last-start --provider --site --topic
          --category --type --lang --since --until --allow-partial --batch --list-values
          --db -h --help -V --version" -- "$cur"))
      fi
      ;;
  esac
}

complete -F _ns_search ns-search
