# Prints what zsh's completion offers for a command line, one match a line
# as <<MATCH>>: an interactive zsh on a pseudo-terminal (zpty) with the
# completion functions of FOLDER, the line typed and Tab pressed; compadd
# is wrapped to print its matches.
#
#   zsh -f zsh_complete.zsh FOLDER DUMP_FILE 'ns-search --format j'
zmodload zsh/zpty
zpty shell zsh -f -i
zpty -w shell "PROMPT=''; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -d ${(q)2}"
zpty -w shell 'compadd() { local -a m; builtin compadd -O m "$@"; print -rl -- "<<"${^m}">>" >/dev/tty; builtin compadd "$@"; }'
zpty -w shell 'bindkey "^I" complete-word; print READY_$((1 + 1))'
zpty -r shell out '*READY_2*'
# Tab, then ^U (kill the line) and a command whose output ends the read:
# the terminal takes the keys in order, so the completion is done by then.
zpty -w -n shell "$3"$'\t'
zpty -w shell $'\x15print DONE_$((1 + 1))'
zpty -r shell out '*DONE_2*'
print -r -- ${out//$'\r'/}
zpty -d shell
