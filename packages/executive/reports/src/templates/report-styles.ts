/** The report stylesheet (A4 print). Kept as a string for the same reason as the template. */
export const reportStyles = `
@page { size: A4; }
:root {
  --ink: #1d2430; --muted: #5f6b7a; --line: #d5dbe3; --soft: #f3f6f9; --accent: #1f5fa8;
  --pass: #1e7e34; --pass-bg: #e3f4e8; --fail: #b42318; --fail-bg: #fdecea;
  --warn: #a15c00; --warn-bg: #fff3df; --neutral: #5f6b7a; --neutral-bg: #eef1f5;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: var(--ink); font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif;
  font-size: 8.6pt; line-height: 1.42;
}
.mono, pre { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
.masthead {
  display: flex; justify-content: space-between; align-items: flex-end;
  padding-bottom: 9pt; border-bottom: 2.2pt solid var(--accent); margin-bottom: 12pt;
}
.brand { display: flex; align-items: center; gap: 10pt; }
.logo { max-height: 34pt; max-width: 120pt; }
.company { font-size: 15pt; font-weight: bold; letter-spacing: 0.2pt; }
.doc-kind { color: var(--muted); font-size: 8pt; text-transform: uppercase; letter-spacing: 1.1pt; }
.doc-id { text-align: right; }
.doc-title { font-size: 12.5pt; font-weight: bold; color: var(--accent); }
.doc-sub { color: var(--muted); font-size: 8pt; }
.verdict {
  display: flex; align-items: center; gap: 14pt; padding: 7pt 14pt; border-radius: 4pt;
  color: #fff; margin-bottom: 10pt; break-inside: avoid;
}
.verdict-label { font-size: 16pt; font-weight: bold; letter-spacing: 1.6pt; min-width: 92pt; }
.verdict-text { font-size: 9pt; border-left: 1pt solid rgba(255,255,255,0.55); padding-left: 14pt; }
.verdict-passed { background: var(--pass); }
.verdict-failed { background: var(--fail); }
.verdict-error { background: var(--warn); }
.verdict-aborted, .verdict-pending { background: var(--neutral); }
.cards { display: flex; gap: 8pt; margin-bottom: 4pt; break-inside: avoid; }
.card {
  flex: 1; border: 0.8pt solid var(--line); border-top: 2.4pt solid var(--neutral); border-radius: 3pt;
  padding: 6pt 10pt; background: #fff;
}
.card-value { font-size: 16pt; font-weight: bold; line-height: 1.2; }
.card-label { color: var(--muted); font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.8pt; }
.card-pass { border-top-color: var(--pass); } .card-pass .card-value { color: var(--pass); }
.card-fail { border-top-color: var(--fail); } .card-fail .card-value { color: var(--fail); }
.card-total { border-top-color: var(--accent); }
h2 {
  font-size: 9.5pt; text-transform: uppercase; letter-spacing: 1.2pt; color: var(--accent);
  border-bottom: 0.8pt solid var(--line); padding-bottom: 3pt; margin: 14pt 0 6pt; break-after: avoid;
}
h3 { font-size: 8.5pt; margin: 8pt 0 3pt; color: var(--ink); break-after: avoid; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.meta th, .meta td { text-align: left; padding: 2.6pt 6pt; border-bottom: 0.5pt solid var(--line); vertical-align: top; }
.meta th { width: 17%; color: var(--muted); font-weight: normal; background: var(--soft); }
.meta td { width: 33%; }
.meta td.mono { font-size: 8pt; }
.description { white-space: pre-wrap; word-break: break-word; }
.data th {
  text-align: left; font-size: 7.2pt; text-transform: uppercase; letter-spacing: 0.6pt; color: var(--muted);
  background: var(--soft); border-bottom: 1pt solid #b9c3cf; padding: 4pt 6pt;
}
.data td { padding: 3.4pt 6pt; border-bottom: 0.5pt solid var(--line); vertical-align: middle; }
.events td { vertical-align: top; }
.data tbody tr:nth-child(even) td { background: #fafbfd; }
.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.data .center { text-align: center; }
.data .strong { font-weight: bold; }
.param { font-family: 'DejaVu Sans Mono', Menlo, monospace; font-size: 8pt; }
.results tr.row-fail td { background: var(--fail-bg) !important; }
.badge {
  display: inline-block; min-width: 34pt; padding: 1pt 6pt; border-radius: 8pt; font-size: 7pt; font-weight: bold;
  letter-spacing: 0.6pt; text-align: center;
}
.badge-pass { background: var(--pass-bg); color: var(--pass); border: 0.6pt solid var(--pass); }
.badge-fail { background: var(--fail); color: #fff; border: 0.6pt solid var(--fail); }
.badge-info { background: var(--neutral-bg); color: var(--neutral); border: 0.6pt solid #c3cad4; }
.events td { font-size: 7.8pt; }
.events .col-time { width: 19%; } .events .col-sim { width: 13%; } .events .col-level { width: 10%; }
.message { word-break: break-word; }
.level { font-size: 6.8pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.5pt; }
.level-debug { color: var(--muted); } .level-info { color: var(--accent); }
.level-warn { color: var(--warn); } .level-error { color: var(--fail); }
.chart-figure { margin: 0 0 12pt; padding: 8pt 10pt 6pt; border: 0.8pt solid var(--line); border-radius: 3pt; break-inside: avoid; }
.chart-title { font-weight: bold; font-size: 9pt; margin-bottom: 2pt; }
.chart-caption { color: var(--muted); font-size: 7.6pt; margin: 3pt 0 0; }
/* The charts carry their own fonts and colours (@dvt/charts); here they only scale to the text width. */
svg.chart { display: block; width: 100%; height: auto; }
.config { column-count: 2; column-gap: 12pt; }
.config-block { break-inside: avoid; margin-bottom: 8pt; }
.config-block h3 { margin-top: 0; }
.config pre {
  background: var(--soft); border: 0.6pt solid var(--line); border-radius: 3pt; padding: 6pt 8pt; margin: 0;
  font-size: 7pt; line-height: 1.35; white-space: pre-wrap; word-break: break-all;
}
.empty { color: var(--muted); font-style: italic; }
.compare-summary { font-weight: bold; margin: 6pt 0; }
.compare-runs { margin-bottom: 4pt; }
`
