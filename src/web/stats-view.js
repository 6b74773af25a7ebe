/* global document, window */
// Draws a stats answer of the API (GET /api/v1/placements/:id/stats or /api/v1/feeds/:id/stats): a chart of
// impressions and clicks per day as inline SVG, and the tables behind it. Shared by the publisher and recruiter
// pages. Every value goes in as text or as an SVG attribute, never as HTML (the pages enforce Trusted Types).
// Loaded after account-page.js, whose el and clear it uses.
'use strict';

(function () {
  const { el, clear } = window.JobfeedPage;
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 640;
  const HEIGHT = 220;
  const PLOT = { left: 56, right: 584, top: 24, bottom: 184 };

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  const number = (value) => Number(value).toLocaleString('en');
  const ctr = (value) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

  /** A table with a caption and column headers; each cell gets its column's name for the narrow layout. */
  function table(id, caption, columns, rows) {
    const node = el('table');
    node.id = id;
    node.appendChild(el('caption', caption));
    const head = node.createTHead().insertRow();
    for (const column of columns) {
      const th = el('th', column);
      th.scope = 'col';
      head.appendChild(th);
    }
    const body = node.createTBody();
    for (const cells of rows) {
      const row = body.insertRow();
      cells.forEach((value, i) => {
        const cell = el('td', value);
        cell.dataset.label = columns[i];
        row.appendChild(cell);
      });
    }
    return node;
  }

  const countCells = (counts) => [number(counts.impressions), number(counts.clicks), ctr(counts.ctr)];

  /** Bars for impressions on the left scale, a line for clicks on the right one: clicks are far fewer. */
  function chart(stats, describedBy) {
    const days = stats.days;
    const most = (key) => Math.max(...days.map((day) => day[key]));
    // A scale of at least 1, so a range without events draws flat at zero.
    const maxImpressions = Math.max(1, most('impressions'));
    const maxClicks = Math.max(1, most('clicks'));
    const step = (PLOT.right - PLOT.left) / days.length;
    const y = (value, max) => PLOT.bottom - (value / max) * (PLOT.bottom - PLOT.top);
    const root = svg('svg', {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      class: 'chart',
      role: 'img',
      'aria-describedby': describedBy,
    });
    root.appendChild(
      svg(
        'title',
        {},
        `Impressions and clicks per day from ${stats.from} to ${stats.to}: ${number(stats.totals.impressions)} ` +
          `impressions and ${number(stats.totals.clicks)} clicks in all.`,
      ),
    );
    root.appendChild(
      svg('line', { x1: PLOT.left, x2: PLOT.right, y1: PLOT.bottom, y2: PLOT.bottom, class: 'axis' }),
    );
    root.appendChild(
      svg('text', { x: PLOT.left - 6, y: PLOT.top + 4, 'text-anchor': 'end' }, number(most('impressions'))),
    );
    root.appendChild(svg('text', { x: PLOT.left - 6, y: PLOT.bottom, 'text-anchor': 'end' }, '0'));
    root.appendChild(svg('text', { x: PLOT.right + 6, y: PLOT.top + 4 }, number(most('clicks'))));
    root.appendChild(svg('text', { x: PLOT.right + 6, y: PLOT.bottom }, '0'));
    root.appendChild(svg('text', { x: PLOT.left, y: HEIGHT - 12 }, days[0].day));
    root.appendChild(
      svg('text', { x: PLOT.right, y: HEIGHT - 12, 'text-anchor': 'end' }, days[days.length - 1].day),
    );
    const points = [];
    days.forEach((day, i) => {
      const top = y(day.impressions, maxImpressions);
      const bar = svg('rect', {
        x: PLOT.left + i * step + step * 0.1,
        y: top,
        width: step * 0.8,
        height: PLOT.bottom - top,
        class: 'bar',
        'data-day': day.day,
        'data-impressions': day.impressions,
      });
      root.appendChild(bar);
      points.push([PLOT.left + (i + 0.5) * step, y(day.clicks, maxClicks), day]);
    });
    root.appendChild(
      svg('polyline', { points: points.map(([x, top]) => `${x},${top}`).join(' '), class: 'clicks-line' }),
    );
    for (const [x, top, day] of points)
      root.appendChild(
        svg('circle', { cx: x, cy: top, r: 3, class: 'clicks-dot', 'data-clicks': day.clicks }),
      );
    return root;
  }

  function legend() {
    const list = el('ul', null, 'legend');
    const impressions = el('li');
    impressions.appendChild(el('span', null, 'swatch bar-swatch'));
    impressions.appendChild(document.createTextNode('Impressions: bars, scale on the left'));
    const clicks = el('li');
    clicks.appendChild(el('span', null, 'swatch clicks-swatch'));
    clicks.appendChild(document.createTextNode('Clicks: line, scale on the right'));
    list.append(impressions, clicks);
    return list;
  }

  const postingRows = (postings) =>
    postings.map((posting) => [
      posting.title ?? 'Deleted posting',
      posting.company ?? '—',
      ...countCells(posting),
    ]);

  /**
   * Replaces the container's content with the stats: `id` prefixes the tables' ids. Feed stats (with `placements`)
   * list every posting and placement; placement stats their top postings.
   */
  function render(container, stats, id) {
    clear(container);
    const { totals } = stats;
    container.appendChild(
      el(
        'p',
        `From ${stats.from} to ${stats.to}: ${number(totals.impressions)} impressions, ${number(totals.clicks)} ` +
          `clicks, CTR ${ctr(totals.ctr)}.`,
        'stats-summary',
      ),
    );
    const figure = el('figure', null, 'chart-figure');
    figure.appendChild(chart(stats, `${id}-days`));
    figure.appendChild(legend());
    container.appendChild(figure);
    container.appendChild(
      table(
        `${id}-days`,
        'Per day (the numbers the chart draws)',
        ['Day', 'Impressions', 'Clicks', 'CTR'],
        stats.days.map((day) => [day.day, ...countCells(day)]),
      ),
    );
    container.appendChild(
      table(
        `${id}-rankings`,
        'CTR by ranking',
        ['Ranked', 'Impressions', 'Clicks', 'CTR'],
        [
          ['By context (the page’s keywords)', ...countCells(stats.byRanking.context)],
          ['By recency (newest first)', ...countCells(stats.byRanking.recency)],
        ],
      ),
    );
    const postings = stats.topPostings ?? stats.postings;
    const postingsCaption = stats.topPostings ? 'Top postings' : 'Per posting';
    if (postings.length)
      container.appendChild(
        table(
          `${id}-postings`,
          postingsCaption,
          ['Posting', 'Company', 'Impressions', 'Clicks', 'CTR'],
          postingRows(postings),
        ),
      );
    else container.appendChild(el('p', `${postingsCaption}: no impressions or clicks in this range.`));
    if (stats.placements && stats.placements.length)
      container.appendChild(
        table(
          `${id}-placements`,
          'Per placement',
          ['Placement', 'Impressions', 'Clicks', 'CTR'],
          stats.placements.map((placement) => [placement.name, ...countCells(placement)]),
        ),
      );
  }

  /** The last 30 UTC days through today, as the API's default: [from, to]. */
  function defaultRange(now) {
    const to = now.toISOString().slice(0, 10);
    const from = new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
    return [from, to];
  }

  window.JobfeedStats = { render, defaultRange };
})();
