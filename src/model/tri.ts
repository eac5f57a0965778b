/** Three-valued truth: a test on a context key whose value the engine does not know is 'unknown'. */
export type Tri = true | false | 'unknown';

export function triAnd(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

export function triOr(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return false;
}

export function triNot(a: Tri): Tri {
  return a === 'unknown' ? 'unknown' : !a;
}
