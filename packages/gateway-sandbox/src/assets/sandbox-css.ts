/** Stylesheet of every hosted sandbox page, served from `{mount}/assets/sandbox.css`. */
export const sandboxCss = `:root {
  color-scheme: light;
  --ink: #1b1f24;
  --muted: #4b5563;
  --line: #d0d7de;
  --accent: #0b5cad;
  --danger: #a4161a;
  --banner: #fff4ce;
  --banner-ink: #5c4400;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans Thai", sans-serif;
  line-height: 1.5;
  color: var(--ink);
  background: #f5f7fa;
}
* { box-sizing: border-box; }
body { margin: 0; }
.sandbox-banner {
  margin: 0;
  padding: 0.75rem 1rem;
  background: var(--banner);
  color: var(--banner-ink);
  border-bottom: 2px solid #e0c35c;
  font-weight: 600;
  text-align: center;
}
main {
  max-width: 32rem;
  margin: 2rem auto;
  padding: 1.5rem;
  background: #fff;
  border: 1px solid var(--line);
  border-radius: 0.75rem;
}
h1 { font-size: 1.375rem; margin: 0 0 1rem; }
.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1.5rem; }
.summary dt { color: var(--muted); }
.summary dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.amount { font-size: 1.5rem; }
fieldset { border: 1px solid var(--line); border-radius: 0.5rem; margin: 0 0 1.5rem; padding: 0.75rem 1rem; }
legend { padding: 0 0.25rem; font-weight: 600; }
.channel { display: flex; align-items: center; gap: 0.5rem; padding: 0.25rem 0; }
.channel input { width: 1.125rem; height: 1.125rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
button, .button {
  font: inherit;
  font-weight: 600;
  padding: 0.625rem 1.25rem;
  border-radius: 0.5rem;
  border: 1px solid var(--line);
  background: #fff;
  color: var(--ink);
  cursor: pointer;
  text-decoration: none;
  display: inline-block;
}
button.primary, .button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { color: var(--danger); border-color: var(--danger); }
button:hover, .button:hover { filter: brightness(0.95); }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.hint { color: var(--muted); font-size: 0.875rem; margin: 1.25rem 0 0; }
label { display: block; font-weight: 600; margin: 0 0 0.25rem; }
input[type="text"] { font: inherit; width: 100%; padding: 0.5rem; border: 1px solid var(--line); border-radius: 0.5rem; margin: 0 0 0.75rem; }
table { width: 100%; border-collapse: collapse; margin: 1.5rem 0 0; }
caption { text-align: left; font-weight: 600; margin: 0 0 0.5rem; }
th, td { text-align: left; padding: 0.375rem 0.5rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
td.amount { font-size: 1rem; font-weight: 600; }
[role="alert"] { color: var(--danger); font-weight: 600; }
@media (prefers-reduced-motion: no-preference) { button { transition: filter 0.1s; } }
`;
