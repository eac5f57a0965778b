export type SubPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string; readonly source: string };

/**
 * The text and `${Name}` variables of an Fn::Sub string; `${!Literal}` is the text `${Literal}`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html
 */
export function subParts(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let index = 0;
  while (index < template.length) {
    const start = template.indexOf('${', index);
    const end = start < 0 ? -1 : template.indexOf('}', start + 2);
    if (start < 0 || end < 0) {
      text += template.slice(index);
      break;
    }
    text += template.slice(index, start);
    const inner = template.slice(start + 2, end);
    if (inner.startsWith('!')) {
      text += `\${${inner.slice(1)}}`;
    } else {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'variable', name: inner.trim(), source: template.slice(start, end + 1) });
    }
    index = end + 1;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return parts;
}
