/** The page's only style sheet, inlined and allowed by its hash: no fonts or images to fetch. */
export const MATRIX_PAGE_STYLE = `
:root { color-scheme: light; --ok: #1a7f37; --ok-bg: #dafbe1; --no: #b42318; --no-bg: #fde2e1; --maybe: #8a5a00;
  --maybe-bg: #fff4d6; --line: #d0d7de; --muted: #57606a; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328;
  background: #f6f8fa; }
header, #filters, main, .notes, footer { padding: 0 24px; }
header { padding-top: 16px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 4px; overflow-wrap: anywhere; }
h3 { font-size: 14px; margin: 16px 0 6px; }
.summary { margin: 0 0 4px; font-size: 15px; }
.meta, .arn, footer, .hint, #shown, .type { color: var(--muted); }
.meta { margin: 0 0 12px; }
.arn { font-size: 12px; overflow-wrap: anywhere; margin: 0; }
#filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; padding-top: 12px; padding-bottom: 12px;
  background: #fff; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
#filters label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; font-weight: 600; color: var(--muted); }
#filters input, #filters select { font: inherit; color: inherit; padding: 4px 6px; border: 1px solid var(--line);
  border-radius: 6px; background: #fff; min-width: 160px; }
main { display: grid; grid-template-columns: minmax(0, max-content) minmax(360px, 1fr); gap: 24px; padding-top: 16px;
  align-items: start; }
@media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); } }
.table-wrap { overflow: auto; max-height: calc(100vh - 40px); background: #fff; border: 1px solid var(--line);
  border-radius: 8px; }
#pager { display: flex; gap: 8px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--line);
  font-size: 12px; color: var(--muted); }
#pager button { font: inherit; padding: 2px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff;
  cursor: pointer; }
#pager button:disabled { opacity: 0.4; cursor: default; }
#matrix { border-collapse: collapse; }
#matrix th, #matrix td { border-bottom: 1px solid var(--line); padding: 4px 8px; }
#matrix thead th { position: sticky; top: 0; background: #fff; z-index: 1; vertical-align: bottom; text-align: left; }
#matrix thead th.model { padding: 8px 4px; }
#matrix thead th.model span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  font-weight: 600; font-size: 12px; max-height: 240px; overflow: hidden; text-overflow: ellipsis; }
#matrix tbody th { text-align: left; font-weight: 400; min-width: 180px; max-width: 360px; }
#matrix tbody th .name { font-weight: 600; overflow-wrap: anywhere; }
#matrix td { text-align: center; }
#matrix td button { width: 32px; height: 28px; border-radius: 6px; border: 1px solid transparent; cursor: pointer;
  font: 700 16px/1 system-ui, sans-serif; }
#matrix td button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
#matrix td button[aria-pressed="true"] { outline: 2px solid #1f2328; outline-offset: 1px; }
.v-allowed { color: var(--ok); background: var(--ok-bg); }
.v-denied { color: var(--no); background: var(--no-bg); }
.v-conditional, .v-incomplete { color: var(--maybe); background: var(--maybe-bg); }
.v-incomplete { border-style: dashed !important; border-color: var(--maybe) !important; }
td.faded button { opacity: 0.25; }
.type { font-size: 12px; }
.legend { color: var(--muted); margin: 8px; font-size: 12px; }
.legend span { display: inline-block; margin-right: 12px; }
#detail { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; min-width: 0;
  position: sticky; top: 16px; max-height: calc(100vh - 32px); overflow: auto; }
.verdict { font-size: 15px; margin: 8px 0; }
.status { display: inline-block; font-weight: 700; font-size: 12px; padding: 2px 8px; border-radius: 12px; }
.s-allowed { color: var(--ok); background: var(--ok-bg); }
.s-denied, .s-fails { color: var(--no); background: var(--no-bg); }
.s-conditional, .s-incomplete { color: var(--maybe); background: var(--maybe-bg); }
.statements { border-collapse: collapse; width: 100%; font-size: 13px; }
.statements th, .statements td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
.statements th, .statements .deny, .statements .allow, .statements .num { white-space: nowrap; overflow-wrap: normal; }
.statements .deny { color: var(--no); font-weight: 600; }
.statements .allow { color: var(--ok); font-weight: 600; }
.mono, pre { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
.num { text-align: right; }
.block { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
.block .title { font-weight: 600; overflow-wrap: anywhere; }
.block.check .title { font-weight: 400; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 12px; }
.block.check.ok { border-left: 4px solid var(--ok); }
.block.check.no { border-left: 4px solid var(--no); }
.block.check.maybe { border-left: 4px solid var(--maybe); }
.block.error { border-color: #f5a7a2; background: #fff8f7; }
.block .label { font-size: 12px; font-weight: 700; color: var(--no); text-transform: uppercase; letter-spacing: .04em; }
pre { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.message { background: #fff; border: 1px solid #f5a7a2; border-radius: 4px; padding: 6px 8px; }
.notes h2 { font-size: 15px; margin: 24px 0 4px; }
.notes ul { margin: 0; padding-left: 20px; }
footer { font-size: 12px; padding-top: 16px; padding-bottom: 24px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
[hidden] { display: none !important; }
`;
