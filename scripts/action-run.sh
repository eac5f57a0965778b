#!/usr/bin/env bash
# The run step of action.yml: `policy-check iac` as annotations on the pull request, SARIF for code scanning,
# and the Markdown report in the step summary. Reads the action's inputs from INPUT_* variables and writes
# `sarif-file` and `exit-code` to $GITHUB_OUTPUT. Exits with the check's exit code.
set -uo pipefail

directory="${INPUT_DIRECTORY:-.}"
fail_on="${INPUT_FAIL_ON:-error}"
sarif="${INPUT_SARIF_FILE:-policy-check.sarif}"
base="${INPUT_BASE:-}"
# On a pull request without an explicit base, compare against the branch it merges into.
if [[ -z "$base" && -n "${GITHUB_BASE_REF:-}" ]]; then
  base="origin/${GITHUB_BASE_REF}"
  if ! git -C "$directory" rev-parse --verify --quiet "${base}^{commit}" >/dev/null; then
    git -C "$directory" fetch --no-tags --quiet --depth=1 origin "${GITHUB_BASE_REF}:refs/remotes/origin/${GITHUB_BASE_REF}" || base=""
  fi
fi

# The CLI: given (tests, a preinstalled copy), built from the action's own checkout, or installed.
cli=()
if [[ -n "${POLICY_CHECK_BIN:-}" ]]; then
  cli=(node "$POLICY_CHECK_BIN")
elif [[ -f "${GITHUB_ACTION_PATH:?}/dist/cli.cjs" ]]; then
  cli=(node "$GITHUB_ACTION_PATH/bin/policy-check.cjs")
else
  (cd "$GITHUB_ACTION_PATH" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build) >&2 || exit 2
  cli=(node "$GITHUB_ACTION_PATH/bin/policy-check.cjs")
fi

base_args=()
[[ -n "$base" ]] && base_args=(--base "$base")
# fail-on: one value or several, comma-separated (a severity, and with a base the access changes: lost, gained, any).
fail_args=()
IFS=', ' read -r -a fail_values <<<"$fail_on"
for value in "${fail_values[@]}"; do
  [[ -n "$value" ]] && fail_args+=(--fail-on "$value")
done

# SARIF never fails the step: code scanning shows every finding, the annotations below decide the exit code.
if "${cli[@]}" iac "$directory" --format sarif --output "$sarif" --fail-on none; then
  echo "sarif-file=$sarif" >>"${GITHUB_OUTPUT:-/dev/null}"
fi
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  "${cli[@]}" iac "$directory" --format markdown "${fail_args[@]}" "${base_args[@]}" >>"$GITHUB_STEP_SUMMARY"
fi
"${cli[@]}" iac "$directory" --format github "${fail_args[@]}" "${base_args[@]}"
code=$?
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
exit "$code"
