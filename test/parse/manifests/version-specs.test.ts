import { describe, expect, it } from 'vitest';
import { npmConstraint, pep440Constraint, poetryConstraint } from '../../../src/parse/manifests/version-specs.js';

describe('pep440Constraint', () => {
  it.each([
    ['==1.28.0', { kind: 'exact', lowest: '1.28.0' }],
    ['===1.28.0', { kind: 'exact', lowest: '1.28.0' }],
    ['>=1.20', { kind: 'range', lowest: '1.20' }],
    ['>=1.20,<2', { kind: 'range', lowest: '1.20' }],
    ['~=1.28.0', { kind: 'range', lowest: '1.28.0' }],
    ['==1.26.*', { kind: 'range', lowest: '1.26' }],
    ['>1.28.56', { kind: 'range', lowest: '1.28.57' }],
    ['<1.30', { kind: 'range', lowest: '0' }],
    ['!=1.28.0', { kind: 'range', lowest: '0' }],
    ['', { kind: 'range', lowest: '0' }],
    ['>=2,<1', { kind: 'range', lowest: null }],
    ['not a spec', { kind: 'range', lowest: null }],
  ])('%s', (spec, expected) => {
    expect(pep440Constraint(spec)).toEqual(expected);
  });
});

describe('poetryConstraint', () => {
  it.each([
    ['^1.26', { kind: 'range', lowest: '1.26' }],
    ['~1.26.3', { kind: 'range', lowest: '1.26.3' }],
    ['1.28.0', { kind: 'exact', lowest: '1.28.0' }],
    ['>=1.2 <2.0', { kind: 'range', lowest: '1.2' }],
    ['>=1.34.116,<2', { kind: 'range', lowest: '1.34.116' }],
    ['^1.20 || ^2.0', { kind: 'range', lowest: '1.20' }],
    ['*', { kind: 'range', lowest: '0' }],
    ['~=1.28', { kind: 'range', lowest: '1.28' }],
  ])('%s', (spec, expected) => {
    expect(poetryConstraint(spec)).toEqual(expected);
  });
});

describe('npmConstraint', () => {
  it.each([
    ['3.587.0', { kind: 'exact', lowest: '3.587.0' }],
    ['^3.400.0', { kind: 'range', lowest: '3.400.0' }],
    ['>3.586.0', { kind: 'range', lowest: '3.586.1' }],
    ['*', { kind: 'range', lowest: '0.0.0' }],
    ['latest', { kind: 'range', lowest: null }],
    ['workspace:*', { kind: 'range', lowest: null }],
  ])('%s', (spec, expected) => {
    expect(npmConstraint(spec)).toEqual(expected);
  });
});
