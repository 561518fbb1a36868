/**
 * The parts every report page shares (Handlebars partials, registered in internal/render-html.ts): the masthead —
 * its kind in `kind`, its subtitle the block's content —, the verdict banner with the summary cards, and the
 * information table under its heading (`heading`). Values are printed with `{{ }}` (escaped), as in the pages.
 */
export const mastheadPartial = `<header class="masthead">
  <div class="brand">
    {{#if logoDataUri}}<img class="logo" src="{{logoDataUri}}" alt="">{{/if}}
    <div>
      <div class="company">{{companyName}}</div>
      <div class="doc-kind">{{kind}}</div>
    </div>
  </div>
  <div class="doc-id">
    <div class="doc-title">{{title}}</div>
    <div class="doc-sub">{{> @partial-block}}</div>
  </div>
</header>
`

export const verdictPartial = `<section class="verdict verdict-{{verdict.kind}}">
  <div class="verdict-label">{{verdict.label}}</div>
  <div class="verdict-text">{{verdict.text}}</div>
</section>

<section class="cards">
  {{#each cards}}
  <div class="card card-{{kind}}"><div class="card-value">{{value}}</div><div class="card-label">{{label}}</div></div>
  {{/each}}
</section>
`

export const metaTablePartial = `<h2>{{heading}}</h2>
<table class="meta">
  <tbody>
  {{#each metaRows}}
  <tr>
    {{#each this}}<th>{{label}}</th><td class="{{cls}}" colspan="{{span}}">{{value}}</td>{{/each}}
  </tr>
  {{/each}}
  </tbody>
</table>
`
