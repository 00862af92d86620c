/** Escapes text for XML element content and attribute values (both quote kinds), so any value is safe anywhere. */
export function escapeXml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
