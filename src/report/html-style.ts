// HTML report support: the inline stylesheet (screen and print). No external fonts or images.
// Colours meet WCAG AA contrast (4.5:1) against their backgrounds.

export const HTML_STYLE = `
:root { --ink: #1a1a1a; --muted: #4d4d4d; --line: #c8c8c8; --met: #1b6e20; --missed: #b3261e;
  --excluded: #4d4d4d; --nodata: #7a4d00; --bar: #2b5797; --bg-soft: #f3f5f8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; margin: 0 auto; max-width: 72rem; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
dl.parties { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.parties dt { color: var(--muted); }
dl.parties dd { margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.card { background: var(--bg-soft); border: 1px solid var(--line); border-radius: .4rem; padding: .6rem 1rem; min-width: 12rem; }
.card .k { color: var(--muted); font-size: .85rem; }
.card .v { font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; color: var(--muted); }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-size: .85rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot th, tfoot td { border-top: 2px solid var(--ink); border-bottom: none; font-weight: 700; }
.desc { display: block; color: var(--muted); font-size: .85rem; font-weight: normal; }
.status { display: inline-block; border-radius: .3rem; padding: 0 .4rem; font-size: .85rem; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.status-met { color: var(--met); } .status-missed { color: var(--missed); }
.status-excluded { color: var(--excluded); } .status-no-data { color: var(--nodata); }
.not-applied { color: var(--muted); }
.att { display: inline-flex; align-items: center; gap: .5rem; justify-content: flex-end; }
.att > span { min-width: 3.5rem; }
.bar { display: block; flex: none; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid var(--line); border-radius: .4rem; padding: .5rem; break-inside: avoid; }
figcaption { font-weight: 600; font-size: .9rem; margin-bottom: .25rem; }
.legend { color: var(--muted); font-size: .85rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; overflow-wrap: break-word; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, figure, .cards { break-inside: avoid; }
  .card { background: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { size: A4; margin: 15mm; }
}
@page { size: A4; margin: 15mm; }
.number { font-size: 1.1rem; font-weight: 600; margin: 0 0 .25rem; }
.exempt { font-weight: 600; }
th { overflow-wrap: break-word; }
`;
