# bash completion for ns-index: its options, the roots the database holds
# for --forget (ns-index --roots, with the command line's --db), and files
# and folders for PATH. Installed as share/bash-completion/completions/ns-index.

_ns_index() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} i db_args=() root
  COMPREPLY=()
  # "--forget=ROOT": bash splits the word at "=".
  [[ $cur == = ]] && cur=
  [[ $prev == = ]] && ((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD - 2]}
  case $prev in
    --forget)
      for ((i = 1; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == --db ]] && db_args=(--db "${COMP_WORDS[i + 1]/#\~/$HOME}")
      done
      while IFS= read -r root; do
        [[ $root == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$root")")
      done < <("${COMP_WORDS[0]/#\~/$HOME}" "${db_args[@]}" --roots 2>/dev/null) ;;
    --db) COMPREPLY=($(compgen -d -- "$cur")) ;;
    --shards | --shard | --exclude) ;;
    *)
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--rebuild --strict --shards --shard --wait -0 --null
          --exclude --roots --forget --check -q --quiet --db -h --help -V --version" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
        compopt -o filenames 2>/dev/null
      fi
      ;;
  esac
}

complete -F _ns_index ns-index
