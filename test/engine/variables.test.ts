import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/model/request.js';
import { joinParts, parseTemplate, resolveTemplate } from '../../src/engine/variables.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
describe('policy variables', () => {
  const context = makeContext([
    ['aws:username', ['alice']],
    ['aws:PrincipalTag/team', ['ml']],
    ['aws:multi', ['x', 'y']],
  ]);

  const resolve = (text: string, ctx = context): string | string[] => {
    const result = resolveTemplate(parseTemplate(text), ctx);
    if (result.kind === 'resolved') return joinParts(result.parts);
    return result.kind === 'unknown' ? [...result.keys] : ['unresolvable'];
  };

  it('substitutes keys case-insensitively', () => {
    expect(resolve('user/${aws:UserName}/*')).toBe('user/alice/*');
    expect(resolve('${aws:principaltag/team}-profile')).toBe('ml-profile');
  });

  it('uses the default when the key has no value, with doubled quotes for a quote', () => {
    const absent = makeContext([], { otherKeys: 'absent' });
    expect(resolve("${aws:username, 'nobody'}", absent)).toBe('nobody');
    expect(resolve("${ aws:username , 'it''s' }", absent)).toBe("it's");
  });

  it('cannot substitute an absent key without a default, nor a multi-valued key', () => {
    expect(resolve('${aws:username}', makeContext([], { otherKeys: 'absent' }))).toEqual(['unresolvable']);
    expect(resolve('${aws:multi}')).toEqual(['unresolvable']);
  });

  it('reports unknown keys instead of guessing', () => {
    expect(resolve('${aws:SourceIdentity}')).toEqual(['aws:SourceIdentity']);
  });

  it('turns ${*} ${?} ${$} into literal characters', () => {
    const result = resolveTemplate(parseTemplate('a${*}b${?}${$}'), context);
    expect(result.kind).toBe('resolved');
    if (result.kind !== 'resolved') return;
    expect(joinParts(result.parts)).toBe('a*b?$');
    expect(result.parts.filter((part) => part.literal).map((part) => part.text)).toEqual(['*', '?', '$']);
  });

  it('substitutes only once: a value that looks like a variable stays as it is', () => {
    const ctx = makeContext([['aws:username', ['${aws:username}']]]);
    expect(resolve('${aws:username}', ctx)).toBe('${aws:username}');
  });

  it('leaves text that is not a variable alone', () => {
    expect(resolve('cost-${not a variable}')).toBe('cost-${not a variable}');
    expect(resolve('no variables')).toBe('no variables');
  });
});
