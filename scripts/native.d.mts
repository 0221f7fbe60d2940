// Types of what the TypeScript tests take from native.mjs.
/** The folder holding node_api.h for this Node.js, or null. */
export function findNodeHeaders(): string | null;
