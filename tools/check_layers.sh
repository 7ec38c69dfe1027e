#!/bin/sh
# The engine's modules include only the modules below them (README.md, "What is where"). The build
# enforces it for every file it compiles (each module sees only the include roots of the modules
# it links); this check also covers headers that no source includes yet, and includes that climb
# out of a module's folder with "../". Run by ctest (EngineLayers); exit 1 names each offence.
cd "$(dirname "$0")/../engine" || exit 2
allowed() {  # the modules a module may include, itself included
  case $1 in
    core) echo "core" ;;
    model) echo "core model" ;;
    index | overlay) echo "core model $1" ;;
    sources) echo "core model sources" ;;
    input) echo "core model index overlay sources input" ;;
    scan) echo "core model index overlay sources input scan" ;;
    scenario) echo "core model index overlay sources input scan scenario" ;;
    tables) echo "core model index overlay sources input scan scenario tables" ;;
    sinks) echo "core model index overlay sources input scan scenario tables sinks" ;;
    app) echo "core model index overlay sources input scan scenario tables sinks app" ;;
    gen) echo "core model gen" ;;
    *) echo "" ;;
  esac
}
status=0
for dir in src/* include/panhuo/*; do
  [ -d "$dir" ] || continue
  module=$(basename "$dir")
  ok=$(allowed "$module")
  if [ -z "$ok" ]; then
    echo "engine/$dir: not a module of the layering (add it to tools/check_layers.sh and README.md)"
    continue
  fi
  for file in $(find "$dir" -name '*.hpp' -o -name '*.cpp' -o -name '*.in'); do
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' "$file" | while IFS= read -r line; do
      case $line in
        *'"../'* | *'<../'*) echo "engine/$file:$line: climbs out of its folder" ;;
      esac
      target=$(printf '%s\n' "$line" | sed -n 's#.*[<"]panhuo/\([a-z_]*\)/.*#\1#p')
      [ -n "$target" ] || continue
      case " $ok " in
        *" $target "*) ;;
        *) echo "engine/$file:$line: $module may not include $target" ;;
      esac
    done
  done
done | grep . && status=1
exit $status
