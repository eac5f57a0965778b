import { cliHint, type DependsOnCode } from '../../model/index.js';
import { list, type Words } from './words.js';

/** What a guess is about, and how the CLI's user settles it. */
const GUESSES: Readonly<Record<'caller-account', { readonly subject: string; readonly advice: string }>> = {
  'caller-account': { subject: "the caller's account", advice: cliHint('principal-option') },
};

/** The CLI's words for what a possible denial depends on besides request context. */
export const DEPENDS_ON_WORDS: Words<DependsOnCode> = {
  'caller-account': () => `depending on ${GUESSES['caller-account'].subject} (${GUESSES['caller-account'].advice})`,
  'account-guess': () => 'the account the repository deploys to (account in .policy-check.yml)',
  'scps-placement': (p) => `whether these SCPs apply: ${list(p.scps).join('; ')}`,
};

/** The guess a message's `on` parameter names. */
export function guessOf(code: unknown): { readonly subject: string; readonly advice: string } {
  const guess = GUESSES[code as keyof typeof GUESSES];
  if (!guess) throw new Error(`no words for the guess ${String(code)}`);
  return guess;
}
