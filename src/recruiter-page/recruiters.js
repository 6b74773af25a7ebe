/* global document, sessionStorage, fetch, URL, URLSearchParams, window */
// The recruiter page's script. Every value from the API or the user is inserted as text (textContent, text
// nodes), never as HTML; the page's Content-Security-Policy enforces this with Trusted Types.
'use strict';

const KEY_STORAGE = 'jobfeed.apiKey';
let apiKey = '';
let lastPreview = null;

const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/** Each cell gets its column's name, which narrow screens show beside the value (the table stacks there). */
function labelCells(row) {
  const header = row.closest('table').tHead.rows[0];
  Array.from(row.cells).forEach((cell, i) => {
    cell.dataset.label = header.cells[i].textContent.trim();
  });
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function setStatus(text) {
  $('status').textContent = text;
}

/** The page's input for each request field the API may name in an error. */
const INPUTS = {
  url: 'feed-url',
  format: 'feed-format',
  company: 'feed-company',
  name: 'feed-name',
  intervalMinutes: 'feed-interval',
  from: 'stats-from',
  to: 'stats-to',
};

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

/** Calls the API with the key; resolves to the JSON body, or rejects with { message, fields }. */
async function api(method, path, body) {
  if (!apiKey) throw { message: 'Enter your API key first (section 1).' };
  const headers = { authorization: `Bearer ${apiKey}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw { message: 'jobfeed cannot be reached. Check your connection and try again.' };
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data && data.error) || { message: `The request failed (HTTP ${response.status}).` };
    if (response.status === 429 && response.headers.get('retry-after'))
      error.message = `${error.message} (wait ${response.headers.get('retry-after')} s)`;
    throw error;
  }
  return data;
}

function safeLink(url, text) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return el('span', text);
  const link = el('a', text);
  link.href = parsed.href;
  link.rel = 'noopener noreferrer nofollow';
  link.target = '_blank';
  return link;
}

function formatDate(value) {
  return value ? new Date(value).toLocaleString() : '—';
}

function renderPreview(report) {
  $('preview-summary').textContent =
    `Format: ${report.detectedFormat}. ${report.counts.seen} postings read, ${report.counts.valid} valid, ` +
    `${report.counts.rejected} skipped.`;

  const quality = $('preview-quality').tBodies[0];
  clear(quality);
  for (const [field, { present, of }] of Object.entries(report.quality.fields)) {
    const row = el('tr');
    row.appendChild(el('td', field));
    row.appendChild(el('td', `${present} of ${of}`));
    quality.appendChild(row);
    labelCells(row);
  }

  const warnings = $('preview-warnings');
  clear(warnings);
  const allWarnings = [...report.warnings, ...report.quality.warnings];
  if (!allWarnings.length) warnings.appendChild(el('li', 'Nothing to fix.'));
  for (const warning of allWarnings) warnings.appendChild(el('li', warning));

  const rejected = $('preview-rejected');
  clear(rejected);
  if (!report.rejected.length) rejected.appendChild(el('li', 'None.'));
  for (const item of report.rejected) rejected.appendChild(el('li', `${item.reason}: ${item.sample}`));

  const postings = $('preview-postings');
  clear(postings);
  for (const posting of report.postings) {
    const item = el('li');
    const title = el('strong');
    title.appendChild(safeLink(posting.url, posting.title));
    item.appendChild(title);
    const meta = [posting.company, posting.location, posting.remote ? 'Remote' : null, posting.age]
      .filter(Boolean)
      .join(' · ');
    item.appendChild(el('div', meta, 'meta'));
    item.appendChild(el('p', posting.snippet));
    postings.appendChild(item);
  }
  $('preview').hidden = false;
}

function renderFeeds(feeds) {
  const body = $('feeds-body');
  clear(body);
  $('feeds-table').hidden = feeds.length === 0;
  $('feeds-empty').hidden = feeds.length !== 0;
  for (const feed of feeds) {
    const row = el('tr');
    row.appendChild(el('td', feed.name));
    const url = el('td', null, 'url');
    url.appendChild(safeLink(feed.url, feed.url));
    row.appendChild(url);
    row.appendChild(el('td', feed.status, `status ${feed.status}`));
    row.appendChild(el('td', feed.activePostings));
    row.appendChild(el('td', formatDate(feed.lastSuccessAt)));
    row.appendChild(el('td', feed.consecutiveFailures));
    row.appendChild(el('td', feed.lastError || '—', feed.lastError ? 'error' : null));
    row.appendChild(el('td', feed.nextRunAt ? formatDate(feed.nextRunAt) : 'paused'));
    body.appendChild(row);
    labelCells(row);
  }
}

/** The stats menu lists the feeds; the feed chosen before stays chosen. */
function renderStatsMenu(feeds) {
  const select = $('stats-of');
  const chosen = select.value;
  clear(select);
  for (const feed of feeds) {
    const option = el('option', feed.name);
    option.value = feed.id;
    select.appendChild(option);
  }
  if (feeds.some((feed) => feed.id === chosen)) select.value = chosen;
}

async function showStats() {
  const id = $('stats-of').value;
  if (!id) throw { message: 'You have no feed to show stats of.' };
  const query = new URLSearchParams({ from: $('stats-from').value, to: $('stats-to').value });
  setStatus('Loading the stats…');
  const stats = await api('GET', `/api/v1/feeds/${encodeURIComponent(id)}/stats?${query}`);
  window.JobfeedStats.render($('stats'), stats, 'stats');
  setStatus(`Stats of "${stats.feed.name}" from ${stats.from} to ${stats.to}.`);
}

async function loadFeeds() {
  const data = await api('GET', '/api/v1/feeds');
  renderFeeds(data.feeds);
  renderStatsMenu(data.feeds);
  return data.feeds;
}

function previewInput() {
  const input = { url: $('feed-url').value.trim() };
  if ($('feed-format').value) input.format = $('feed-format').value;
  if ($('feed-company').value.trim()) input.company = $('feed-company').value.trim();
  return input;
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
      const feeds = await loadFeeds();
      if (feeds.length) await showStats();
      setStatus(`Key accepted. You have ${feeds.length} feed${feeds.length === 1 ? '' : 's'}.`);
    });
  });

  $('preview-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void run(async () => {
      const input = previewInput();
      if (!input.url)
        throw { message: 'Enter the feed URL.', fields: [{ field: 'Feed URL', message: 'is empty' }] };
      setStatus('Fetching and reading the feed…');
      const report = await api('POST', '/api/v1/feeds/preview', input);
      lastPreview = input;
      renderPreview(report);
      setStatus(`Preview ready: ${report.counts.valid} valid postings, ${report.warnings.length} warnings.`);
    });
  });

  $('add-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void run(async () => {
      if (!lastPreview) throw { message: 'Preview the feed before adding it.' };
      const interval = Number($('feed-interval').value);
      const body = { ...lastPreview, name: $('feed-name').value.trim(), intervalMinutes: interval };
      setStatus('Adding the feed…');
      const data = await api('POST', '/api/v1/feeds', body);
      await loadFeeds();
      setStatus(`Added "${data.feed.name}". Its first poll is under way.`);
    });
  });

  $('stats-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void run(showStats);
  });

  $('refresh-feeds').addEventListener('click', () => {
    void run(async () => {
      const feeds = await loadFeeds();
      setStatus(`${feeds.length} feed${feeds.length === 1 ? '' : 's'} listed.`);
    });
  });
});
