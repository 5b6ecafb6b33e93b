// `npm run build` writes custom-elements.json from the public element's JSDoc: its attributes,
// properties, methods, events, CSS parts and custom properties, for editors and documentation.
export default {
  globs: ['src/widget/baton-chat/baton-chat.ts', 'src/widget/events.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
};
