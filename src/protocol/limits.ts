/** Limits shared by both sides so the widget can refuse early what the server would refuse anyway. */
export const LIMITS = {
  /** A chat message; longer text is refused, not truncated, so nothing is silently lost. */
  messageChars: 4000,
  /** Messages a handoff request may carry; older ones are already stored server-side. */
  transcriptMessages: 300,
  /**
   * The largest socket frame the server reads (socket.io's 1 MB default is far too large for chat):
   * a hand-off's transcript (the widget caps it at 256 K characters of JSON) with its packet.
   */
  socketBufferBytes: 384 * 1024,
  contactChars: 200,
  /** Events per socket per 10 s before the server starts refusing (the server's default; see its README for the rest). */
  eventsPer10s: 60,
} as const;
