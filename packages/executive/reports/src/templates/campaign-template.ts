/**
 * The datasheet-style campaign report (Handlebars), printed like the run report (report-template.ts): every value
 * with `{{ }}` (escaped); the only unescaped content is the stylesheet partials and the charts, SafeStrings of SVG
 * rendered by React (which escapes every text in them).
 */
export const campaignTemplate = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{title}} — {{idShort}}</title>
<style>{{> styles}}{{> campaignStyles}}</style>
</head>
<body>
{{#> masthead kind="Characterisation report"}}Campaign <span class="mono">{{idShort}}</span> &middot; lot {{lotName}} &middot; {{startedShort}}{{/masthead}}

{{> verdict}}

{{> metaTable heading="Campaign information"}}

<h2>Electrical characteristics</h2>
{{#if characteristics.length}}
<table class="data characteristics">
  <thead><tr><th>Parameter</th><th>Conditions</th><th class="num">Min</th><th class="num">Typ</th><th class="num">Max</th><th class="num">Limits</th><th>Unit</th><th class="num">Cpk</th><th class="num">n</th><th class="num">Yield</th></tr></thead>
  <tbody>
  {{#each characteristics}}
  <tr class="{{#if failed}}row-fail{{/if}}"><td><div class="param">{{parameter}}</div><div class="param-label">{{label}}</div></td><td class="conditions">{{conditions}}</td><td class="num">{{min}}</td><td class="num strong">{{typ}}</td><td class="num">{{max}}</td><td class="num">{{limits}}</td><td class="unit">{{unit}}</td><td class="num">{{cpk}}</td><td class="num">{{n}}</td><td class="num">{{yield}}</td></tr>
  {{/each}}
  </tbody>
</table>
<p class="chart-caption">Min, typ (mean) and max over the DUTs measured at each condition; Cpk = min(USL &minus; mean, mean &minus; LSL) / 3&sigma; (one-sided with one limit; docs/campaigns.md).</p>
{{else}}
<p class="empty">No results were recorded for this campaign yet.</p>
{{/if}}

{{#if showCharts}}
{{#if lotCharts.length}}
<h2>Characteristics vs temperature</h2>
{{#each lotCharts}}
<figure class="chart-figure">
  <figcaption class="chart-title">{{title}}</figcaption>
  {{svg}}
  <p class="chart-caption">{{caption}}</p>
</figure>
{{/each}}
{{/if}}
{{#if histograms.length}}
<h2>Distributions</h2>
<div class="histograms">
{{#each histograms}}
<figure class="chart-figure histogram-figure">
  <figcaption class="chart-title">{{title}}</figcaption>
  {{svg}}
</figure>
{{/each}}
</div>
{{/if}}
{{/if}}

<h2>DUT verdicts</h2>
{{#if duts.length}}
<table class="data duts">
  <thead><tr><th>Serial</th><th class="num">Board</th><th class="num">Socket</th><th class="center">Verdict</th><th>Results outside their limits</th></tr></thead>
  <tbody>
  {{#each duts}}
  <tr class="{{#if failed}}row-fail{{/if}}"><td class="mono">{{serial}}</td><td class="num">{{board}}</td><td class="num">{{socket}}</td><td class="center"><span class="badge badge-{{badge}}">{{badgeText}}</span></td><td class="message">{{failures}}</td></tr>
  {{/each}}
  </tbody>
</table>
{{else}}
<p class="empty">The campaign has no DUTs.</p>
{{/if}}

{{#if accuracy.length}}
<h2>Method accuracy</h2>
<p class="chart-caption">On the simulator every DUT's true parameters are known: measured &minus; true per DUT shows how accurate the test method is before hardware exists.</p>
<table class="data accuracy">
  <thead><tr><th>Parameter</th><th>Conditions</th><th class="num">n</th><th class="num">Mean error</th><th class="num">&sigma;</th><th class="num">Max |error|</th><th>Unit</th></tr></thead>
  <tbody>
  {{#each accuracy}}
  <tr><td class="param">{{parameter}}</td><td class="conditions">{{conditions}}</td><td class="num">{{n}}</td><td class="num strong">{{mean}}</td><td class="num">{{std}}</td><td class="num">{{maxAbs}}</td><td>{{unit}}</td></tr>
  {{/each}}
  </tbody>
</table>
{{/if}}

<h2>Plan</h2>
<div class="config"><div class="config-block"><pre>{{planText}}</pre></div></div>
</body>
</html>
`

/** What the campaign report adds to the run report's stylesheet. */
export const campaignStyles = `
h2 { text-transform: none; letter-spacing: 0.2pt; font-size: 10.5pt; }
.duts td.mono { white-space: nowrap; font-size: 7.8pt; }
.characteristics td { font-size: 7.8pt; }
/* Every cell's first line on the row's first line: a wrapped cell grows downwards, the row still reads in order. */
.characteristics td, .duts td, .accuracy td { vertical-align: top; }
.characteristics .param, .conditions, .characteristics td.unit { white-space: nowrap; }
.param-label { color: var(--muted); font-size: 6.8pt; }
.conditions { font-size: 7.4pt; }
.characteristics tr.row-fail td, .duts tr.row-fail td { background: var(--fail-bg) !important; }
.histograms::after { content: ''; display: block; clear: both; }
.histogram-figure { float: left; width: calc(50% - 4pt); }
.histogram-figure:nth-child(odd) { margin-right: 8pt; clear: left; }
.config { column-count: 1; }
`
