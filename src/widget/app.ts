/**
 * The widget application module (widget-app.js): registers `<baton-chat>` with the built triage
 * worker and model. Loaded by the embed script on interaction or idle, or directly by a page that
 * uses the element inline.
 */
import { triageUrls } from '../triage/assets.ts';
import { BatonChat } from './baton-chat/baton-chat.ts';

BatonChat.triage = triageUrls();
