#!/bin/sh
# Checks a Paraphe evidence file (dossier de preuve) offline with jq, sha256sum, base64 and openssl: every entry's
# hash, every link to the entry before, and every anchor's RFC 3161 time-stamp against the Paraphe root.
# Usage: sh evidence-check.sh evidence.json root.pem     (root.pem: GET /pki/ca/root.pem, check its fingerprint)
# Prints "OK: ..." and exits 0 when the file is whole; prints "BROKEN: ..." and exits 1 otherwise. See evidence.md.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 evidence.json root.pem" >&2; exit 2; }
file=$1
root=$2
fail() { echo "BROKEN: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jq -e '.entries | length > 0' "$file" >/dev/null 2>&1 || fail "not an evidence file, or no entry"
trail=$(jq -er '.trail' "$file") || fail "no trail id"
# The first entry links to the SHA-256 of "paraphe-evidence:<trail id>".
prev=$(printf 'paraphe-evidence:%s' "$trail" | sha256sum | cut -d' ' -f1)
count=$(jq -er '.entries | length' "$file")
i=0
type=
anchors=0
while [ "$i" -lt "$count" ]; do
  seq=$(jq -er ".entries[$i].seq" "$file") || fail "entry $((i + 1)): no sequence number"
  [ "$seq" = "$((i + 1))" ] || fail "entry $((i + 1)): sequence number $seq"
  link=$(jq -er ".entries[$i].prev" "$file") || fail "entry $seq: no prev"
  [ "$link" = "$prev" ] || fail "entry $seq: prev does not link to the entry before"
  hash=$(jq -er ".entries[$i].hash" "$file") || fail "entry $seq: no hash"
  # The hash is the SHA-256 of the entry without its hash, as jq prints it compact with sorted keys.
  computed=$(jq -cjS ".entries[$i] | del(.hash)" "$file" | sha256sum | cut -d' ' -f1)
  [ "$computed" = "$hash" ] || fail "entry $seq: its content does not match its hash"
  type=$(jq -er ".entries[$i].type" "$file") || fail "entry $seq: no type"
  if [ "$type" = anchor ]; then
    # An anchor's token time-stamps the hash of the entry before it (its prev).
    jq -er ".entries[$i].token" "$file" | base64 -d > "$work/token.der" 2>/dev/null \
      || fail "entry $seq: the anchor has no token"
    openssl ts -verify -digest "$prev" -token_in -in "$work/token.der" -CAfile "$root" >/dev/null 2>&1 \
      || fail "entry $seq: the time-stamp token does not verify for the entry before it"
    anchors=$((anchors + 1))
  fi
  prev=$hash
  i=$((i + 1))
done
# Removing the last entries would leave a shorter chain that links: the file must end with an anchor.
[ "$type" = anchor ] || fail "the file does not end with an anchor (entries were removed from its end)"
[ "$(jq -er '.head.hash' "$file")" = "$prev" ] || fail "the head is not the last entry"
echo "OK: $count entries, $anchors anchors, head $prev"
