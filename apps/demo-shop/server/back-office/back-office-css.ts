/** Served from /admin/assets/admin.css: an external stylesheet keeps the strict CSP (no inline styles). */
export const backOfficeCss = `
:root { color-scheme: light; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d1b26; background: #f4f3f0; }
body { margin: 0; }
header { display: flex; gap: 1.5rem; align-items: center; padding: 0.75rem 1.5rem; background: #1d1b26; color: #fff; }
header a { color: #fff; }
header strong { margin-right: auto; }
main { max-width: 64rem; margin: 0 auto; padding: 1.5rem; }
table { width: 100%; border-collapse: collapse; background: #fff; margin: 1rem 0; }
th, td { text-align: left; padding: 0.5rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
form { background: #fff; padding: 1rem; border: 1px solid #ddd; border-radius: 0.5rem; display: grid; gap: 0.75rem; max-width: 28rem; }
label { display: grid; gap: 0.25rem; font-weight: 600; }
input, select, button { font: inherit; padding: 0.45rem 0.6rem; }
button { background: #6b2d6b; color: #fff; border: 0; border-radius: 0.4rem; cursor: pointer; }
:focus-visible { outline: 3px solid #6b2d6b; outline-offset: 2px; }
.notice { padding: 0.75rem 1rem; border-radius: 0.5rem; background: #e6f4ea; border: 1px solid #2e7d32; }
.problem { padding: 0.75rem 1rem; border-radius: 0.5rem; background: #fdecea; border: 1px solid #b3261e; }
.status { font-weight: 600; }
code { font-size: 0.85em; word-break: break-all; }
.hint { color: #57536a; font-weight: 400; font-size: 0.9em; }
`;
