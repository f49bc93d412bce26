// Records shared by the extension and the sync server: what travels, how it is
// identified, and how two versions merge.
export * from './article';
export * from './clock';
export * from './ids';
export * from './merge';
export * from './records';
export * from './sync';
