# bash completion for imperfect-trainer (written by scripts/command_line_docs.py)
_imperfect_trainer() {
  local current=${COMP_WORDS[COMP_CWORD]} previous=${COMP_WORDS[COMP_CWORD-1]}
  local command='' word words skip=''
  case $previous in
    --data-dir) COMPREPLY=($(compgen -d -- "$current")); return ;;
    --database|--version|--help) return ;;
  esac
  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    if [ -n "$skip" ]; then skip=''; continue; fi
    case $word in
      --data-dir|--database) skip=1 ;;
      -*) ;;
      *) [ -z "$command" ] && command=$word ;;
    esac
  done
  case $command in
    "") words="--version --data-dir --database --background --help server join sync leave check stats backup restore bench import export report install-desktop-entry" ;;
    server) words="init add-trainee add-supervisor remove --help" ;;
    join) words="--help" ;;
    sync) words="--help" ;;
    leave) words="--help" ;;
    check) words="--repair --help" ;;
    stats) words="--json --help" ;;
    backup) words="--help" ;;
    restore) words="--help" ;;
    bench) words="--cards --reviews --history --json --vs-anki --sizes --help" ;;
    import) words="--dry-run --skip-refused --kind --help" ;;
    export) words="--reviews --no-reflections --overwrite-anki-edits --help" ;;
    report) words="--from --to --share-journal --help" ;;
    install-desktop-entry) words="--remove --prefix --help" ;;
    *) words='' ;;
  esac
  if [[ -z $command || $command == server || $current == -* ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$current"))
  else
    COMPREPLY=($(compgen -f -- "$current"))
  fi
  return 0
}
complete -F _imperfect_trainer imperfect-trainer
