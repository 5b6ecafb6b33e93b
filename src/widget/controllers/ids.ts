/**
 * Ids generated once, when a message is composed, so a resend after reconnect or reload is recognised.
 * `getRandomValues` works on plain-http customer pages too; `randomUUID` exists only in secure contexts.
 */
export const newId = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};
