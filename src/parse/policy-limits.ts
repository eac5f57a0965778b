import { groupedCount, type InputIssue, type PolicyType } from '../model/index.js';
import { errorAt, warningAt } from './issue-factory.js';
import { quoteToken } from './quote-token.js';
import type { JsonDocument, JsonNode } from './json-tree.js';

interface SizeQuota {
  readonly limit: number;
  /** IAM does not count white space; Organizations counts every character of an SCP. */
  readonly countsWhitespace: boolean;
  readonly description: string;
}

/**
 * IAM: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (managed policy
 * 6,144 characters; inline policies share 2,048 per user, 5,120 per group, 10,240 per role).
 * Session policies: "can't exceed 2,048 characters" (STS AssumeRole, Policy parameter).
 * SCPs: 5,120 characters, https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 * VPC endpoint policies: "cannot exceed 20,480 characters, including white space",
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
const SIZE_QUOTAS: Readonly<Record<PolicyType, SizeQuota>> = {
  identity: {
    limit: 6144,
    countsWhitespace: false,
    description:
      'the 6,144-character quota of a managed policy (inline policies share 2,048 characters per user, 5,120 per group, 10,240 per role)',
  },
  'permissions-boundary': {
    limit: 6144,
    countsWhitespace: false,
    description: 'the 6,144-character quota of a managed policy',
  },
  'session-policy': {
    limit: 2048,
    countsWhitespace: true,
    description: 'the 2,048-character quota of session policies',
  },
  scp: {
    limit: 5120,
    countsWhitespace: true,
    description: 'the 5,120-character quota of an SCP (every character counts)',
  },
  'vpc-endpoint': {
    limit: 20480,
    countsWhitespace: true,
    description: 'the 20,480-character quota of a VPC endpoint policy (white space included)',
  },
};

/**
 * A warning, not an error: the document is still meaningful, AWS would only refuse to store it. `plain` is
 * the node's plain value (toPlainValue), which the caller has already built for the schema check.
 */
export function policySizeIssues(file: string, node: JsonNode, plain: unknown, type: PolicyType): InputIssue[] {
  const quota = SIZE_QUOTAS[type];
  const minified = JSON.stringify(plain);
  const size = quota.countsWhitespace ? minified.length : minified.replace(/\s/g, '').length;
  if (size <= quota.limit) return [];
  const measured = quota.countsWhitespace ? 'characters once minified' : 'characters without white space';
  return [
    warningAt(
      file,
      node,
      'policy-too-large',
      `the policy has ${groupedCount(size)} ${measured}, over ${quota.description}`,
    ),
  ];
}

/**
 * IAM policy documents "can contain only … horizontal tab, linefeed, carriage return, and characters in
 * the range U+0020 to U+00FF" (IAM name requirements, same quotas page; STS says the same of session
 * policies). Organizations documents no such rule for SCPs. A typographic quote pasted from a web page
 * is the usual culprit, so the first one is pointed at exactly.
 */
export function characterIssues(document: JsonDocument, node: JsonNode, type: PolicyType): InputIssue[] {
  // The character rule is IAM's; neither Organizations nor PrivateLink documents one for its policies.
  if (type === 'scp' || type === 'vpc-endpoint') return [];
  const end = node.offset + node.length;
  for (let offset = node.offset; offset < end; offset++) {
    const code = document.text.codePointAt(offset) ?? 0;
    if (code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0xff)) continue;
    const character = String.fromCodePoint(code);
    const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return [
      errorAt(
        document.file,
        { offset, length: character.length, ...document.locate(offset) },
        'unsupported-character',
        `character ${quoteToken(character)} (${codePoint}) is not allowed: IAM policy documents may contain only tab, line feed, carriage return and U+0020 to U+00FF`,
      ),
    ];
  }
  return [];
}
