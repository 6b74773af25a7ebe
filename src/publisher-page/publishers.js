/* global document, navigator, URLSearchParams, window */
// The publisher page's script, on the helpers of account-page.js and the stats view of stats-view.js.
'use strict';

const { $, el, clear, setStatus, accountPage } = window.JobfeedPage;
const { api, run, start } = accountPage({
  storageKey: 'jobfeed.publisherKey',
  inputs: { from: 'stats-from', to: 'stats-to' },
});

/** The two lines a page embeds: the widget script and the placement's container. */
function snippet(placement) {
  const origin = window.location.origin;
  return `<script async src="${origin}/widget.js"></script>\n<div data-jobfeed="${placement.id}"></div>`;
}

function filtersText(filters) {
  const parts = [];
  if (filters.q) parts.push(`words: ${filters.q}`);
  if (filters.companies.length) parts.push(`companies: ${filters.companies.join(', ')}`);
  if (filters.countries.length) parts.push(`countries: ${filters.countries.join(', ')}`);
  if (filters.categories.length) parts.push(`categories: ${filters.categories.join(', ')}`);
  if (filters.workplace) parts.push(`workplace: ${filters.workplace}`);
  if (filters.maxAgeDays) parts.push(`listed in the last ${filters.maxAgeDays} days`);
  return parts.length ? parts.join('; ') : 'none: every posting';
}

function detail(list, term, value) {
  list.appendChild(el('dt', term));
  list.appendChild(el('dd', value));
}

function renderPlacement(placement) {
  const article = el('article', null, 'placement');
  const headingId = `placement-${placement.id}`;
  const heading = el('h3', placement.name);
  heading.id = headingId;
  article.setAttribute('aria-labelledby', headingId);
  article.appendChild(heading);
  const details = el('dl');
  detail(details, 'Allowed origins', placement.allowedOrigins.join(', '));
  detail(details, 'Filters', filtersText(placement.filters));
  detail(
    details,
    'List',
    `${placement.limit} postings, ${placement.context === 'meta' ? "ranked by the page's keywords" : 'newest first'}, ` +
      `locale ${placement.locale}, theme ${placement.theme}`,
  );
  article.appendChild(details);
  const figure = el('figure', null, 'snippet');
  figure.appendChild(el('figcaption', 'Embed snippet'));
  const code = el('code', snippet(placement));
  figure.appendChild(el('pre')).appendChild(code);
  article.appendChild(figure);
  const copy = el('button', 'Copy snippet');
  copy.type = 'button';
  copy.setAttribute('aria-describedby', headingId);
  copy.addEventListener('click', () => {
    const refused = () => setStatus('The browser refused to copy: select the snippet and copy it yourself.');
    // navigator.clipboard exists only on https pages and localhost.
    if (!navigator.clipboard) return refused();
    navigator.clipboard
      .writeText(code.textContent)
      .then(() => setStatus(`Snippet of "${placement.name}" copied.`), refused);
  });
  article.appendChild(copy);
  return article;
}

function renderPlacements(placements) {
  const list = $('placements');
  clear(list);
  for (const placement of placements) list.appendChild(renderPlacement(placement));
  $('placements-empty').hidden = placements.length !== 0;
  const select = $('stats-of');
  const chosen = select.value;
  clear(select);
  for (const placement of placements) {
    const option = el('option', placement.name);
    option.value = placement.id;
    select.appendChild(option);
  }
  if (placements.some((placement) => placement.id === chosen)) select.value = chosen;
}

async function loadPlacements() {
  const data = await api('GET', '/api/v1/placements');
  renderPlacements(data.placements);
  return data.placements;
}

async function showStats() {
  const id = $('stats-of').value;
  if (!id) throw { message: 'You have no placement to show stats of.' };
  const query = new URLSearchParams({ from: $('stats-from').value, to: $('stats-to').value });
  setStatus('Loading the stats…');
  const stats = await api('GET', `/api/v1/placements/${encodeURIComponent(id)}/stats?${query}`);
  window.JobfeedStats.render($('stats'), stats, 'stats');
  setStatus(`Stats of "${stats.placement.name}" from ${stats.from} to ${stats.to}.`);
}

document.addEventListener('DOMContentLoaded', () => {
  start({ loadItems: loadPlacements, noun: 'placement', showStats });

  $('refresh-placements').addEventListener('click', () => {
    void run(async () => {
      const placements = await loadPlacements();
      setStatus(`${placements.length} placement${placements.length === 1 ? '' : 's'} listed.`);
    });
  });
});
