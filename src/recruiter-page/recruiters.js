/* global document, URL, URLSearchParams, window */
// The recruiter page's script, on the helpers of account-page.js and the stats view of stats-view.js.
'use strict';

const { $, el, clear, setStatus, accountPage } = window.JobfeedPage;
const { api, run, start } = accountPage({
  storageKey: 'jobfeed.apiKey',
  // The page's input for each request field the API may name in an error.
  inputs: {
    url: 'feed-url',
    format: 'feed-format',
    company: 'feed-company',
    name: 'feed-name',
    intervalMinutes: 'feed-interval',
    from: 'stats-from',
    to: 'stats-to',
  },
});
let lastPreview = null;

/** Each cell gets its column's name, which narrow screens show beside the value (the table stacks there). */
function labelCells(row) {
  const header = row.closest('table').tHead.rows[0];
  Array.from(row.cells).forEach((cell, i) => {
    cell.dataset.label = header.cells[i].textContent.trim();
  });
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

document.addEventListener('DOMContentLoaded', () => {
  start({ loadItems: loadFeeds, noun: 'feed', showStats });

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

  $('refresh-feeds').addEventListener('click', () => {
    void run(async () => {
      const feeds = await loadFeeds();
      setStatus(`${feeds.length} feed${feeds.length === 1 ? '' : 's'} listed.`);
    });
  });
});
