import { editDistance, typoBudget } from '../model/index.js';
import type { IndexedCatalog } from './catalog.js';

const MAX_SUGGESTIONS = 3;

// The date and version a model id ends with: "-20250929-v1:0", "-v1:0", "-v2".
const VERSION_SUFFIX = /(-\d{8})?(-v\d+(:\d+)?)?$/;

/**
 * Catalog ids the user most likely meant by an id the catalog does not know: model and profile ids a few
 * typos away, ids the text is the start of ("anthropic.claude-sonnet-4-5" → the dated id), and models
 * whose name the text spells ("claude sonnet 4.5"). Nearest first, at most three.
 */
export function suggestCatalogIds(catalog: IndexedCatalog, text: string): string[] {
  const input = text.trim().toLowerCase();
  const words = nameWords(input);
  const budget = typoBudget(input);
  const wordBudget = typoBudget(words);
  const scores = new Map<string, number>();
  const score = (id: string, distance: number) => {
    if (distance < (scores.get(id) ?? Number.POSITIVE_INFINITY)) scores.set(id, distance);
  };
  const byId = (id: string) => {
    const lower = id.toLowerCase();
    if (lower === input) return;
    // The start of an id (its date or version suffix left out) ranks between an exact spelling and one typo.
    if (input.length >= 8 && lower.startsWith(input)) score(id, 0.5);
    const distance = editDistance(input, lower, budget);
    if (distance <= budget) score(id, distance);
    // A misspelt id without its suffix ("anthropic.claude-sonet-4-5") is compared with the id's stem.
    const stem = lower.replace(VERSION_SUFFIX, '');
    if (stem !== lower) {
      const fromStem = editDistance(input, stem, budget);
      if (fromStem <= budget) score(id, fromStem + 0.5);
    }
  };
  for (const model of catalog.models) {
    byId(model.modelId);
    const distance = editDistance(words, nameWords(model.name.toLowerCase()), wordBudget);
    if (words.length >= 4 && distance <= wordBudget) score(model.modelId, distance);
  }
  for (const profile of catalog.profiles) byId(profile.id);
  return [...scores]
    .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_SUGGESTIONS)
    .map(([id]) => id);
}

/** "Claude Sonnet 4.5", "claude-sonnet-4.5" and "claude sonnet 4 5" read alike. */
function nameWords(text: string): string {
  return text.replace(/[^a-z0-9]+/g, ' ').trim();
}
