import type { FindingCode, FixCode, IacFindingCode, Message } from '../../model/index.js';
import { FINDING_WORDS } from './finding-words.js';
import { FIX_WORDS } from './fix-words.js';
import { IAC_FINDING_WORDS } from './iac-finding-words.js';

type Entries = Readonly<Record<string, unknown>>;

/**
 * A finding, matrix cause or fix whose `message` is one of report/words/'s codes, in words: the title and
 * cause (a fix's summary and steps) where the JSON of schema v1 has them, the message beside them as `code`
 * and `params`, every other entry rendered with `render`. Undefined for any other value.
 */
export function wordedFindingOrFix(value: Entries, render: (entry: unknown) => unknown): Entries | undefined {
  const message = value.message;
  if (!isMessage(message)) return undefined;
  if (Object.hasOwn(FINDING_WORDS, message.code)) return wordedFinding(value, message as Message<FindingCode>, render);
  if (Object.hasOwn(FIX_WORDS, message.code)) return wordedFix(value, message as Message<FixCode>, render);
  if (Object.hasOwn(IAC_FINDING_WORDS, message.code))
    return wordedIacFinding(value, message as Message<IacFindingCode>, render);
  return undefined;
}

// An IaC finding keeps its words where schema v1 has them, `message`, with the message as data right after it;
// the params are rendered too, as they may carry hints (what a verdict depends on, a quoted finding's title).
function wordedIacFinding(
  value: Entries,
  message: Message<IacFindingCode>,
  render: (entry: unknown) => unknown,
): Entries {
  const worded: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key !== 'message') {
      worded[key] = render(entry);
      continue;
    }
    worded.message = render(IAC_FINDING_WORDS[message.code](message.params));
    worded.code = message.code;
    worded.params = render(message.params);
  }
  return worded;
}

// A finding puts its cause after the predicted error, before its locations; a matrix cause right after its Region.
function wordedFinding(value: Entries, message: Message<FindingCode>, render: (entry: unknown) => unknown): Entries {
  const words = FINDING_WORDS[message.code](message.params);
  const cause = { cause: render(words.cause), code: message.code, params: message.params };
  const isFinding = Object.hasOwn(value, 'locations');
  const worded: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'message') continue;
    if (isFinding && key === 'locations') Object.assign(worded, cause);
    worded[key] = render(entry);
    if (key === 'severity') worded.title = render(words.title);
    if (!isFinding && key === 'region') Object.assign(worded, cause);
  }
  return worded;
}

// A fix's summary follows its owner; its steps come right before its verification.
function wordedFix(value: Entries, message: Message<FixCode>, render: (entry: unknown) => unknown): Entries {
  const words = FIX_WORDS[message.code](message.params);
  const worded: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'message') continue;
    if (key === 'verification' && words.steps) worded.steps = render(words.steps);
    worded[key] = render(entry);
    if (key === 'owner')
      Object.assign(worded, { summary: render(words.summary), code: message.code, params: message.params });
  }
  return worded;
}

function isMessage(value: unknown): value is Message {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Message).code === 'string' &&
    typeof (value as Message).params === 'object'
  );
}
