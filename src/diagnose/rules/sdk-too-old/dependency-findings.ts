import { lt as pep440Lt } from '@renovatebot/pep440';
import semver from 'semver';
import type { Finding, PackageRequirement, SdkUse, Severity } from '../../../model/index.js';
import { SDK_MINIMUMS, type SdkMinimum } from './sdk-minimums.js';

const NO_POLICY_CHANGE: Finding['fixes'][number]['verification'] = {
  verified: false,
  checksFixed: 0,
  checksOpenedElsewhere: 0,
  detail: 'a change to dependencies, which the tool cannot apply or re-evaluate',
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
  const where = `${requirement.at.file}:${requirement.at.line}`;
  const pinned = requirement.kind !== 'range';
  const severity: Severity = pinned ? 'error' : 'warning';
  const marker = requirement.marker ? ` (when ${requirement.marker})` : '';
  const decided = overridden.length
    ? ` The lock decides over ${overridden.map((manifest) => `${manifest.at.file}:${manifest.at.line} (${manifest.spec})`).join(', ')}.`
    : '';
  if (requirement.lowest === null) {
    return finding(requirement, minimum, 'warning', {
      title: `${requirement.name} version not known from ${requirement.spec}`,
      cause: `${where} names no version the tool can compare (${requirement.spec})${marker}: whether it has the bedrock-runtime service (${minimum.runtime}) and Converse (${minimum.converse}) is not known.`,
    });
  }
  const lowest =
    minimum.firstRelease && !pinned && older(requirement, requirement.lowest, minimum.firstRelease)
      ? minimum.firstRelease
      : requirement.lowest;
  const subject = pinned
    ? `${where} ${requirement.kind === 'lock' ? 'locks' : 'pins'} ${requirement.name} ${lowest}`
    : `${where} allows ${requirement.name} ${requirement.spec}, down to ${lowest}`;
  if (older(requirement, lowest, minimum.runtime)) {
    return finding(requirement, minimum, severity, {
      title: `${versionText(requirement, lowest)} older than the bedrock-runtime service (${minimum.runtime})`,
      cause: `${subject}${marker}; the bedrock-runtime service (InvokeModel) arrived in ${minimum.runtime}, Converse in ${minimum.converse}.${decided}`,
      ...(requirement.ecosystem === 'pypi'
        ? { predictedError: { exception: 'UnknownServiceError', message: "Unknown service: 'bedrock-runtime'" } }
        : {}),
    });
  }
  if (older(requirement, lowest, minimum.converse)) {
    const usage = converseUsed
      ? 'code in the repository calls Converse'
      : 'no code among the files read calls Converse, so only Converse would fail';
    return finding(requirement, minimum, converseUsed ? severity : 'note', {
      title: `${versionText(requirement, lowest)} older than the Converse API (${minimum.converse})`,
      cause: `${subject}${marker}; Converse and ConverseStream arrived in ${minimum.converse} (${usage}).${decided}`,
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

/** `boto3 1.26.0 is` for a pinned version, `boto3 >=1.20 allows versions` for a range. */
function versionText(requirement: PackageRequirement, lowest: string): string {
  return requirement.kind === 'range'
    ? `${requirement.name} ${requirement.spec} allows versions`
    : `${requirement.name} ${lowest} is`;
}

function finding(
  requirement: PackageRequirement,
  minimum: SdkMinimum,
  severity: Severity,
  text: Pick<Finding, 'title' | 'cause' | 'predictedError'>,
): Finding {
  const upgrade =
    requirement.ecosystem === 'pypi'
      ? `Require ${requirement.name}>=${minimum.converse} in ${requirement.at.file} and update the lock, then check ${requirement.name}.__version__ where the code runs (AWS Lambda's bundled boto3 or a layer can shadow it).`
      : `Require "${requirement.name}": "^${minimum.converse}" and update the lock (npm install ${requirement.name}@latest).`;
  return {
    rule: 'sdk-too-old',
    severity,
    ...text,
    locations: [{ file: requirement.at.file, line: requirement.at.line, column: requirement.at.column }],
    checks: [],
    fixes: [
      {
        kind: 'instructions',
        owner: 'developer',
        summary: `Upgrade ${requirement.name} to ${minimum.converse} or later`,
        file: requirement.at.file,
        steps: [upgrade],
        verification: NO_POLICY_CHANGE,
      },
    ],
  };
}
