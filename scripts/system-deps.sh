#!/usr/bin/env bash
# Install the Debian packages duban needs outside Python, when missing:
#   chromium (browser tests), libreoffice writer+calc (PDF export), python3-uno (the workers'
#   resident LibreOffice for PDFs), fonts-noto-cjk (Chinese
#   glyphs), poppler-utils (pdftoppm for looking at PDFs).
# Uses apt-get when running as root; otherwise says exactly what is missing and how to get it.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
# The workers' resident LibreOffice is driven through UNO from the system Python.
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || need+=(python3-uno)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK\|Noto Serif CJK" || need+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "apt-get could not install: ${need[*]}" >&2; exit 1; }
else
  echo "MISSING system packages: ${need[*]}" >&2
  echo "  install them with: sudo apt-get install ${need[*]}" >&2
  echo "  (PDF export needs libreoffice and fonts-noto-cjk; browser tests need chromium)" >&2
fi
