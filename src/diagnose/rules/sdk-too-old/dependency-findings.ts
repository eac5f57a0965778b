import { lt as pep440Lt } from '@renovatebot/pep440';
import semver from 'semver';
import {
  type Finding,
  type FindingCode,
  type Message,
  message,
  type PackageRequirement,
  type SdkUse,
  type Severity,
} from '../../../model/index.js';
import { SDK_MINIMUMS, type SdkMinimum } from './sdk-minimums.js';

const NO_POLICY_CHANGE: Finding['fixes'][number]['verification'] = {
  verified: false,
  checksFixed: 0,
  checksOpenedElsewhere: 0,
  detail: message('dependency-change'),
};

/**
 * `sdk-too-old` findings for the SDK versions a repository's manifests and locks allow. A lock beats the
 * manifests of its folder and of the folders under it for the same package: it says what is installed. A
 * lock (or an exact pin) with a version too old is an error; a range whose lowest version is too old is a
 * warning, as the installed version depends on what else is installed. Converse is needed only by code that
 * calls it: when no code in the files does, its finding is a note.
 */
export function dependencyFindings(requirements: readonly PackageRequirement[], uses: readonly SdkUse[]): Finding[] {
  const watched = requirements.filter((requirement) => minimumOf(requirement));
  const locks = watched.filter((requirement) => requirement.kind === 'lock');
  const findings: Finding[] = [];
  for (const requirement of watched) {
    const minimum = minimumOf(requirement)!;
    if (requirement.kind !== 'lock') {
      const lock = decidingLock(requirement, locks);
      if (lock) continue;
    }
    const overridden = requirement.kind === 'lock' ? overriddenManifests(requirement, watched) : [];
    const finding = findingFor(requirement, minimum, usesConverse(uses, requirement.ecosystem), overridden);
    if (finding) findings.push(finding);
  }
  return findings;
}

function minimumOf(requirement: PackageRequirement): SdkMinimum | undefined {
  return SDK_MINIMUMS.find(
    (minimum) => minimum.ecosystem === requirement.ecosystem && minimum.name === requirement.name,
  );
}

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
const isUnder = (file: string, folder: string) => folder === '' || file.startsWith(`${folder}/`);

/** The lock that decides a manifest's requirement: the nearest one at or above its folder naming the package. */
function decidingLock(
  requirement: PackageRequirement,
  locks: readonly PackageRequirement[],
): PackageRequirement | undefined {
  return locks
    .filter((lock) => lock.name === requirement.name && isUnder(requirement.at.file, folderOf(lock.at.file)))
    .sort((a, b) => folderOf(b.at.file).length - folderOf(a.at.file).length)[0];
}

function overriddenManifests(lock: PackageRequirement, watched: readonly PackageRequirement[]): PackageRequirement[] {
  return watched.filter(
    (requirement) =>
      requirement.kind !== 'lock' && requirement.name === lock.name && decidingLock(requirement, [lock]) !== undefined,
  );
}

function usesConverse(uses: readonly SdkUse[], ecosystem: PackageRequirement['ecosystem']): boolean {
  const language = ecosystem === 'pypi' ? 'python' : 'javascript';
  return uses.some(
    (use) =>
      use.language === language &&
      use.operations.some((operation) => operation === 'Converse' || operation === 'ConverseStream'),
  );
}

function older(requirement: PackageRequirement, version: string, than: string): boolean {
  return requirement.ecosystem === 'pypi' ? pep440Lt(version, than) : semver.lt(version, than);
}

function findingFor(
  requirement: PackageRequirement,
  minimum: SdkMinimum,
  converseUsed: boolean,
  overridden: readonly PackageRequirement[],
): Finding | undefined {
  const pinned = requirement.kind !== 'range';
  const severity: Severity = pinned ? 'error' : 'warning';
  const params = {
    at: `${requirement.at.file}:${requirement.at.line}`,
    name: requirement.name,
    spec: requirement.spec,
    marker: requirement.marker ?? null,
    runtime: minimum.runtime,
    converse: minimum.converse,
  };
  if (requirement.lowest === null)
    return finding(requirement, minimum, 'warning', { message: message('sdk-version-unknown', params) });
  const lowest =
    minimum.firstRelease && !pinned && older(requirement, requirement.lowest, minimum.firstRelease)
      ? minimum.firstRelease
      : requirement.lowest;
  const version = {
    ...params,
    kind: requirement.kind,
    lowest,
    overridden: overridden.map((manifest) => `${manifest.at.file}:${manifest.at.line}`),
    overriddenSpecs: overridden.map((manifest) => manifest.spec),
  };
  if (older(requirement, lowest, minimum.runtime)) {
    return finding(requirement, minimum, severity, {
      message: message('sdk-older-than-runtime', version),
      ...(requirement.ecosystem === 'pypi'
        ? { predictedError: { exception: 'UnknownServiceError', message: "Unknown service: 'bedrock-runtime'" } }
        : {}),
    });
  }
  if (older(requirement, lowest, minimum.converse)) {
    return finding(requirement, minimum, converseUsed ? severity : 'note', {
      message: message('sdk-older-than-converse', { ...version, converseUsed }),
      ...(requirement.ecosystem === 'pypi'
        ? {
            predictedError: {
              exception: 'AttributeError',
              message: "'BedrockRuntime' object has no attribute 'converse'",
            },
          }
        : {}),
    });
  }
  return undefined;
}

function finding(
  requirement: PackageRequirement,
  minimum: SdkMinimum,
  severity: Severity,
  said: { readonly message: Message<FindingCode> } & Pick<Finding, 'predictedError'>,
): Finding {
  return {
    rule: 'sdk-too-old',
    severity,
    ...said,
    locations: [{ file: requirement.at.file, line: requirement.at.line, column: requirement.at.column }],
    checks: [],
    fixes: [
      {
        kind: 'instructions',
        owner: 'developer',
        message: message('upgrade-sdk', {
          name: requirement.name,
          converse: minimum.converse,
          file: requirement.at.file,
          ecosystem: requirement.ecosystem,
        }),
        file: requirement.at.file,
        verification: NO_POLICY_CHANGE,
      },
    ],
  };
}
