# Sourced by bench/run-explore-calibration.sh and bench/yosys-libmap-decisions.sh: one explore estimator
# configuration `sizes:weightBits:membraneBits:lanes:board[:binarized][:ftfK]` as a compiled core.

# The directory name of CONFIG (`,` and `:` become `-` and `_`).
explore_config_name() {
  echo "$1" | tr ',:' '-_'
}

# The board of CONFIG.
explore_config_board() {
  local sizes w m p board rest
  IFS=: read -r sizes w m p board rest <<<"$1"
  echo "$board"
}

# explore_compile LAUNCHER CONFIG DIR: a seeded random network (seed 1) of CONFIG in DIR/net.json, compiled for
# its lanes and board into DIR/build; both logged to DIR/log.txt. Fails as the failing command does.
explore_compile() {
  local sf="$1" cfg="$2" dir="$3"
  local sizes w m p board rest1 rest2 r
  IFS=: read -r sizes w m p board rest1 rest2 <<<"$cfg"
  local extra=()
  for r in "${rest1:-}" "${rest2:-}"; do
    case "$r" in
      binarized) extra+=(--binarized-hidden) ;;
      ftf[0-9]*) extra+=(--first-to-fire "${r#ftf}") ;;
      "") ;;
      *) echo "explore config $cfg: unknown suffix '$r' (binarized or ftfK)" >&2; return 2 ;;
    esac
  done
  mkdir -p "$dir"
  $sf model random --sizes "$sizes" --weight-width "$w" --membrane-width "$m" --seed 1 "${extra[@]}" \
      -o "$dir/net.json" >"$dir/log.txt" 2>&1 \
    && $sf compile "$dir/net.json" --lanes "$p" --board "$board" -o "$dir/build" >>"$dir/log.txt" 2>&1
}
