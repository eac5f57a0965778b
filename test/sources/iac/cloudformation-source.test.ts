import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCdkAssembly, loadCloudFormationTemplates } from '../../../src/sources/iac/cloudformation-source.js';
import { InputError } from '../../../src/sources/input-error.js';

const ROOT = fileURLToPath(new URL('../../fixtures/iac/cloudformation/', import.meta.url));

describe('CloudFormation sources', () => {
  it('reads templates by repository-relative path, and policies name that path', () => {
    const fragment = loadCloudFormationTemplates(ROOT, ['json-nested/template.json'], {});
    expect(fragment.users.map((user) => user.declaredAt.file)).toEqual(['json-nested/template.json']);
    expect(fragment.users[0]?.policies[0]?.file).toBe('json-nested/template.json');
  });

  it('reads a cdk.out directory through its manifest', () => {
    const fragment = loadCdkAssembly(ROOT, 'cdk-app/cdk.out', {});
    expect(fragment.format).toBe('cdk');
    expect(fragment.issues).toEqual([]);
    expect(fragment.roles.map((role) => [role.address, role.declaredAt.file])).toEqual([
      ['InferenceStack/InvokerRole', 'cdk-app/cdk.out/InferenceStack.template.json'],
    ]);
  });

  it('a missing file is one InputError naming it', () => {
    expect(() => loadCloudFormationTemplates(ROOT, ['missing.yaml'], {})).toThrow(InputError);
    expect(() => loadCloudFormationTemplates(ROOT, ['missing.yaml'], {})).toThrow(/missing\.yaml: no such file$/);
  });
});
