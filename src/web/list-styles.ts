/**
 * The look of a job list on another site, shared by the widget (inside its shadow root) and the embed page. Every
 * line has a fixed height and the snippet is clamped to two lines, so a list of `limit` postings is exactly
 * `listHeight(limit)` pixels tall whatever the texts, the width or the font: the host page can reserve it.
 */
const ITEM_HEIGHT = 92;
/** Border, padding and the heading's line with its margin. */
const CHROME_HEIGHT = 54;

export function listHeight(limit: number): number {
  return CHROME_HEIGHT + ITEM_HEIGHT * limit;
}

const DARK =
  '--_bg:var(--jobfeed-bg,#17181a);--_fg:var(--jobfeed-fg,#ececec);--_muted:var(--jobfeed-muted,#a8a8a8);--_link:var(--jobfeed-link,#8ab4f8);--_line:var(--jobfeed-border,#33363a)';

/** Custom properties set on the host page's container (`--jobfeed-bg`, …) reach inside; its other CSS cannot. */
export const LIST_STYLES = `
:host{display:block;contain:content}
section{--_bg:var(--jobfeed-bg,#fff);--_fg:var(--jobfeed-fg,#1b1b1b);--_muted:var(--jobfeed-muted,#5c5c5c);--_link:var(--jobfeed-link,#0b57d0);--_line:var(--jobfeed-border,#e2e2e2);font:var(--jobfeed-font,14px system-ui,sans-serif);color:var(--_fg);background:var(--_bg);border:1px solid var(--_line);border-radius:var(--jobfeed-radius,8px);padding:12px 14px;box-sizing:border-box;min-height:inherit}
[data-theme=dark]{${DARK}}
@media (prefers-color-scheme:dark){[data-theme=auto]{${DARK}}}
h1,h2{font-size:15px;line-height:22px;height:22px;margin:0 0 6px}
h1,h2,a,.m{overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
ul{list-style:none;margin:0;padding:0}
li{box-sizing:border-box;height:${ITEM_HEIGHT}px;padding:8px 0;border-top:1px solid var(--_line)}
a{display:block;line-height:20px;color:var(--_link);font-weight:600;text-decoration:none}
a:hover,a:focus-visible{text-decoration:underline}
a:focus-visible{outline:2px solid var(--_link);outline-offset:1px}
.m,p{line-height:18px;color:var(--_muted)}
p{margin:0;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;overflow-wrap:anywhere}
.s{display:block;margin:10px 0}
.v{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
