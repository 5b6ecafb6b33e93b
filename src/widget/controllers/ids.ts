/** Ids generated once, when a message is composed, so a resend after reconnect or reload is recognised. */
export const newId = (): string => crypto.randomUUID().replaceAll('-', '');
