/**
 * The report page (Handlebars). Kept as a TypeScript string so the esbuild bundle of `dvt` carries it.
 * Every value is printed with `{{ }}` (escaped); the only unescaped content is the stylesheet partial and the
 * charts, SafeStrings of SVG rendered by React (which escapes every text in them).
 */
export const reportTemplate = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{title}} — {{runIdShort}}</title>
<style>{{> styles}}</style>
</head>
<body>
{{#> masthead kind="Design verification test report"}}Run <span class="mono">{{runIdShort}}</span> &middot; {{startedShort}}{{/masthead}}

{{> verdict}}

{{> metaTable heading="Run information"}}

<h2>Results</h2>
{{#> dataTable rows=results kind="results"}}
  <thead><tr>{{#if showSocket}}<th class="num">Socket</th>{{/if}}<th>Parameter</th><th class="num">Measured</th><th>Unit</th><th class="num">Lower limit</th><th class="num">Upper limit</th><th class="center">Result</th></tr></thead>
  <tbody>
  {{#each results}}
  <tr class="{{#if failed}}row-fail{{/if}}">{{#if @root.showSocket}}<td class="num">{{socket}}</td>{{/if}}<td class="param">{{parameter}}</td><td class="num strong">{{value}}</td><td>{{unit}}</td><td class="num">{{lower}}</td><td class="num">{{upper}}</td><td class="center"><span class="badge badge-{{badge}}">{{badgeText}}</span></td></tr>
  {{/each}}
  </tbody>
{{/dataTable}}

{{#if showCharts}}
<h2>Measurements</h2>
{{#each charts}}
<figure class="chart-figure">
  <figcaption class="chart-title">{{title}}</figcaption>
  {{svg}}
  <p class="chart-caption">{{caption}}</p>
</figure>
{{else}}
<p class="empty">No measurements were recorded for this run.</p>
{{/each}}
{{/if}}

{{#if comparison}}
<h2>Comparison with run {{comparison.otherShort}}</h2>
<table class="meta compare-runs">
  <tbody>
  {{#each comparison.runs}}
  <tr><th>Run {{label}}</th><td class="mono" colspan="3">{{id}}</td></tr>
  <tr><th>Test</th><td class="mono">{{test}}</td><th>Status</th><td>{{status}}</td></tr>
  <tr><th>Started</th><td>{{started}}</td><th>DUT serial</th><td>{{serial}}</td></tr>
  {{/each}}
  </tbody>
</table>
<p class="compare-summary">{{comparison.summary}}</p>
{{#> dataTable rows=comparison.rows kind="compared results"}}
  <thead><tr>{{#if comparison.showSocket}}<th class="num">Socket</th>{{/if}}<th>Parameter</th><th class="num">Run a</th><th class="num">Run b</th><th class="num">b &minus; a</th><th class="num">95 % noise</th><th>Unit</th><th class="center">Verdict</th></tr></thead>
  <tbody>
  {{#each comparison.rows}}
  <tr>{{#if @root.comparison.showSocket}}<td class="num">{{socket}}</td>{{/if}}<td class="param">{{parameter}}</td><td class="num">{{a}}</td><td class="num">{{b}}</td><td class="num strong">{{difference}}</td><td class="num">{{interval}}</td><td>{{unit}}</td><td class="center"><span class="badge badge-{{badge}}">{{badgeText}}</span></td></tr>
  {{/each}}
  </tbody>
{{/dataTable}}
<p class="chart-caption">The noise of each difference comes from the two runs' own measurements (the spread of their averaged readings and the scatter about their fits): a difference beyond it is not chance.</p>
{{#each comparison.charts}}
<figure class="chart-figure">
  <figcaption class="chart-title">{{title}}</figcaption>
  {{svg}}
  <p class="chart-caption">{{caption}}</p>
</figure>
{{/each}}
{{/if}}

<h2>Events</h2>
{{#> dataTable rows=events kind="events"}}
  <thead><tr><th class="col-time">Time (UTC)</th><th class="num col-sim">Sim time (s)</th><th class="col-level">Level</th><th>Message</th></tr></thead>
  <tbody>
  {{#each events}}
  <tr><td class="mono">{{time}}</td><td class="num mono">{{simTime}}</td><td><span class="level level-{{level}}">{{level}}</span></td><td class="message">{{message}}</td></tr>
  {{/each}}
  </tbody>
{{/dataTable}}

<h2>Configuration</h2>
<div class="config">
  <div class="config-block"><h3>Test parameters</h3><pre>{{parametersJson}}</pre></div>
  {{#each configSections}}
  <div class="config-block"><h3>{{name}}</h3><pre>{{json}}</pre></div>
  {{/each}}
</div>
</body>
</html>
`

/**
 * A table of the report's data (the block: its head and body), or a sentence when there are no rows:
 * `{{#> dataTable rows=events kind="events"}}…{{/dataTable}}`. `kind` is the table's class and names what is missing.
 */
export const dataTablePartial = `{{#if rows.length}}
<table class="data {{kind}}">
{{> @partial-block}}
</table>
{{else}}
<p class="empty">No {{kind}} were recorded for this run.</p>
{{/if}}
`

/** Page footer for Chromium's `footerTemplate`; `pageNumber`/`totalPages` are filled in by Chromium. */
export const footerTemplate = `<div style="width:100%;margin:0 14mm;padding-top:2mm;border-top:0.5pt solid #c9d1db;font-family:'DejaVu Sans',Arial,sans-serif;font-size:7pt;color:#5f6b7a;display:flex;justify-content:space-between;-webkit-print-color-adjust:exact">
<span>{{companyName}} &middot; {{subject}}</span>
<span>Generated {{generatedAt}}</span>
<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>
</div>`

/** Chromium needs a header template when it prints a footer; this one is empty. */
export const headerTemplate = '<div></div>'
