import { sha256Hex } from '../model/sha256.js';

/** Text for HTML element content or a quoted attribute value: every markup character escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` as \u escapes, so that no
 * string in the data (`</script>`, `<!--`) can end the block; JSON.parse reads them back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The Content-Security-Policy source for an inline `<script>` or `<style>` with exactly this content. */
export function cspHash(content: string): string {
  const hex = sha256Hex(content);
  let binary = '';
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return `'sha256-${btoa(binary)}'`;
}
