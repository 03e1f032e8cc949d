# bash completion for ns-serve: its options, addresses for --listen (the
# default, every interface, a free port) and folders for --db.
# Installed as share/bash-completion/completions/ns-serve.

_ns_serve() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()
  # "--listen=ADDRESS": bash splits the word at "=".
  [[ $cur == = ]] && cur=
  [[ $prev == = ]] && ((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD - 2]}
  case $prev in
    --listen)
      COMPREPLY=($(compgen -W "127.0.0.1:8080 0.0.0.0:8080 127.0.0.1:0" -- "$cur")) ;;
    --db) COMPREPLY=($(compgen -d -- "$cur")) ;;
    --threads | --queue | --timeout | --cors) ;;
    *)
      [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--listen --threads --queue --timeout
        --cors --db -h --help -V --version" -- "$cur"))
      ;;
  esac
}

complete -F _ns_serve ns-serve
