/** The widget's stylesheet, inside its shadow root: the host page's CSS cannot reach it, custom properties can. */
export const STYLES = `
:host{--_bg:var(--jobfeed-bg,#fff);--_fg:var(--jobfeed-fg,#1b1b1b);--_muted:var(--jobfeed-muted,#5c5c5c);--_link:var(--jobfeed-link,#0b57d0);--_line:var(--jobfeed-border,#e2e2e2);display:block;contain:content;font:var(--jobfeed-font,14px/1.4 system-ui,sans-serif);color:var(--_fg)}
:host([data-theme=dark]){--_bg:var(--jobfeed-bg,#17181a);--_fg:var(--jobfeed-fg,#ececec);--_muted:var(--jobfeed-muted,#a8a8a8);--_link:var(--jobfeed-link,#8ab4f8);--_line:var(--jobfeed-border,#33363a)}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){--_bg:var(--jobfeed-bg,#17181a);--_fg:var(--jobfeed-fg,#ececec);--_muted:var(--jobfeed-muted,#a8a8a8);--_link:var(--jobfeed-link,#8ab4f8);--_line:var(--jobfeed-border,#33363a)}}
section{background:var(--_bg);border:1px solid var(--_line);border-radius:var(--jobfeed-radius,8px);padding:12px 14px;box-sizing:border-box;min-height:inherit}
h2{font-size:1.05em;margin:0 0 6px}
ul{list-style:none;margin:0;padding:0}
li{padding:8px 0;border-top:1px solid var(--_line)}
li:first-child{border-top:0}
a{color:var(--_link);font-weight:600;text-decoration:none}
a:hover,a:focus-visible{text-decoration:underline}
p{margin:2px 0;color:var(--_muted);overflow-wrap:anywhere}
.m{font-size:.9em;color:var(--_muted)}
.s{margin:10px 0;color:var(--_muted)}
.v{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
