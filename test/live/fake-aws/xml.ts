// AWS query-protocol XML: lists as <member> elements, scalars as text.
export function xmlOf(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => `<member>${xmlOf(item)}</member>`).join('');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `<${key}>${xmlOf(inner)}</${key}>`)
      .join('');
  return escapeXml(String(value));
}

// EC2's query-protocol XML: lists as <item> elements, scalars as text.
export function ec2XmlOf(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => `<item>${ec2XmlOf(item)}</item>`).join('');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `<${key}>${ec2XmlOf(inner)}</${key}>`)
      .join('');
  return escapeXml(String(value));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
