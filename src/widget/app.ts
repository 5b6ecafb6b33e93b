/**
 * The widget application module (widget-app.js): registers `<baton-chat>`. Loaded by the embed
 * script on interaction or idle, or directly by a page that uses the element inline.
 */
import './baton-chat/baton-chat.ts';
