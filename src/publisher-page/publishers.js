/* global document, sessionStorage, fetch, navigator, URLSearchParams, window */
// The publisher page's script. Every value from the API or the user is inserted as text (textContent, text
// nodes), never as HTML; the page's Content-Security-Policy enforces this with Trusted Types.
'use strict';

const KEY_STORAGE = 'jobfeed.publisherKey';
let apiKey = '';

const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function setStatus(text) {
  $('status').textContent = text;
}

/** The page's input for each request field the API may name in an error. */
const INPUTS = { from: 'stats-from', to: 'stats-to' };

function showError(error) {
  const box = $('error');
  clear(box);
  box.appendChild(el('p', error.message));
  if (Array.isArray(error.fields) && error.fields.length) {
    const list = el('ul');
    for (const field of error.fields) {
      list.appendChild(el('li', `${field.field}: ${field.message}`));
      const input = INPUTS[field.field] && $(INPUTS[field.field]);
      if (input) input.setAttribute('aria-invalid', 'true');
    }
    box.appendChild(list);
  }
  box.hidden = false;
  setStatus('');
}

function hideError() {
  $('error').hidden = true;
  clear($('error'));
  for (const id of Object.values(INPUTS)) $(id).removeAttribute('aria-invalid');
}

/** GETs an API path with the key; resolves to the JSON body, or rejects with { message, fields }. */
async function api(path) {
  if (!apiKey) throw { message: 'Enter your API key first (section 1).' };
  let response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${apiKey}` } });
  } catch {
    throw { message: 'jobfeed cannot be reached. Check your connection and try again.' };
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data && data.error) || { message: `The request failed (HTTP ${response.status}).` };
    if (response.status === 429 && response.headers.get('retry-after'))
      error.message = `${error.message} (wait ${response.headers.get('retry-after')} s)`;
    throw error;
  }
  return data;
}

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
  const data = await api('/api/v1/placements');
  renderPlacements(data.placements);
  return data.placements;
}

async function showStats() {
  const id = $('stats-of').value;
  if (!id) throw { message: 'You have no placement to show stats of.' };
  const query = new URLSearchParams({ from: $('stats-from').value, to: $('stats-to').value });
  setStatus('Loading the stats…');
  const stats = await api(`/api/v1/placements/${encodeURIComponent(id)}/stats?${query}`);
  window.JobfeedStats.render($('stats'), stats, 'stats');
  setStatus(`Stats of "${stats.placement.name}" from ${stats.from} to ${stats.to}.`);
}

async function run(task) {
  hideError();
  try {
    await task();
  } catch (error) {
    showError(error && error.message ? error : { message: String(error) });
  }
}

function useKey() {
  apiKey = $('api-key').value.trim();
  if ($('remember-key').checked && apiKey) sessionStorage.setItem(KEY_STORAGE, apiKey);
  else sessionStorage.removeItem(KEY_STORAGE);
}

document.addEventListener('DOMContentLoaded', () => {
  const [from, to] = window.JobfeedStats.defaultRange(new Date());
  $('stats-from').value = from;
  $('stats-to').value = to;
  const remembered = sessionStorage.getItem(KEY_STORAGE);
  if (remembered) {
    $('api-key').value = remembered;
    $('remember-key').checked = true;
    apiKey = remembered;
  }

  $('remember-key').addEventListener('change', useKey);

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    useKey();
    void run(async () => {
      if (!apiKey)
        throw { message: 'Enter your API key.', fields: [{ field: 'API key', message: 'is empty' }] };
      setStatus('Checking the key…');
      const placements = await loadPlacements();
      if (placements.length) await showStats();
      setStatus(
        `Key accepted. You have ${placements.length} placement${placements.length === 1 ? '' : 's'}.`,
      );
    });
  });

  $('refresh-placements').addEventListener('click', () => {
    void run(async () => {
      const placements = await loadPlacements();
      setStatus(`${placements.length} placement${placements.length === 1 ? '' : 's'} listed.`);
    });
  });

  $('stats-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void run(showStats);
  });
});
