#!/usr/bin/env bash
# The main job on the demo municipality (かさね市, fictional), on a fresh embedded SQLite workspace:
# load the registry and case files, compute triggers, schedule, write invitations, mails,
# agendas and feeds, issue demo feed tokens, then serve the feeds until Ctrl-C.
# The demo data is pinned to 2026-11-26 (override with KASANE_TODAY); DEMO_SERVE=0 skips the server.
set -euo pipefail
cd "$(dirname "$0")/.."
# Everything written here is private: the workspace, the documents and feed-urls.txt, which
# holds raw capability URLs (kasane itself creates its files 0600 whatever the umask).
umask 077
bin="$(swift build --show-bin-path)/kasane"
out=out/demo
export KASANE_DB="$out/kasane.sqlite"
export KASANE_TODAY="${KASANE_TODAY:-2026-11-26}"
port="${DEMO_PORT:-8080}"
export KASANE_BASE_URL="${KASANE_BASE_URL:-http://127.0.0.1:$port}"
rm -rf "$out" && mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }
step "登録簿の取込み: examples/registry.yaml"
"$bin" registry import examples/registry.yaml | head -1
step "ケース記録の取込み: examples/cases.yaml"
"$bin" case import examples/cases.yaml
"$bin" case list
step "$(( ${KASANE_TODAY:0:4} + 1 ))年の閉庁日（国民の祝日・年末年始・calendars/ の独自休業日）"
"$bin" calendar holidays --year $(( ${KASANE_TODAY:0:4} + 1 )) | head -6
echo "…"
step "会議の開催が必要な契機（R6–R8）"
"$bin" triggers
step "日程づくり: calendars/*.ics の定例会、期限に間に合わなければ臨時会"
"$bin" schedule
"$bin" meeting list
step "議題ごとの出席者とその理由（R1–R15）"
"$bin" meeting show jusou-2026-12-09
step "招集通知（iTIP REQUEST/CANCEL）と送信用メール（iMIP）"
"$bin" invite --out "$out/invitations" | tail -3
step "読み手ごとの次第（事務局用 非公開 と出席者ごと）、Markdown と HTML"
for m in $("$bin" meeting list --json | python3 -c 'import json,sys; print(" ".join(m["id"] for m in json.load(sys.stdin)))'); do
  "$bin" agenda "$m" --all --out-dir "$out/documents" >/dev/null
  "$bin" agenda "$m" --all --format html --out-dir "$out/documents" >/dev/null
done
ls "$out/documents" | head -5; echo "… 文書 $(ls "$out/documents" | wc -l) 件"
step "機関ごとの .ics フィード"
"$bin" feeds --out "$out/feeds" | head -5
step "フィードのトークン（URL は一度だけ表示し、保存するのは SHA-256 のみ）"
for a in shakyo city-jusou houkatsu-chuo kodomo-center; do
  url=$("$bin" feed-token rotate "$a" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
  echo "$a  $url" | tee -a "$out/feed-urls.txt"
done
step "書き出したファイル"
echo "ワークスペース: $KASANE_DB"
echo "招集通知:       $out/invitations/<person>/（.ics と .eml）"
echo "文書:           $out/documents/"
echo "フィード:       $out/feeds/<agency>.ics"
echo "フィード URL:   $out/feed-urls.txt"
if [ "${DEMO_SERVE:-1}" = "1" ]; then
  step "フィードを $KASANE_BASE_URL で配信中（Ctrl-C で停止）"
  exec "$bin" serve --port "$port"
fi
